package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs of {@link BadInputCorpusTest}: each a command line (with {@code {s}} for its sandbox),
 * what the sandbox holds first, the exit code and a piece of the message that names the input.
 * Grouped as the campaign was: config values, config files, command lines, data roots, run
 * directories.
 */
final class BadInputCorpus {

  /** Prepares a case's sandbox (writes the files the command will be given). */
  @FunctionalInterface
  interface Setup {
    void prepare(Path sandbox) throws Exception;
  }

  record Case(String name, Setup setup, List<String> args, int exit, String expected) {}

  private static final Setup NOTHING = s -> {};

  private final Path oneRun;
  private final Path twoRuns;
  private final List<Case> cases = new ArrayList<>();

  /** Runs the finished NB201 searches the run-directory cases damage copies of. */
  BadInputCorpus(Path fixtures) throws IOException {
    oneRun = fixtures.resolve("one");
    twoRuns = fixtures.resolve("two");
    Cli.search("nb201-rea.yaml", oneRun, "--repeats", "1", "--set", "budget.trials=40", "-q");
    Cli.search("nb201-rea.yaml", twoRuns, "--repeats", "2", "--set", "budget.trials=30", "-q");
    configValues();
    configFiles();
    commandLines();
    dataRoots();
    runDirectories();
  }

  List<Case> cases() {
    return cases;
  }

