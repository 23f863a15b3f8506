package dev.nas.benchmarks;

import dev.nas.core.config.DataConfig;
import dev.nas.core.data.DataRoot;
import dev.nas.spaces.darts.DartsMacro;
import dev.nas.spaces.darts.DartsSpace;
import dev.nas.supernet.data.Augmentation;
import dev.nas.supernet.data.BatchIterator;
import dev.nas.supernet.data.Cifar10;
import dev.nas.supernet.data.ImageSet;
import dev.nas.supernet.data.Normalization;
import dev.nas.supernet.tape.TapeNetwork;
import dev.nas.supernet.train.CosineSchedule;
import dev.nas.supernet.train.SgdMomentum;
import dev.nas.supernet.train.Trainer;
import java.util.HashMap;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Stand-alone training of a DARTS-space child on the CIFAR-10 sample under the data root, with the
 * DARTS recipe (SGD momentum 0.9, lr 0.025 cosine to 0, weight decay 3e-4, clip 5, crop + flip),
 * then its test accuracy. Arguments: genotype (default DARTS_V2), epochs (3), channels (16),
 * cells (8), batch (64), seed (0).
 *
 * <pre>NAS_DATA=../shared/data java -cp benchmarks/target/benchmarks.jar dev.nas.benchmarks.TrainChild</pre>
 */
public final class TrainChild {

  private TrainChild() {}

  public static void main(String[] args) {
    String genotype = args.length > 0 ? args[0] : "DARTS_V2";
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int channels = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int cells = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 64;
    long seed = args.length > 5 ? Long.parseLong(args[5]) : 0;
    DataRoot root = DataRoot.resolve(DataConfig.defaults());
    ImageSet train = Cifar10.train(root);
    ImageSet test = Cifar10.test(root);
    DartsSpace space = new DartsSpace(new DartsMacro(channels, cells, 10, 32, false));
    var store = new HashMap<String, org.nd4j.linalg.api.ndarray.INDArray>();
    TapeNetwork net = new TapeNetwork(space.network(space.parse(genotype)), store, seed, DataType.FLOAT);
    var data = new BatchIterator(train, batch, Augmentation.CIFAR, Normalization.CIFAR10, true, seed, DataType.FLOAT);
    long steps = (long) epochs * data.batchesPerEpoch();
    Trainer trainer = new Trainer(store, new SgdMomentum(0.9, 3e-4, false), new CosineSchedule(0.025, 0, steps), 5);
    long start = System.nanoTime();
    for (int e = 0; e < epochs; e++) {
      double loss = 0;
      double acc = 0;
      int n = data.batchesPerEpoch();
      for (int i = 0; i < n; i++) {
        var r = trainer.step(net, data.next());
        loss += r.loss();
        acc += r.accuracy();
      }
      System.out.printf(Locale.ROOT, "epoch %d: train loss %.4f, train acc %.4f, %.0f s elapsed%n",
          e + 1, loss / n, acc / n, (System.nanoTime() - start) / 1e9);
    }
    var testData = new BatchIterator(test, 256, Augmentation.NONE, Normalization.CIFAR10, false, 0, DataType.FLOAT);
    double accuracy = Trainer.evaluate(net, testData, testData.batchesPerEpoch());
    System.out.printf(Locale.ROOT, "%s C=%d cells=%d: test accuracy %.4f on %d images after %d epochs (%d steps) in %.0f s%n",
        genotype, channels, cells, accuracy, test.size(), epochs, steps, (System.nanoTime() - start) / 1e9);
  }
}
