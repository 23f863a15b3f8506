package dev.nas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataCommandTest {

  static final String SHA = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";

  @TempDir
  Path tmp;

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

  /** D17: only http and https are fetched; anything else is refused before a connection is tried. */
  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://example.org/cifar-10-binary.tar.gz", "jar:file:/x.jar!/a",
      "http:cifar.tar.gz", "/etc/passwd"})
  void refusesAUrlThatIsNotHttp(String url) {
    Path root = tmp.resolve("root");
    Cli r = Cli.run("data", "cifar10", "--root", root.toString(), "--url", url, "--sha256", SHA);
    assertEquals(2, r.exit(), r.err());
    assertEquals("nas: error: --url: '" + url + "' is not accepted; accepted: an http:// or https:// URL (of the"
        + " CIFAR-10 binary archive)", r.err().strip());
    assertFalse(Files.exists(root));
  }

  @Test
  void refusesASha256ThatIsNot64HexDigits() {
    for (String bad : new String[] {"abc", SHA.substring(1), SHA + "0", "g" + SHA.substring(1)}) {
      Cli r = Cli.run("data", "cifar10", "--root", tmp.toString(), "--url", "https://example.org/c.tar.gz",
          "--sha256", bad);
      assertEquals(2, r.exit(), r.err());
      assertEquals("nas: error: --sha256: '" + bad + "' is not accepted; accepted: 64 hexadecimal characters (the"
          + " SHA-256 of the archive at --url)", r.err().strip());
    }
    Cli r = Cli.run("data", "cifar10", "--root", tmp.toString(), "--sha256", SHA);
    assertEquals(2, r.exit(), r.err());
    assertEquals("nas: error: --sha256 checks the archive at --url: give --url too (the official archive's SHA-256"
        + " is built in)", r.err().strip());
  }

  /** Network failures are runtime failures (exit 1), told in one line naming the URL, without a stack trace. */
  @Test
  void a404AWrongChecksumAndARefusedConnectionExit1InOneLine() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] body = "not the archive".getBytes(StandardCharsets.US_ASCII);
    server.createContext("/wrong.tar.gz", exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Path root = tmp.resolve("root");
      Cli r = Cli.run("data", "cifar10", "--root", root.toString(), "--url", base + "/missing.tar.gz", "--sha256", SHA);
      assertEquals(1, r.exit(), r.err());
      assertEquals("nas: failed: downloading " + base + "/missing.tar.gz: the server answered HTTP 404; nothing was"
          + " installed", r.err().strip());

      r = Cli.run("data", "cifar10", "--root", root.toString(), "--url", base + "/wrong.tar.gz", "--sha256", SHA);
      assertEquals(1, r.exit(), r.err());
      assertOneLine(r.err());
      assertTrue(r.err().startsWith("nas: failed: the download of " + base + "/wrong.tar.gz has SHA-256 ")
          && r.err().contains("expected " + SHA), r.err());
      assertFalse(Files.exists(root.resolve("cifar10")));
    } finally {
      server.stop(0);
    }

    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/cifar-10-binary.tar.gz";
    Cli r = Cli.run("data", "cifar10", "--root", tmp.resolve("root").toString(), "--url", url, "--sha256", SHA);
    assertEquals(1, r.exit(), r.err());
    assertOneLine(r.err());
    assertTrue(r.err().startsWith("nas: failed: cannot reach " + url + " (connection refused)"), r.err());
  }

  private static void assertOneLine(String err) {
    assertEquals(1, err.strip().lines().count(), err);
    assertFalse(err.contains("Exception") || err.contains("\tat "), err);
  }

  @Test
  void urlAndSha256AreForCifar10Only() {
    Cli r = Cli.run("data", "fashion-mnist", "--url", "https://example.org/f.gz");
    assertEquals(2, r.exit(), r.err());
    assertEquals("nas: error: --url and --sha256 apply to cifar10 only: fashion-mnist is not downloaded",
        r.err().strip());
  }
}