  static String shorten(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  private void add(String name, Setup setup, int exit, String expected, String... args) {
    cases.add(new Case(name, setup, List.of(args), exit, expected));
  }

  private static String nb201() {
    return Cli.config("nb201-rea.yaml").toString();
  }

  /** {@code nas search nb201-rea.yaml --set key=value}: one bad value each. */
  private void configValues() {
    String[][] bad = {
        {"seed", "0.5", "abc", "1e30", "[1]", "{a: 1}", "true", "99999999999999999999"},
        {"repeats", "0", "-1", "100001", "1.5", "abc", "[1]", "{}"},
        {"budget.trials", "0", "-3", "1000001", "50.5", "1e9", "abc", "{}", "[]", "true"},
        {"budget.time", "0s", "-5m", "abc", "5 parsecs", "[1]", "{a: 1}"},
        {"budget.cost", "0", "-1", "abc", "[1]"},
        {"budget.count_duplicates", "maybe", "2", "[true]"},
        {"strategy.population", "1", "0", "-5", "100001", "2.5", "abc", "[]"},
        {"strategy.sample", "1", "11", "abc", "0.5"},
        {"strategy.type", "evolutoin", "1", "[]", "{}"},
        {"evaluator.type", "table", "1", "[]"},
        {"evaluator.dataset", "cifar-10", "1", "[cifar10]", "imagenet"},
        {"evaluator.fidelity", "13", "0", "-12", "abc", "12.5"},
        {"space.type", "nb202", "1", "[]"},
        {"name", "a/b", "../x", "a b", "x".repeat(300), "[1]"},
        {"objectives", "foo", "[1]", "[{metric: foo, goal: max}]", "[{metric: valid_acc_12, goal: up}]"},
        {"constraints", "foo", "[1]", "[params <= foo]", "['params <= 1e400']", "[{a: 1}]"},
        {"retrain", "5", "[1]"},
        {"data", "5"},
    };
    for (String[] row : bad) {
      String key = row[0];
      for (int i = 1; i < row.length; i++) {
        String value = row[i];
        String at = key.startsWith("objectives") || key.startsWith("constraints") ? key : key;
        add("--set " + key + "=" + shorten(value), NOTHING, 2, at, "search", nb201(), "--out", "{s}/run", "--set",
            key + "=" + value);
      }
    }
    String[][] zeroCost = {
        {"evaluator.proxy", "synflw", "[snip, snip]", "[snip, foo]", "1", "{a: 1}", "[[synflow]]"},
        {"evaluator.batch_size", "0", "1", "-5", "abc", "100000"},
        {"evaluator.dtype", "half", "1", "[float]"},
        {"evaluator.reference", "1", "0", "abc"},
        {"evaluator.seed", "abc", "0.5"},
    };
    for (String[] row : zeroCost) {
      for (int i = 1; i < row.length; i++) {
        add("zero-cost --set " + row[0] + "=" + row[i], NOTHING, 2, row[0], "search",
            Cli.config("nb201-zero-cost.yaml").toString(), "--out", "{s}/run", "--set", row[0] + "=" + row[i]);
      }
    }
    String[][] unknown = {{"strategy.populaton=12", "did you mean 'population'"}, {"budgett.trials=5", "budgett"},
        {"foo=1", "foo: unknown key"}, {"budget.trials.x=1", "budget.trials"}, {"=5", "not of the form"},
        {"budget..trials=5", "empty key segment"}, {"space=nb201", "space"}, {"strategy=random", "strategy"},
        {"x".repeat(20_000) + "=1", "characters long"}};
    for (String[] u : unknown) {
      add("--set " + shorten(u[0]), NOTHING, 2, u[1], "search", nb201(), "--out", "{s}/run", "--set", u[0]);
    }
    add("retrain top_k 0", NOTHING, 2, "retrain.top_k", "search", nb201(), "--out", "{s}/run", "--set",
        "retrain.top_k=0", "--set", "retrain.evaluator.type=nb201-table");
    add("retrain in another space", NOTHING, 2, "retrain.space", "search", nb201(), "--out", "{s}/run", "--set",
        "retrain.space.type=darts", "--set", "retrain.evaluator.type=nb201-table");
  }

  private void file(String name, String yaml, String expected) {
    add("config file: " + name, s -> Files.writeString(s.resolve("c.yaml"), yaml), 2, expected, "search", "{s}/c.yaml",
        "--out", "{s}/run");
  }

  private static final String BODY = "space: {type: nb201}\nevaluator: {type: nb201-table}\nstrategy: {type: random}\n";

  /** Whole config files: broken YAML, wrong shapes, aliases, duplicates, huge or binary files. */
  private void configFiles() {
    file("empty", "", "must be a YAML mapping");
    file("only comments", "# nothing\n", "must be a YAML mapping");
    file("a list", "- 1\n- 2\n", "must be a YAML mapping");
    file("a scalar", "hello\n", "must be a YAML mapping");
    file("missing space", "evaluator: {type: nb201-table}\nstrategy: {type: random}\n", "space: is required");
    file("missing strategy", "space: {type: nb201}\nevaluator: {type: nb201-table}\n", "strategy: is required");
    file("space without type", "space: {}\nevaluator: {type: nb201-table}\nstrategy: {type: random}\n", "space.type");
    file("space as text", "space: nb201\nevaluator: {type: nb201-table}\nstrategy: {type: random}\n", "space");
    file("tab indentation", "space:\n\ttype: nb201\n", "not valid YAML");
    file("unclosed bracket", "space: {type: nb201\n", "not valid YAML");
    file("unclosed quote", "name: \"abc\n" + BODY, "not valid YAML");
    file("alias", "name: &r abc\nseed: *r\n" + BODY, "YAML alias '*r'");
    file("alias as name", "x: &r abc\nname: *r\n" + BODY, "name: config file");
    file("merge key", "base: &b {type: random}\n" + BODY.replace("strategy: {type: random}", "strategy: {<<: *b}"),
        "alias");
    file("duplicate key", BODY + "budget: {trials: 5, trials: 7}\n", "'trials' is written twice");
    file("duplicate section", BODY + "strategy: {type: evolution}\n", "'strategy' is written twice");
    file("fractional trials", BODY + "budget: {trials: 50.5}\n", "budget.trials: '50.5' is not accepted");
    file(".nan", BODY + "budget: {cost: .nan}\n", "'.nan' is not accepted; accepted: a finite number");
    file(".inf", BODY + "budget: {cost: .inf}\n", "is not accepted");
    file("unknown top-level key", BODY + "strategyy: {}\n", "strategyy: unknown key");
    file("type tag", "!!java.io.File x\n" + BODY, "YAML tag");
    file("type tag on a value", BODY + "name: !!str abc\n", "name: config file");
    file("nested too deep", "a: " + "[".repeat(5000) + "]".repeat(5000) + "\n" + BODY, "nesting depth");
    add("config file: 2 MB", s -> Files.writeString(s.resolve("c.yaml"), "name: \"" + "x".repeat(2 << 20) + "\"\n"
        + BODY), 2, "at most 1048576 bytes", "search", "{s}/c.yaml", "--out", "{s}/run");
    add("config file: 900 KB scalar", s -> Files.writeString(s.resolve("c.yaml"), "name: \"" + "x".repeat(900_000)
        + "\"\n" + BODY), 2, "name: 'xxxx", "search", "{s}/c.yaml", "--out", "{s}/run");
    add("config file: binary", s -> Files.write(s.resolve("c.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}), 2,
        "is not UTF-8 text", "search", "{s}/c.yaml", "--out", "{s}/run");
    add("config file: NUL", s -> Files.writeString(s.resolve("c.yaml"), BODY + "\0\n"), 2, "NUL character", "search",
        "{s}/c.yaml", "--out", "{s}/run");
    add("config file: latin-1", s -> Files.write(s.resolve("c.yaml"), ("name: caf\u00e9\n" + BODY)
        .getBytes(StandardCharsets.ISO_8859_1)), 2, "is not UTF-8 text", "search", "{s}/c.yaml", "--out", "{s}/run");
    add("config file: /dev/zero", NOTHING, 2, "/dev/zero is not a regular file", "search", "/dev/zero", "--out",
        "{s}/run");
    add("config file: /dev/null", NOTHING, 2, "/dev/null is not a regular file", "search", "/dev/null", "--out",
        "{s}/run");
    add("config file: a directory", NOTHING, 2, "is a directory", "search", "{s}", "--out", "{s}/run");
    add("config file: missing", NOTHING, 2, "config file not found", "search", "{s}/none.yaml", "--out", "{s}/run");
    add("config file: broken symlink", s -> Files.createSymbolicLink(s.resolve("c.yaml"), s.resolve("gone.yaml")), 2,
        "broken symbolic link", "search", "{s}/c.yaml", "--out", "{s}/run");
    add("config file: a pipe", s -> mkfifo(s.resolve("c.yaml")), 2, "not a regular file", "search", "{s}/c.yaml",
        "--out", "{s}/run");
  }

  private static void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor());
  }

  /** Flags and arguments of every command. */
  private void commandLines() {
    add("no command", NOTHING, 2, "a command is required");
    add("unknown command", NOTHING, 2, "serch", "serch");
    add("help of an unknown command", NOTHING, 2, "nosuch", "help", "nosuch");
    add("unknown flag", NOTHING, 2, "--sed", "search", nb201(), "--sed", "3");
    add("missing config", NOTHING, 2, "CONFIG", "search");
    add("--seed abc", NOTHING, 2, "--seed", "search", nb201(), "--seed", "abc");
    add("--seed 0.5", NOTHING, 2, "--seed", "search", nb201(), "--seed", "0.5");
    add("--repeats 0", NOTHING, 2, "repeats", "search", nb201(), "--out", "{s}/run", "--repeats", "0");
    add("--repeats x", NOTHING, 2, "--repeats", "search", nb201(), "--repeats", "x");
    add("--log-format xml", NOTHING, 2, "--log-format", "search", nb201(), "--log-format", "xml");
    add("--out empty", NOTHING, 2, "--out: an empty path", "search", nb201(), "--out", "");
    add("--out a file", s -> Files.writeString(s.resolve("f.txt"), "x"), 2, "is a file, not a directory", "search",
        nb201(), "--out", "{s}/f.txt");
    add("--out under a file", s -> Files.writeString(s.resolve("f.txt"), "x"), 2, "is a file, not a directory",
        "search", nb201(), "--out", "{s}/f.txt/sub");
    add("--out a non-empty folder", s -> Files.writeString(Files.createDirectories(s.resolve("d")).resolve("k"), "x"),
        2, "not a run directory, so choose another --out", "search", nb201(), "--out", "{s}/d");
    add("--out /dev/null", NOTHING, 2, "/dev/null", "search", nb201(), "--out", "/dev/null");
    add("--set without =", NOTHING, 2, "not of the form", "search", nb201(), "--out", "{s}/run", "--set", "seed");
    add("json log of an error", NOTHING, 2, "\"event\":\"error\"", "search", nb201(), "--out", "{s}/run",
        "--log-format", "json", "--set", "seed=abc");
    add("resume: missing", NOTHING, 2, "not a run directory", "resume", "{s}/none");
    add("resume: a file", s -> Files.writeString(s.resolve("f"), "x"), 2, "not a run directory", "resume", "{s}/f");
    add("resume: an empty folder", NOTHING, 2, "not a run directory", "resume", "{s}");
    add("resume: no argument", NOTHING, 2, "DIR", "resume");
    add("export: missing", NOTHING, 2, "not a run directory", "export", "{s}/none");
    add("export: empty folder", NOTHING, 2, "has no summary.json", "export", "{s}");
    add("export: --top-k 0", NOTHING, 2, "--top-k", "export", "{s}", "--top-k", "0");
    add("export: --top-k x", NOTHING, 2, "--top-k", "export", "{s}", "--top-k", "x");
    add("report: missing", NOTHING, 2, "not a run directory", "report", "{s}/none");
    add("report: a file", s -> Files.writeString(s.resolve("f"), "x"), 2, "is a file", "report", "{s}/f");
    add("runs: missing folder", NOTHING, 2, "does not exist", "runs", "{s}/none");
    add("runs: a file", s -> Files.writeString(s.resolve("f"), "x"), 2, "is not a directory", "runs", "{s}/f");
    add("describe: nothing", NOTHING, 2, "--space", "describe");
    add("describe: no arch", NOTHING, 2, "--arch", "describe", "--space", "nb201");
    add("describe: unknown space", NOTHING, 2, "nb202", "describe", "--space", "nb202", "--arch", "x");
    add("describe: garbage arch", NOTHING, 2, "NB201", "describe", "--space", "nb201", "--arch", "garbage");
    add("describe: empty arch", NOTHING, 2, "NB201", "describe", "--space", "nb201", "--arch", "");
    add("describe: unknown op", NOTHING, 2, "conv_5x5", "describe", "--space", "nb201", "--arch",
        "|nor_conv_3x3~0|+|conv_5x5~0|none~1|+|none~0|none~1|none~2|");
    add("describe: 1 MB arch", NOTHING, 2, "characters", "describe", "--space", "nb201", "--arch",
        "|" + "x".repeat(1 << 20));
    add("describe: genotype in nb201", NOTHING, 2, "--genotype", "describe", "--space", "nb201", "--genotype",
        "DARTS_V2");
    add("describe: unknown genotype", NOTHING, 2, "DARTS_V9", "describe", "--space", "darts", "--genotype",
        "DARTS_V9");
    add("describe: bad --set", NOTHING, 2, "channels", "describe", "--space", "darts", "--genotype", "DARTS_V2",
        "--set", "channels=abc");
    add("describe: --config missing", NOTHING, 2, "not found", "describe", "--config", "{s}/none.yaml", "--arch", "x");
    add("predict: missing model", NOTHING, 2, "model", "predict", "{s}/none.zip", "{s}/none.png");
    add("predict: no image", NOTHING, 2, "IMAGE", "predict", "{s}/none.zip");
    add("data: unknown dataset", NOTHING, 2, "'mnist' is not a dataset", "data", "mnist");
    add("train: nothing to train", NOTHING, 2, "needs a run directory, an architecture.json", "train");
    add("train: missing run", NOTHING, 2, "none", "train", "{s}/none");
    add("train: --epochs x", NOTHING, 2, "--epochs", "train", "{s}", "--epochs", "x");
  }

  /** A data root the NB201 search is pointed at, damaged in one way each. */
  private void dataRoots() {
    String[][] tables = {
        {"empty table", ""},
        {"header only", "arch_index,arch_str\n"},
        {"garbage", "this is not, a table\n1,2\n"},
        {"binary", "\u0000\u0001\u0002\u00ff"},
    };
    for (String[] t : tables) {
      add("data root: " + t[0], s -> Files.writeString(Files.createDirectories(s.resolve("data/nb201"))
          .resolve("nb201_table.csv"), t[1]), 2, "nb201_table.csv", "search", nb201(), "--out", "{s}/run", "--set",
          "data.root={s}/data");
    }
    add("data root: no table", s -> Files.createDirectories(s.resolve("data")), 2, "NAS-Bench-201 table not found",
        "search", nb201(), "--out", "{s}/run", "--set", "data.root={s}/data");
    add("data root: missing", NOTHING, 2, "NAS-Bench-201 table not found", "search", nb201(), "--out", "{s}/run",
        "--set", "data.root={s}/none");
    add("data root: table is a folder", s -> Files.createDirectories(s.resolve("data/nb201/nb201_table.csv")), 2,
        "nb201_table.csv", "search", nb201(), "--out", "{s}/run", "--set", "data.root={s}/data");
    add("data root: a file", s -> Files.writeString(s.resolve("data"), "x"), 2, "nb201", "search", nb201(), "--out",
        "{s}/run", "--set", "data.root={s}/data");
    add("data root: truncated table", s -> {
      Path real = dev.nas.core.data.DataRoot.resolve(dev.nas.core.config.DataConfig.defaults()).path()
          .resolve("nb201/nb201_table.csv");
      List<String> lines = Files.readAllLines(real).subList(0, 1000);
      Files.write(Files.createDirectories(s.resolve("data/nb201")).resolve("nb201_table.csv"), lines);
    }, 2, "nb201_table.csv", "search", nb201(), "--out", "{s}/run", "--set", "data.root={s}/data");
    for (String[] row : new String[][] {{"NaN accuracy", "NaN"}, {"infinite accuracy", "Infinity"},
        {"negative accuracy", "-5"}, {"accuracy 1e9", "1e9"}, {"text accuracy", "abc"}}) {
      add("data root: " + row[0], s -> damagedTable(s, row[1]), 2, "nb201_table.csv", "search", nb201(), "--out",
          "{s}/run", "--set", "data.root={s}/data");
    }
  }

  /** The real table with one accuracy of one row replaced by {@code value}. */
  private static void damagedTable(Path sandbox, String value) throws IOException {
    Path real = dev.nas.core.data.DataRoot.resolve(dev.nas.core.config.DataConfig.defaults()).path()
        .resolve("nb201/nb201_table.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(real));
    List<String> header = List.of(lines.get(0).split(",", -1));
    int column = -1;
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).contains("test_acc") || header.get(i).contains("valid_acc")) {
        column = i;
        break;
      }
    }
    String[] cells = lines.get(100).split(",", -1);
    cells[column] = value;
    lines.set(100, String.join(",", cells));
    Files.write(Files.createDirectories(sandbox.resolve("data/nb201")).resolve("nb201_table.csv"), lines);
  }

  private Setup copy(Path fixture, Setup damage) {
    return s -> {
      copyTree(fixture, s.resolve("run"));
      damage.prepare(s.resolve("run"));
    };
  }

  /** A killed run: its result and summary not written yet. */
  private static void unfinish(Path run) throws IOException {
    Files.deleteIfExists(run.resolve("summary.json"));
    try (Stream<Path> s = Files.walk(run)) {
      for (Path p : s.filter(p -> p.getFileName().toString().equals("result.json")).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void replaceIn(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    if (!text.contains(from)) {
      throw new IllegalStateException(file + " has no '" + from + "'");
    }
    Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }

  /** Line {@code n} (1-based) of the journal replaced by {@code text}. */
  private static void journalLine(Path journal, int n, java.util.function.UnaryOperator<String> edit)
      throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(journal));
    lines.set(n - 1, edit.apply(lines.get(n - 1)));
    Files.write(journal, lines);
  }

  /** A killed run (no result yet) with one damage, which resume must refuse leaving it as it is. */
  private void killedAndDamaged(String name, Path fixture, Setup damage, String expected) {
    add("resume: " + name, copy(fixture, r -> {
      unfinish(r);
      damage.prepare(r);
    }), 2, expected, "resume", "{s}/run");
  }

  /** Damaged copies of finished (or killed) runs given to resume, export, report and train. */
  private void runDirectories() {
    for (String command : new String[] {"resume", "export", "report"}) {
      add(command + ": summary.json {}", copy(oneRun, r -> Files.writeString(r.resolve("summary.json"), "{}")),
          2, "summary.json is damaged", command, "{s}/run");
      add(command + ": config.yaml missing", copy(oneRun, r -> Files.delete(r.resolve("config.yaml"))), 2,
          command.equals("resume") ? "not a run directory" : "config file not found", command, "{s}/run");
      add(command + ": config.yaml garbage", copy(oneRun, r -> Files.writeString(r.resolve("config.yaml"), "::: [")),
          2, "config.yaml", command, "{s}/run");
    }
    // resume's summary.json {} case: a finished run whose summary is damaged is written again, so
    // that one is not bad input; it is replaced below by cases resume must refuse.
    cases.removeIf(c -> c.name().equals("resume: summary.json {}"));
    killedAndDamaged("config edited (dataset)", oneRun, r -> {
      replaceIn(r.resolve("config.yaml"), "dataset: cifar10", "dataset: cifar100");
    }, "evaluator.dataset: cifar10 -> cifar100");
    killedAndDamaged("config edited (budget)", oneRun, r -> {
      replaceIn(r.resolve("config.yaml"), "trials: 40", "trials: 20");
    }, "budget.trials: 40 -> 20");
    killedAndDamaged("config edited (seed)", twoRuns, r -> {
      replaceIn(r.resolve("config.yaml"), "seed: 0", "seed: 1");
    }, "seed: 0 -> 1");
    killedAndDamaged("provenance missing", oneRun, r -> {
      Files.delete(r.resolve("provenance.json"));
    }, "provenance.json is missing or damaged");
    killedAndDamaged("provenance {}", oneRun, r -> {
      Files.writeString(r.resolve("provenance.json"), "{}");
    }, "provenance.json is missing or damaged");
    killedAndDamaged("journal line edited", oneRun, r -> {
      journalLine(r.resolve("journal.jsonl"), 4, l -> l.replaceFirst("\"valid_acc_12\":[0-9.]+", "\"valid_acc_12\":99.9"));
    }, "SHA-256 differs");
    killedAndDamaged("journal line garbage mid-file", oneRun, r -> {
      journalLine(r.resolve("journal.jsonl"), 3, l -> "garbage");
    }, "line 3 is not a trial record");
    killedAndDamaged("second run's journal edited", twoRuns, r -> {
      journalLine(r.resolve("seed-1/journal.jsonl"), 6, l -> l.replaceFirst("\"test_acc_200\":[0-9.]+",
          "\"test_acc_200\":99.9"));
    }, "SHA-256 differs");
    killedAndDamaged("checkpoint of another seed", oneRun, r -> {
      replaceIn(r.resolve("state/strategy.json"), "\"seed\" : 0", "\"seed\" : 5");
    }, "was written for seed 5");
    killedAndDamaged("checkpoint of another config", oneRun, r -> {
      replaceIn(r.resolve("state/strategy.json"), "\"config\" : \"", "\"config\" : \"0");
    }, "The config, the seed or the code changed");
    killedAndDamaged(".lock is a folder", oneRun, r -> {
      Files.delete(r.resolve(".lock"));
      Files.createDirectories(r.resolve(".lock"));
    }, ".lock should be a regular file");
    killedAndDamaged("state is a file", oneRun, r -> {
      deleteTree(r.resolve("state"));
      Files.writeString(r.resolve("state"), "x");
    }, "state should be a directory");
    killedAndDamaged("journal is a folder", oneRun, r -> {
      Files.delete(r.resolve("journal.jsonl"));
      Files.createDirectories(r.resolve("journal.jsonl"));
    }, "journal.jsonl should be a regular file");
    add("resume: result.json {}", copy(oneRun, r -> {
      Files.delete(r.resolve("summary.json"));
      Files.writeString(r.resolve("result.json"), "{}");
    }), 2, "result.json is damaged", "resume", "{s}/run");
    add("resume: result.json garbage", copy(twoRuns, r -> {
      Files.delete(r.resolve("summary.json"));
      Files.writeString(r.resolve("seed-1/result.json"), "not json");
    }), 2, "result.json is damaged", "resume", "{s}/run");
    killedAndDamaged("seed folder is a file", twoRuns, r -> {
      deleteTree(r.resolve("seed-1"));
      Files.writeString(r.resolve("seed-1"), "x");
    }, "should be a directory");
    add("export: journal deleted", copy(oneRun, r -> Files.delete(r.resolve("journal.jsonl"))), 2,
        "journal.jsonl is missing", "export", "{s}/run", "--no-svg");
    add("export: summary garbage", copy(oneRun, r -> Files.writeString(r.resolve("summary.json"), "{\"runs\": 5")), 2,
        "summary.json is damaged", "export", "{s}/run", "--no-svg");
    add("export: into a non-empty folder", copy(oneRun, r -> Files.writeString(Files.createDirectories(r.resolve(
        "export")).resolve("mine.txt"), "keep")), 2, "already exists and is not empty", "export", "{s}/run");
    add("export: --out a file", copy(oneRun, r -> Files.writeString(r.resolve("f"), "x")), 2, "is a file", "export",
        "{s}/run", "--out", "{s}/run/f");
    add("export: retrain.jsonl garbage", copy(oneRun, r -> Files.writeString(r.resolve("retrain.jsonl"), "x\n")), 2,
        "retrain.jsonl is damaged", "export", "{s}/run", "--no-svg");
    add("export: unfinished", copy(oneRun, BadInputCorpus::unfinish), 2, "finish the search first", "export",
        "{s}/run");
    add("report: --out a folder", copy(oneRun, NOTHING), 2, "is a directory", "report", "{s}/run", "--out", "{s}/run");
    add("report: --out a pipe", copy(oneRun, r -> mkfifo(r.getParent().resolve("p"))), 2, "not a regular file",
        "report", "{s}/run", "--out", "{s}/p");
    add("report: --out a symlink", copy(oneRun, r -> {
      Files.writeString(r.getParent().resolve("target.html"), "keep");
      Files.createSymbolicLink(r.getParent().resolve("link.html"), r.getParent().resolve("target.html"));
    }), 2, "is a symbolic link", "report", "{s}/run", "--out", "{s}/link.html");
    add("report: --out /dev/null", copy(oneRun, NOTHING), 2, "not a regular file", "report", "{s}/run", "--out",
        "/dev/null");
    add("report: --out in a missing folder", copy(oneRun, NOTHING), 2, "does not exist", "report", "{s}/run", "--out",
        "{s}/no/such/dir/r.html");
    add("report: --out under a file", copy(oneRun, r -> Files.writeString(r.getParent().resolve("f.txt"), "x")), 2,
        "is not a directory", "report", "{s}/run", "--out", "{s}/f.txt/r.html");
    add("report: unfinished", copy(oneRun, BadInputCorpus::unfinish), 2, "finish the search first", "report",
        "{s}/run");
    add("train: unfinished run", copy(oneRun, BadInputCorpus::unfinish), 2, "finish the search first", "train",
        "{s}/run");
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
