package dev.nas.supernet.data;

import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Downloads one file over HTTP(S) to {@code target}, through {@code target.part}: an interrupted
 * download resumes from the bytes already there (HTTP Range; a server that ignores Range makes it
 * start over), the finished file must have the expected SHA-256 before it is moved into place,
 * and a dropped connection is retried a few times. The target thus exists only when complete and
 * verified.
 *
 * @param url where the file is
 * @param size its size in bytes, for the progress bar (0 if unknown)
 * @param sha256 its SHA-256 in hex
 */
public record Download(URI url, long size, String sha256) {

  /** Attempts per call, each resuming where the previous one stopped. */
  static final int ATTEMPTS = 4;

  /** The URL schemes a download accepts. */
  public static final java.util.List<String> SCHEMES = java.util.List.of("http", "https");

  /** Callers check user input first ({@link #isHttp}, {@link #isSha256}); this guards against the rest. */
  public Download {
    if (!isHttp(url)) {
      throw new IllegalArgumentException("not an http or https URL: " + url);
    }
    if (!isSha256(sha256)) {
      throw new IllegalArgumentException("not a SHA-256 (64 hexadecimal characters): " + sha256);
    }
  }

  /** Whether {@code url} is an absolute http or https URL with a host: what a download can fetch. */
  public static boolean isHttp(URI url) {
    return url != null && url.getScheme() != null
        && SCHEMES.contains(url.getScheme().toLowerCase(java.util.Locale.ROOT)) && url.getHost() != null;
  }

  /** Whether {@code hex} is a SHA-256 digest written as 64 hexadecimal characters. */
  public static boolean isSha256(String hex) {
    return hex != null && hex.matches("[0-9a-fA-F]{64}");
  }

  /** Fetches the file to {@code target} unless a verified copy is already there; returns {@code target}. */
  public Path fetch(Path target, boolean progressBar) {
    try {
      Files.createDirectories(target.getParent());
      Path part = target.resolveSibling(target.getFileName() + ".part");
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
          .followRedirects(HttpClient.Redirect.NORMAL).build();
      IOException last = null;
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          transfer(client, part, progressBar);
          last = null;
          break;
        } catch (ConnectException | UnknownHostException | HttpConnectTimeoutException e) {
          throw offline(target, e);
        } catch (IOException e) {
          last = e;
        }
      }
      if (last != null) {
        long kept = Files.exists(part) ? Files.size(part) : 0;
        throw new DownloadException("downloading " + url + " failed " + ATTEMPTS + " times (last: " + describe(last)
            + "); " + (kept == 0 ? "nothing was kept" : kept + " bytes are kept in " + part
            + " and the next attempt resumes from there"), last);
      }
      String actual = sha256(part);
      if (!actual.equalsIgnoreCase(sha256)) {
        Files.delete(part);
        throw new DownloadException("the download of " + url + " has SHA-256 " + actual + ", expected " + sha256
            + "; the file was deleted (a corrupt mirror or a proxy rewriting it?). Nothing was installed.", null);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("downloading " + url + " to " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("download of " + url + " interrupted; the partial file is kept for resuming", e);
    }
  }

  private void transfer(HttpClient client, Path part, boolean progressBar) throws IOException, InterruptedException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2)).GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    boolean append = status == 206;
    if (status == 416 && have > 0) {
      // Range not satisfiable: the part is already complete (or longer than the file); the checksum decides.
      response.body().close();
      return;
    }
    if (status != 200 && status != 206) {
      response.body().close();
      throw new DownloadException("downloading " + url + ": the server answered HTTP " + status
          + "; nothing was installed", null);
    }
    long start = append ? have : 0;
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        ProgressBar bar = progressBar ? bar(start) : null) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        out.write(buffer, 0, n);
        if (bar != null) {
          bar.stepBy(n);
        }
      }
    }
  }

  private ProgressBar bar(long start) {
    String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
    return new ProgressBarBuilder().setTaskName(name).setInitialMax(size > 0 ? size : -1).startsFrom(start, Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUnit(" MB", 1 << 20).showSpeed().build();
  }

  /** What went wrong, in words: the exception's message, else its kind (e.g. a ConnectException's "connection refused"). */
  private static String describe(IOException e) {
    if (e.getMessage() != null && !e.getMessage().isBlank()) {
      return e.getMessage();
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    return "connection failed";
  }

  private DownloadException offline(Path target, IOException e) {
    return new DownloadException("cannot reach " + url + " (" + describe(e) + "). Offline? Download " + url
        + " yourself, check its SHA-256 is " + sha256 + ", and put it at " + target + "; or point the data root at"
        + " a folder that already holds the dataset.", e);
  }

  static String sha256(Path file) throws IOException {
    return MoreFiles.asByteSource(file).hash(Hashing.sha256()).toString();
  }
}
