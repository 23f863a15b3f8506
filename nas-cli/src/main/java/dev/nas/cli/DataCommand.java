package dev.nas.cli;

import dev.nas.core.InputException;
import dev.nas.core.config.ConfigException;
import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.supernet.data.Cifar10;
import dev.nas.supernet.data.Download;
import dev.nas.supernet.data.FashionMnist;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nas data cifar10|fashion-mnist}: makes a dataset available under the data root and says
 * where it is (CIFAR-10 is downloaded, checked and unpacked if absent; Fashion-MNIST comes from
 * the data root or Debian's package).
 */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Download (CIFAR-10) or locate (Fashion-MNIST) a dataset under the data root and print where it is.")
final class DataCommand implements Callable<Integer> {

  enum Dataset { cifar10, fashion_mnist }

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", description = "cifar10 or fashion-mnist.",
      converter = DatasetConverter.class)
  Dataset dataset;

  @Option(names = "--root", paramLabel = "DIR", description = "Data root (default: NAS_DATA, else ~/.nas/data).")
  Path root;

  @Option(names = "--url", paramLabel = "URL", description = "CIFAR-10 archive URL (a mirror); default the official one.")
  URI url;

  @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the archive at --url.")
  String sha256;

  @Override
  public Integer call() {
    checkFlags();
    DataRoot dataRoot = DataRoot.resolve(new DataConfig(root == null ? null : root.toString()));
    Path dir;
    if (dataset == Dataset.cifar10) {
      Download download = url == null ? Cifar10.OFFICIAL
          : new Download(url, 0, sha256 == null ? Cifar10.OFFICIAL.sha256() : sha256);
      Path found = Cifar10.find(dataRoot);
      // A failed download (a RuntimeFailure) or an I/O error goes to the command line's one handler.
      dir = found != null && url == null ? found
          : Cifar10.install(dataRoot, download, dev.nas.core.ProgressBars.enabled());
      spec.commandLine().getOut().println("cifar10: " + dir + " (" + Cifar10.train(dataRoot).size() + " train, "
          + Cifar10.test(dataRoot).size() + " test images)");
    } else {
      dir = FashionMnist.folder(dataRoot);
      spec.commandLine().getOut().println("fashion-mnist: " + dir + " (" + FashionMnist.train(dataRoot).size()
          + " train, " + FashionMnist.test(dataRoot).size() + " test images)");
    }
    return 0;
  }

  /** --url (http or https only) and --sha256 (64 hex digits), for cifar10 only, before anything is fetched. */
  private void checkFlags() {
    if (dataset != Dataset.cifar10 && (url != null || sha256 != null)) {
      throw new InputException("--url and --sha256 apply to cifar10 only: fashion-mnist is not downloaded");
    }
    if (url != null && !Download.isHttp(url)) {
      throw ConfigException.badValue("--url", url, "an http:// or https:// URL (of the CIFAR-10 binary archive)");
    }
    if (sha256 != null && !Download.isSha256(sha256)) {
      throw ConfigException.badValue("--sha256", sha256, "64 hexadecimal characters (the SHA-256 of the archive at"
          + " --url)");
    }
    if (sha256 != null && url == null) {
      throw new InputException("--sha256 checks the archive at --url: give --url too (the official archive's"
          + " SHA-256 is built in)");
    }
  }

  /** Accepts the names users type ({@code fashion-mnist}), listing them on a mistake. */
  static final class DatasetConverter implements picocli.CommandLine.ITypeConverter<Dataset> {
    @Override
    public Dataset convert(String value) {
      for (Dataset d : Dataset.values()) {
        if (d.name().replace('_', '-').equals(value)) {
          return d;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a dataset; accepted: cifar10,"
          + " fashion-mnist");
    }
  }
}
