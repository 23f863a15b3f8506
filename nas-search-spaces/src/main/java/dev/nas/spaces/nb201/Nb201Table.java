package dev.nas.spaces.nb201;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.nas.core.InputException;
import dev.nas.core.data.DataRoot;
import dev.nas.spaces.InputEcho;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The NAS-Bench-201 table ({@code nb201/nb201_table.csv} under the data root): for every cell and
 * dataset, 200-epoch and 12-epoch accuracies, parameters and FLOPs. Loading checks the header,
 * the row count, that every row's arch string is the one the official index order gives (so no
 * arch is missing or repeated) and that every figure is finite and in its column's range:
 * a NaN or negative accuracy loaded here would only surface later, as a failed or absurd trial.
 */
public final class Nb201Table {

  public static final String RELATIVE_PATH = "nb201/nb201_table.csv";
  private static final String ACCURACY = "a finite accuracy in % from 0 to 100";
  private static final String COUNT = "a finite number >= 0 (millions)";
  /** Per dataset, the columns in {@link Nb201Record}'s order and the values each accepts. */
  private static final List<Column> COLUMNS = List.of(
      new Column("_test_acc_200", 100, ACCURACY),
      // Present for about 725 cells only: an empty cell means "not available" (NaN in the record).
      new Column("_valid_acc_200", 100, ACCURACY),
      new Column("_test_acc_12", 100, ACCURACY),
      new Column("_valid_acc_12", 100, ACCURACY),
      new Column("_params_M", Double.POSITIVE_INFINITY, COUNT),
      new Column("_flops_M", Double.POSITIVE_INFINITY, COUNT));

  /** A figure column (without its dataset prefix): values finite and in {@code [0, max]}. */
  private record Column(String suffix, double max, String accepted) {
    boolean optional() {
      return suffix.equals("_valid_acc_200");
    }

    boolean accepts(double v) {
      return Double.isFinite(v) && v >= 0 && v <= max;
    }
  }
  private static final Map<String, Nb201Table> CACHE = new ConcurrentHashMap<>();

  private final Path file;
  private final Map<Nb201Dataset, Nb201Record[]> records;

  private Nb201Table(Path file, Map<Nb201Dataset, Nb201Record[]> records) {
    this.file = file;
    this.records = records;
  }

  /** Loads the table from the data root; a missing file says where it looked and how to fix it. */
  public static Nb201Table load(DataRoot root) {
    return load(root.require(RELATIVE_PATH, "NAS-Bench-201 table"));
  }

  /** Loads (once per file version) and validates the table at {@code file}. */
  public static Nb201Table load(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    String key;
    try {
      key = abs + "@" + Files.getLastModifiedTime(abs).toMillis() + ":" + Files.size(abs);
    } catch (IOException e) {
      throw new InputException("cannot read NAS-Bench-201 table " + abs + ": " + e.getMessage(), e);
    }
    return CACHE.computeIfAbsent(key, k -> read(abs));
  }

  public Path file() {
    return file;
  }

  public Nb201Record record(int officialIndex, Nb201Dataset dataset) {
    return records.get(dataset)[officialIndex];
  }

  private static Nb201Table read(Path file) {
    List<String> required = new ArrayList<>(List.of("index", "arch"));
    for (Nb201Dataset d : Nb201Dataset.values()) {
      for (Column c : COLUMNS) {
        required.add(d.id() + c.suffix());
      }
    }
    Map<Nb201Dataset, Nb201Record[]> records = new EnumMap<>(Nb201Dataset.class);
    for (Nb201Dataset d : Nb201Dataset.values()) {
      records.put(d, new Nb201Record[Nb201Space.SIZE]);
    }
    Nb201Space space = Nb201Space.instance();
    CsvMapper mapper = new CsvMapper();
    int row = 0;
    int line = 1;
    try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader())
        .readValues(file.toFile())) {
      while (it.hasNextValue()) {
        Map<String, String> r = it.nextValue();
        row++;
        // The line an editor shows: the table has one row per line after the header (its README:
        // plain CSV, no quoted line breaks), and the parser's own location lags one line behind.
        line = row + 1;
        if (row == 1) {
          List<String> missing = required.stream().filter(c -> !r.containsKey(c)).toList();
          if (!missing.isEmpty()) {
            throw bad(file, "header lacks the columns " + missing);
          }
        }
        int index = parseInt(file, line, "index", r.get("index"));
        if (index != row - 1) {
          throw bad(file, "line " + line + " (row " + row + ") has index " + index + ", expected " + (row - 1)
              + " (one row per arch, in index order: a row is missing, repeated or out of order)");
        }
        if (index >= Nb201Space.SIZE) {
          throw bad(file, "has more than " + Nb201Space.SIZE + " rows");
        }
        String expected = space.format(space.byIndex(index));
        if (!expected.equals(r.get("arch"))) {
          throw bad(file, "line " + line + " (index " + index + ") has arch " + InputEcho.quote(r.get("arch"))
              + ", but the official index order gives " + expected);
        }
        for (Nb201Dataset d : Nb201Dataset.values()) {
          double[] v = new double[COLUMNS.size()];
          for (int c = 0; c < COLUMNS.size(); c++) {
            Column col = COLUMNS.get(c);
            String column = d.id() + col.suffix();
            String cell = r.get(column);
            v[c] = cell == null || cell.isEmpty()
                ? (col.optional() ? Double.NaN : missingValue(file, line, column))
                : parseFigure(file, line, column, cell, col);
          }
          records.get(d)[index] = new Nb201Record(v[0], v[1], v[2], v[3], v[4], v[5]);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      throw bad(file, "cannot be parsed as CSV near line " + line + ": " + e.getMessage());
    }
    if (row != Nb201Space.SIZE) {
      throw bad(file, "has " + row + " rows, expected " + Nb201Space.SIZE);
    }
    return new Nb201Table(file, records);
  }

  private static double missingValue(Path file, int line, String column) {
    throw bad(file, "line " + line + " has no value in column " + column);
  }

  private static int parseInt(Path file, int line, String column, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw bad(file, "line " + line + ", column " + column + ": " + InputEcho.quote(text)
          + " is not accepted; accepted: an integer");
    }
  }

  /** A figure of {@code column}; "NaN", "Infinity" and out-of-range values are refused like text. */
  private static double parseFigure(Path file, int line, String column, String text, Column accepted) {
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      v = Double.NaN;
    }
    if (!accepted.accepts(v)) {
      throw bad(file, "line " + line + ", column " + column + ": " + InputEcho.quote(text)
          + " is not accepted; accepted: " + accepted.accepted()
          + (accepted.optional() ? ", or an empty cell (not available)" : ""));
    }
    return v;
  }

  private static InputException bad(Path file, String why) {
    return new InputException("NAS-Bench-201 table " + file + " " + why
        + ". Use the table from the shared data (nb201/nb201_table.csv, see its README).");
  }
}
