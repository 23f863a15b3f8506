package dev.nas.core.grade;

import dev.nas.core.arch.Architecture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Grades architectures by a benchmark that is independent of the search: what each scores when
 * trained from scratch, looked up (the NAS-Bench-201 table). The run records the grades of every
 * trial beside its metrics and reports how well its signal ranks them; strategies never see them,
 * so a search stays the same search whether it is graded or not.
 *
 * <p>Modules provide graders through {@link dev.nas.core.config.ComponentTypes#grader}; nas-core
 * knows no benchmark.
 */
public interface Grader {

  /** The benchmark, e.g. {@code nb201-table}. */
  String name();

  /** The benchmark's dataset whose figures grade, e.g. {@code cifar10}. */
  String dataset();

  /**
   * The figure a run is graded by (e.g. {@code test_acc_200}): the best trial's, and the one the
   * signal's rank correlations are taken against. Every grade holds it.
   */
  String metric();

  /**
   * The benchmark's figures for {@code architecture}, by name. A pure lookup: the same architecture
   * always gets the same figures, so a resumed run grades exactly as the uninterrupted one would.
   */
  Map<String, Double> grade(Architecture architecture);

  /** The data files the grades come from, for provenance (their hashes are recorded and checked on resume). */
  default List<Path> dataFiles() {
    return List.of();
  }
}
