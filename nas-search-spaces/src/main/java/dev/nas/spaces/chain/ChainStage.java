package dev.nas.spaces.chain;

import dev.nas.core.config.ConfigException;
import dev.nas.spaces.SizeLimits;

/** One stage of the chain: its output channels and the stride of its first block. */
public record ChainStage(Integer channels, Integer stride) {

  public ChainStage {
    if (channels == null || channels < 1 || channels > SizeLimits.CHANNELS) {
      throw ConfigException.badValue("channels", channels, "an integer from 1 to " + SizeLimits.CHANNELS);
    }
    stride = stride == null ? 1 : stride;
    if (stride != 1 && stride != 2) {
      throw ConfigException.badValue("stride", stride, "1 or 2");
    }
  }
}
