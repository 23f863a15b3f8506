package dev.nas.spaces.nb201;

import java.util.Arrays;
import java.util.List;

/** The three datasets of the NB201 table; {@link #id()} is the column prefix and the config value. */
public enum Nb201Dataset {
  CIFAR10("cifar10"),
  CIFAR100("cifar100"),
  IMAGENET16_120("imagenet16-120");

  private final String id;

  Nb201Dataset(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Nb201Dataset::id).toList();
  }

  /** The dataset with this id, or null. */
  public static Nb201Dataset byId(String id) {
    return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst().orElse(null);
  }
}
