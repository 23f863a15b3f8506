package dev.nas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hashing;
import com.sun.net.httpserver.HttpServer;
import dev.nas.core.InputException;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CIFAR-10 download against an HTTP server on loopback serving an archive laid out like the
 * official one (real records from the shared sample, a few per batch file).
 */
class Cifar10DownloadTest {

  private static final int RECORDS = 7;

  private HttpServer server;
  private byte[] archive;
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  /** Bytes to send before dropping the connection, for the next N requests without a Range header. */
  private volatile int truncateAt = -1;
  private final AtomicInteger truncations = new AtomicInteger();
  private volatile boolean ignoreRange;
  @TempDir
  Path tmp;

  @BeforeEach
  void serve() throws IOException {
    archive = officialLayout();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/cifar-10-binary.tar.gz", exchange -> {
      String range = exchange.getRequestHeaders().getFirst("Range");
      ranges.add(range == null ? "none" : range);
      int from = 0;
      if (range != null && !ignoreRange) {
        from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (archive.length - 1) + "/" + archive.length);
        exchange.sendResponseHeaders(206, archive.length - from);
      } else {
        exchange.sendResponseHeaders(200, archive.length);
      }
      try (OutputStream out = exchange.getResponseBody()) {
        if (range == null && truncateAt > 0 && truncations.getAndDecrement() > 0) {
          out.write(archive, 0, truncateAt);
          out.flush();
          exchange.getHttpContext().getServer(); // the connection is dropped below, mid-body
          exchange.close();
          return;
        }
        out.write(archive, from, archive.length - from);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Download download() {
    return new Download(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cifar-10-binary.tar.gz"),
        archive.length, Hashing.sha256().hashBytes(archive).toString());
  }

  private DataRoot root() {
    return new DataRoot(tmp.resolve("data"), "the test");
  }

  @Test
  void downloadsChecksAndUnpacksIntoTheDataRoot() throws IOException {
    Path dir = Cifar10.install(root(), download(), false);
    assertEquals(root().path().resolve("cifar10"), dir);
    assertEquals(Path.of("cifar10"), root().path().relativize(Cifar10.find(root())));
    ImageSet test = Cifar10.test(root());
    assertEquals(RECORDS, test.size());
    assertArrayEquals(Arrays.copyOf(sample().labels(), RECORDS), test.labels());
    assertEquals(5 * RECORDS, Cifar10.train(root()).size());
    assertFalse(Files.exists(root().path().resolve("cifar10.unpacking")));
    assertEquals(List.of("none"), ranges);
    Cifar10.install(root(), download(), false);
    assertEquals(1, ranges.size(), "an installed set is not downloaded again");
  }

  @Test
  void aDroppedConnectionResumesWithARangeRequest() {
    truncateAt = archive.length / 3;
    truncations.set(1);
    Cifar10.install(root(), download(), false);
    assertEquals(List.of("none", "bytes=" + archive.length / 3 + "-"), ranges);
    assertEquals(RECORDS, Cifar10.test(root()).size());
  }

  @Test
  void aPartialFileFromAnEarlierRunIsResumed() throws IOException {
    Path part = root().path().resolve("downloads/cifar-10-binary.tar.gz.part");
    Files.createDirectories(part.getParent());
    Files.write(part, Arrays.copyOf(archive, 1000));
    Cifar10.install(root(), download(), false);
    assertEquals(List.of("bytes=1000-"), ranges);
    assertFalse(Files.exists(part));
  }

  @Test
  void aServerThatIgnoresRangeMakesTheDownloadStartOver() throws IOException {
    ignoreRange = true;
    Path part = root().path().resolve("downloads/cifar-10-binary.tar.gz.part");
    Files.createDirectories(part.getParent());
    Files.write(part, Arrays.copyOf(archive, 1000));
    Cifar10.install(root(), download(), false);
    assertEquals(RECORDS, Cifar10.test(root()).size());
  }

  @Test
  void aWrongChecksumInstallsNothing() {
    Download wrong = new Download(download().url(), archive.length, "00".repeat(32));
    var e = assertThrows(DownloadException.class, () -> Cifar10.install(root(), wrong, false));
    assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("expected " + "00".repeat(32)), e.getMessage());
    assertFalse(Files.exists(root().path().resolve("cifar10")));
    assertFalse(Files.exists(root().path().resolve("downloads/cifar-10-binary.tar.gz")));
    assertFalse(Files.exists(root().path().resolve("downloads/cifar-10-binary.tar.gz.part")));
  }

  @Test
  void offlineGivesAClearError() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Download unreachable = new Download(URI.create("http://127.0.0.1:" + closedPort + "/cifar-10-binary.tar.gz"),
        archive.length, download().sha256());
    var e = assertThrows(DownloadException.class, () -> Cifar10.install(root(), unreachable, false));
    assertTrue(e.getMessage().contains("cannot reach http://127.0.0.1:" + closedPort), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), "no class name: " + e.getMessage());
    assertTrue(e.getMessage().contains("Offline?") && e.getMessage().contains(download().sha256()), e.getMessage());
    assertFalse(Files.exists(root().path().resolve("cifar10")));
  }

  @Test
  void anHttpErrorIsNotRetriedAndInstallsNothing() {
    Download missing = new Download(download().url().resolve("/missing.tar.gz"), archive.length, download().sha256());
    var e = assertThrows(DownloadException.class, () -> Cifar10.install(root(), missing, false));
    assertEquals("downloading " + missing.url() + ": the server answered HTTP 404; nothing was installed",
        e.getMessage());
    assertEquals(e.getMessage(), e.toString(), "one line, no class name");
    assertFalse(Files.exists(root().path().resolve("cifar10")));
  }

  @Test
  void onlyHttpUrlsAndHexDigestsMakeADownload() {
    String sha = download().sha256();
    assertThrows(IllegalArgumentException.class, () -> new Download(URI.create("file:///etc/passwd"), 0, sha));
    assertThrows(IllegalArgumentException.class, () -> new Download(URI.create("ftp://example.org/a.tar.gz"), 0, sha));
    assertThrows(IllegalArgumentException.class, () -> new Download(URI.create("http:relative"), 0, sha));
    assertThrows(IllegalArgumentException.class, () -> new Download(download().url(), 0, "abc"));
    assertTrue(Download.isHttp(URI.create("HTTPS://example.org/a.tar.gz")));
  }

  @Test
  void withDownloadsOffAMissingSetSaysHowToGetIt() {
    System.setProperty(Cifar10.DOWNLOAD_PROPERTY, "false");
    try {
      var e = assertThrows(InputException.class, () -> Cifar10.folder(root()));
      assertTrue(e.getMessage().contains("CIFAR-10 not found") && e.getMessage().contains("nas data cifar10"),
          e.getMessage());
    } finally {
      System.clearProperty(Cifar10.DOWNLOAD_PROPERTY);
    }
  }

  private static ImageSet sample() {
    return Cifar10.test(DataRoot.resolve(DataConfig.defaults()));
  }

  /** cifar-10-batches-bin/ with the six batch files and a readme, tar.gz'd. */
  private static byte[] officialLayout() throws IOException {
    byte[] records = Arrays.copyOf(Files.readAllBytes(Cifar10.find(DataRoot.resolve(DataConfig.defaults()))
        .resolve("test_batch.bin")), RECORDS * Cifar10.RECORD);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
      add(tar, "cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n".getBytes());
      for (String f : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
          "data_batch_5.bin", "test_batch.bin")) {
        add(tar, "cifar-10-batches-bin/" + f, records);
      }
    }
    return bytes.toByteArray();
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
