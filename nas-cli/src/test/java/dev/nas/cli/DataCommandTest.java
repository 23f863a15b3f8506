package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import org.junit.jupiter.api.Test;

class DataCommandTest {

  @Test
  void findsTheSharedCifarSample() {
    String root = DataRoot.resolve(DataConfig.defaults()).path().toString();
    Cli r = Cli.run("data", "cifar10", "--root", root);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("cifar10-partial (5170 train, 1017 test images)"), r.out());
  }

  @Test
  void findsFashionMnist() {
    Cli r = Cli.run("data", "fashion-mnist", "--root", "/nonexistent");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("(60000 train, 10000 test images)"), r.out());
  }

  @Test
  void anUnknownDatasetListsTheAcceptedOnes() {
    Cli r = Cli.run("data", "mnist");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("'mnist' is not a dataset; accepted: cifar10, fashion-mnist"), r.err());
  }
}
