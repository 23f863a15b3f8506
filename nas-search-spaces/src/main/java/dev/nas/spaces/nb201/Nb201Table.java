package dev.nas.spaces.nb201;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.nas.core.InputException;
import dev.nas.core.data.DataRoot;
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
 * the row count and that every row's arch string is the one the official index order gives.
 */
public final class Nb201Table {

  public static final String RELATIVE_PATH = "nb201/nb201_table.csv";
  private static final String[] SUFFIXES =
      {"_test_acc_200", "_valid_acc_200", "_test_acc_12", "_valid_acc_12", "_params_M", "_flops_M"};
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
      for (String s : SUFFIXES) {
        required.add(d.id() + s);
      }
    }
    Map<Nb201Dataset, Nb201Record[]> records = new EnumMap<>(Nb201Dataset.class);
    for (Nb201Dataset d : Nb201Dataset.values()) {
      records.put(d, new Nb201Record[Nb201Space.SIZE]);
    }
    Nb201Space space = Nb201Space.instance();
    CsvMapper mapper = new CsvMapper();
    int row = 0;
    try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader())
        .readValues(file.toFile())) {
      while (it.hasNextValue()) {
        Map<String, String> r = it.nextValue();
        row++;
        if (row == 1) {
          List<String> missing = required.stream().filter(c -> !r.containsKey(c)).toList();
          if (!missing.isEmpty()) {
            throw bad(file, "header lacks the columns " + missing);
          }
        }
        int index = parseInt(file, row, "index", r.get("index"));
        if (index != row - 1) {
          throw bad(file, "row " + row + " has index " + index + ", expected " + (row - 1) + " (rows in index order)");
        }
        if (index >= Nb201Space.SIZE) {
          throw bad(file, "has more than " + Nb201Space.SIZE + " rows");
        }
        String expected = space.format(space.byIndex(index));
        if (!expected.equals(r.get("arch"))) {
          throw bad(file, "row " + row + " (index " + index + ") has arch " + r.get("arch")
              + ", but the official index order gives " + expected);
        }
        for (Nb201Dataset d : Nb201Dataset.values()) {
          double[] v = new double[SUFFIXES.length];
          for (int c = 0; c < SUFFIXES.length; c++) {
            String column = d.id() + SUFFIXES[c];
            String cell = r.get(column);
            boolean optional = SUFFIXES[c].equals("_valid_acc_200");
            v[c] = cell == null || cell.isEmpty()
                ? (optional ? Double.NaN : missingValue(file, row, column))
                : parseDouble(file, row, column, cell);
          }
          records.get(d)[index] = new Nb201Record(v[0], v[1], v[2], v[3], v[4], v[5]);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      throw bad(file, "cannot be parsed as CSV near row " + row + ": " + e.getMessage());
    }
    if (row != Nb201Space.SIZE) {
      throw bad(file, "has " + row + " rows, expected " + Nb201Space.SIZE);
    }
    return new Nb201Table(file, records);
  }

  private static double missingValue(Path file, int row, String column) {
    throw bad(file, "row " + row + " has no value in column " + column);
  }

  private static int parseInt(Path file, int row, String column, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw bad(file, "row " + row + " column " + column + " is '" + text + "', expected an integer");
    }
  }

  private static double parseDouble(Path file, int row, String column, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw bad(file, "row " + row + " column " + column + " is '" + text + "', expected a number");
    }
  }

  private static InputException bad(Path file, String why) {
    return new InputException("NAS-Bench-201 table " + file + " " + why
        + ". Use the table from the shared data (nb201/nb201_table.csv, see its README).");
  }
}
