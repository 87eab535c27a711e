package dev.storagedriver.benchmarks;

import java.util.Map;
import org.apache.opendal.ListOptions;
import org.apache.opendal.Operator;
import org.apache.opendal.WriteOptions;

/**
 * Apache OpenDAL's Java binding (a peer). Every call crosses JNI into OpenDAL's Rust core.
 *
 * <p>Its {@code OperatorOutputStream} and {@code OperatorInputStream} override only the one-byte {@code
 * write(int)} / {@code read()}, so streaming through them would measure a byte-by-byte loop, not OpenDAL. Large
 * objects therefore go through the bulk calls, {@code write(path, bytes, options)} (multipart, with the same part
 * size and concurrency as the others, where the service has it) and {@code read(path)} — the fastest form the
 * binding offers.
 */
final class OpenDalSubject implements Subject {
  private final Operator op;
  private final WriteOptions largeWrite;
  private byte[] whole = new byte[0];

  OpenDalSubject(String scheme, Map<String, String> config, WriteOptions largeWrite) {
    this.op = Operator.of(scheme, config);
    this.largeWrite = largeWrite;
  }

  private static String path(String key) {
    return key.substring(1);
  }

  @Override
  public void put(String key, byte[] data) {
    op.write(path(key), data);
  }

  @Override
  public byte[] get(String key) {
    return op.read(path(key));
  }

  @Override
  public long stat(String key) {
    return op.stat(path(key)).getContentLength();
  }

  @Override
  public void streamWrite(String key, byte[] chunk, long total) {
    if (whole.length != total) {
      // Built once per size, not per call: the bulk write needs the whole object in one array.
      whole = new byte[(int) total];
      for (int off = 0; off < total; off += chunk.length) {
        System.arraycopy(chunk, 0, whole, off, Math.min(chunk.length, (int) total - off));
      }
    }
    if (largeWrite == null) {
      op.write(path(key), whole);
    } else {
      op.write(path(key), whole, largeWrite);
    }
  }

  @Override
  public long streamRead(String key, byte[] buffer) {
    return op.read(path(key)).length;
  }

  @Override
  public int list(String dir) {
    return op.list(path(dir) + "/").size();
  }

  @Override
  public int walk(String dir) {
    return op.list(path(dir) + "/", ListOptions.builder().recursive(true).build()).size();
  }

  @Override
  public void deleteTree(String dir) {
    op.removeAll(path(dir) + "/");
  }

  @Override
  public void close() {
    whole = new byte[0];
    op.close();
  }
}
