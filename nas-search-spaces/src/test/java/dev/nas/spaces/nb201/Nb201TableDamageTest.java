package dev.nas.spaces.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nas.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Damaged copies of the shared NB201 table (written to a temporary folder; no data rows live in
 * the repository): the loader refuses each, naming the file, the line, the column, the value and
 * what it accepts. The loader needs all 15,625 rows, so each copy alters one row of the real table.
 */
class Nb201TableDamageTest {

  private static final String ACCURACY = "accepted: a finite accuracy in % from 0 to 100";
  private static final String COUNT = "accepted: a finite number >= 0 (millions)";
  /** A row in the middle of the file, so the reported line is not an accident of the first row. */
  private static final int INDEX = 4242;
  private static final int LINE = INDEX + 2;

  private static List<String> lines;
  private static List<String> header;

  @TempDir
  Path dir;

  @BeforeAll
  static void readTheRealTable() throws IOException {
    lines = Files.readAllLines(SharedData.table());
    header = Arrays.asList(lines.get(0).split(",", -1));
  }

  /** The real table with {@code column} of the row at {@code index} set to {@code value}. */
  private Path withCell(String name, int index, String column, String value) throws IOException {
    List<String> copy = new ArrayList<>(lines);
    String[] cells = copy.get(index + 1).split(",", -1);
    int c = header.indexOf(column);
    assertTrue(c >= 0, "no column " + column + " in " + header);
    cells[c] = value;
    copy.set(index + 1, String.join(",", cells));
    return write(name, copy);
  }

  private Path write(String name, List<String> content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content);
    return file;
  }

  private static String refusal(Path file) {
    return assertThrows(InputException.class, () -> Nb201Table.load(file)).getMessage();
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = ';', value = {
      "cifar10_test_acc_200; NaN",
      "cifar10_test_acc_200; Infinity",
      "cifar10_test_acc_200; -Infinity",
      "cifar10_test_acc_200; -0.5",
      "cifar10_test_acc_200; 1e9",
      "cifar10_test_acc_200; 100.000001",
      "cifar10_test_acc_200; ninety",
      "cifar100_test_acc_12; NaN",
      "cifar100_valid_acc_12; -1",
      "imagenet16-120_valid_acc_12; 1e9",
      "imagenet16-120_test_acc_200; Infinity"})
  void outOfRangeAccuraciesAreRefusedWithLineColumnValueAndRange(String column, String value) throws IOException {
    Path file = withCell("bad.csv", INDEX, column, value);
    String m = refusal(file);
    assertTrue(m.startsWith("NAS-Bench-201 table " + file + " line " + LINE + ", column " + column + ": '" + value
        + "' is not accepted; " + ACCURACY), m);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = ';', value = {
      "cifar10_params_M; -0.1",
      "cifar10_params_M; NaN",
      "cifar100_flops_M; Infinity",
      "imagenet16-120_flops_M; -1e-9",
      "imagenet16-120_params_M; 0x"})
  void negativeOrNonFiniteCountsAreRefused(String column, String value) throws IOException {
    String m = refusal(withCell("bad.csv", INDEX, column, value));
    assertTrue(m.contains(" line " + LINE + ", column " + column + ": '" + value + "' is not accepted; " + COUNT), m);
  }

  @Test
  void anEmptyValidAcc200MeansNotAvailableButNanTextIsRefused() throws IOException {
    // The real table leaves most valid_acc_200 cells empty: that loads as NaN ("not available").
    Nb201Table table = Nb201Table.load(withCell("empty.csv", INDEX, "cifar10_valid_acc_200", ""));
    assertTrue(Double.isNaN(table.record(INDEX, Nb201Dataset.CIFAR10).validAcc200()));
    String m = refusal(withCell("nan.csv", INDEX, "cifar10_valid_acc_200", "NaN"));
    assertTrue(m.contains("line " + LINE + ", column cifar10_valid_acc_200: 'NaN' is not accepted; " + ACCURACY
        + ", or an empty cell (not available)"), m);
    String empty = refusal(withCell("missing.csv", INDEX, "cifar10_test_acc_12", ""));
    assertTrue(empty.contains("line " + LINE + " has no value in column cifar10_test_acc_12"), empty);
  }

  @Test
  void theEndsOfEveryRangeAreAccepted() throws IOException {
    List<String> copy = new ArrayList<>(lines);
    String[] cells = copy.get(INDEX + 1).split(",", -1);
    cells[header.indexOf("cifar10_test_acc_200")] = "100";
    cells[header.indexOf("cifar10_valid_acc_12")] = "0";
    cells[header.indexOf("cifar10_params_M")] = "0";
    cells[header.indexOf("cifar10_flops_M")] = "1e6";
    copy.set(INDEX + 1, String.join(",", cells));
    Nb201Record r = Nb201Table.load(write("ends.csv", copy)).record(INDEX, Nb201Dataset.CIFAR10);
    assertEquals(new Nb201Record(100, r.validAcc200(), r.testAcc12(), 0, 0, 1e6), r);
  }

  @Test
  void aHugeValueIsNotEchoedWhole() throws IOException {
    String huge = "9".repeat(1 << 20);
    String m = refusal(withCell("huge.csv", INDEX, "cifar10_test_acc_12", huge));
    assertTrue(m.length() < 500, "message of " + m.length() + " characters");
    assertTrue(m.contains("'" + "9".repeat(80) + "...' (1048576 characters) is not accepted; " + ACCURACY), m);
  }

  @Test
  void aRepeatedRowIsRefused() throws IOException {
    List<String> copy = new ArrayList<>(lines);
    copy.set(INDEX + 2, lines.get(INDEX + 1));
    String m = refusal(write("repeated.csv", copy));
    assertTrue(m.contains("line " + (LINE + 1) + " (row " + (INDEX + 2) + ") has index " + INDEX + ", expected "
        + (INDEX + 1) + " (one row per arch, in index order: a row is missing, repeated or out of order)"), m);
  }

  @Test
  void aMissingRowIsRefused() throws IOException {
    List<String> copy = new ArrayList<>(lines);
    copy.remove(INDEX + 1);
    String m = refusal(write("missing.csv", copy));
    assertTrue(m.contains("line " + LINE + " (row " + (INDEX + 1) + ") has index " + (INDEX + 1) + ", expected "
        + INDEX), m);
  }

  @Test
  void aRepeatedArchUnderTheRightIndexIsRefused() throws IOException {
    String other = lines.get(INDEX + 2).split(",", -1)[1];
    String m = refusal(withCell("arch.csv", INDEX, "arch", other));
    String expected = Nb201Space.instance().format(Nb201Space.instance().byIndex(INDEX));
    assertTrue(m.contains("line " + LINE + " (index " + INDEX + ") has arch '" + other
        + "', but the official index order gives " + expected), m);
  }
}
