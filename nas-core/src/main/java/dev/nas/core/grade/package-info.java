/**
 * Grading a search by an independent benchmark: a {@link dev.nas.core.grade.Grader} looks up what
 * an architecture scores when trained from scratch (the NAS-Bench-201 table), so that any search
 * signal (supernet scores, stand-alone training, the table's own 12-epoch figure) can be checked
 * against it: the graded accuracy of a run's best, and how well the signal ranks the trials
 * ({@link dev.nas.core.grade.RankCorrelation}). Strategies never see grades.
 */
package dev.nas.core.grade;
