package dev.nas.core.toy;

import dev.nas.core.arch.SearchSpace;
import dev.nas.core.arch.SearchSpaceContract;

class ToySpaceTest extends SearchSpaceContract {
  @Override
  protected SearchSpace space() {
    return new ToySpace();
  }
}
