package dev.storagedriver.benchmarks;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.filesystem.reference.FilesystemConstants;

/**
 * Apache jclouds' BlobStore (a peer): {@code filesystem} over a base directory, or {@code transient} in memory.
 * Keys {@code /bench/x/y} are blob {@code x/y} in container {@code bench}.
 *
 * <p>jclouds' {@code filesystem} provider leaks one open file per {@code blobMetadata} call (it opens the payload
 * and never closes it; the descriptor is only released when the stream is garbage-collected). So that a stat
 * benchmark survives the 20,000-descriptor limit, this subject runs a garbage collection every {@value
 * #GC_EVERY} stats on {@code filesystem}; that cost is jclouds' and is measured as part of its stat.
 */
final class JcloudsSubject implements Subject {
  static final int GC_EVERY = 4096;
  static final String CONTAINER = "bench";

  private final BlobStoreContext context;
  private final BlobStore store;
  private final boolean filesystem;
  private int statsSinceGc;
  private byte[] whole = new byte[0];

  JcloudsSubject(String provider, Path baseDir) {
    Properties props = new Properties();
    if (baseDir != null) {
      props.setProperty(FilesystemConstants.PROPERTY_BASEDIR, baseDir.toString());
    }
    this.context = ContextBuilder.newBuilder(provider).overrides(props).buildView(BlobStoreContext.class);
    this.store = context.getBlobStore();
    this.filesystem = "filesystem".equals(provider);
    store.createContainerInLocation(null, CONTAINER);
  }

  private static String name(String key) {
    if (!key.startsWith("/" + CONTAINER + "/")) {
      throw new IllegalArgumentException("keys live under /" + CONTAINER + "/: " + key);
    }
    return key.substring(CONTAINER.length() + 2);
  }

  @Override
  public void put(String key, byte[] data) {
    store.putBlob(CONTAINER, store.blobBuilder(name(key)).payload(data).contentLength(data.length).build());
  }

  @Override
  public byte[] get(String key) throws Exception {
    Blob blob = store.getBlob(CONTAINER, name(key));
    try (InputStream in = blob.getPayload().openStream()) {
      return in.readAllBytes();
    }
  }

  @Override
  public long stat(String key) {
    long size = store.blobMetadata(CONTAINER, name(key)).getSize();
    if (filesystem && ++statsSinceGc >= GC_EVERY) {
      statsSinceGc = 0;
      System.gc();
    }
    return size;
  }

  @Override
  public void streamWrite(String key, byte[] chunk, long total) {
    if (whole.length != total) {
      // Built once per size: a byte[] payload is jclouds' cheapest large put.
      whole = new byte[(int) total];
      for (int off = 0; off < total; off += chunk.length) {
        System.arraycopy(chunk, 0, whole, off, Math.min(chunk.length, (int) total - off));
      }
    }
    put(key, whole);
  }

  @Override
  public long streamRead(String key, byte[] buffer) throws Exception {
    long n = 0;
    Blob blob = store.getBlob(CONTAINER, name(key));
    try (InputStream in = blob.getPayload().openStream()) {
      for (int r; (r = in.read(buffer)) >= 0; ) {
        n += r;
      }
    }
    return n;
  }

  @Override
  public int list(String dir) {
    return count(ListContainerOptions.Builder.inDirectory(name(dir)));
  }

  @Override
  public int walk(String dir) {
    return count(ListContainerOptions.Builder.prefix(name(dir) + "/").recursive());
  }

  private int count(ListContainerOptions options) {
    int n = 0;
    String marker = null;
    do {
      ListContainerOptions page = marker == null ? options : options.clone().afterMarker(marker);
      PageSet<? extends StorageMetadata> set = store.list(CONTAINER, page);
      n += set.size();
      marker = set.getNextMarker();
    } while (marker != null);
    return n;
  }

  @Override
  public void deleteTree(String dir) {
    if (filesystem) {
      store.deleteDirectory(CONTAINER, name(dir));
    } else {
      store.clearContainer(CONTAINER, ListContainerOptions.Builder.prefix(name(dir) + "/").recursive());
    }
  }

  @Override
  public void betweenIterations() {
    if (filesystem) {
      System.gc(); // releases descriptors leaked by blobMetadata/getBlob
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
