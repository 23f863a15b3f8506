package dev.nas.supernet;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A store as bytes: a header, then each array by name (sorted, so equal stores give equal bytes)
 * in ND4J's own binary form, which keeps data type, shape and every bit of the values.
 */
public final class StoreFile {

  private static final int MAGIC = 0x4E415353; // "NASS"
  private static final int VERSION = 1;

  private StoreFile() {}

  public static void write(Map<String, INDArray> store, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(MAGIC);
    d.writeInt(VERSION);
    d.writeInt(store.size());
    for (Map.Entry<String, INDArray> e : new TreeMap<>(store).entrySet()) {
      d.writeUTF(e.getKey());
      Nd4j.write(e.getValue(), d);
    }
    d.flush();
  }

  /** Reads a store {@link #write} wrote; a file of another kind or version is an {@link IOException}. */
  public static Map<String, INDArray> read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int magic = d.readInt();
    if (magic != MAGIC) {
      throw new IOException("not a nas weight store (starts with 0x" + Integer.toHexString(magic) + ")");
    }
    int version = d.readInt();
    if (version != VERSION) {
      throw new IOException("weight store format version " + version + "; this build reads version " + VERSION);
    }
    int n = d.readInt();
    Map<String, INDArray> store = new TreeMap<>();
    try (var ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      for (int i = 0; i < n; i++) {
        String name = d.readUTF();
        store.put(name, Nd4j.read(d));
      }
    }
    return store;
  }
}
