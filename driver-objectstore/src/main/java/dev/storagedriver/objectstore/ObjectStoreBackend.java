package dev.storagedriver.objectstore;

import dev.storagedriver.Capability;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link StorageBackend} on any object store that implements {@link ObjectStore}: everything an object-store
 * driver does beyond single requests, written once. A path's key is the root prefix plus the path without its
 * leading slash (UTF-8); a directory exists while some key lies below {@code key + "/"}.
 *
 * <ul>
 *   <li>writes: at most one request for a write of up to a chunk, resumable multipart uploads across processes,
 *       hidden tail state under a root-level segment holding DEL (U+007F), which no valid path can reach;
 *   <li>walk: one flat listing in ⌈N/1000⌉ requests, reordered into {@link StoragePaths#WALK_ORDER};
 *   <li>delete: batches of 1,000 keys; move: copy (multipart above the threshold) and delete;
 *   <li>pending writes: listed, and purged by age (closed writers' tails and abandoned uploads);
 *   <li>retries: idempotent requests are tried again on throttling, 5xx, resets and damaged bodies, reads resume
 *       where their connection broke.
 * </ul>
 */
public final class ObjectStoreBackend implements StorageBackend {
  final ObjectStore store;
  final ObjectStoreSettings settings;
  final Keys keys;
  final Requests requests;
  /** Runs part uploads and part copies; every user bounds its own tasks in flight. */
  final ExecutorService executor;

  /**
   * A backend over {@code store}.
   *
   * @param store the raw requests of one bucket; closed with the backend
   * @param settings how to use it
   */
  public ObjectStoreBackend(ObjectStore store, ObjectStoreSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.keys = new Keys(settings.driverName(), settings.rootPrefix(), store.maxKeyBytes());
    this.requests = new Requests(store, settings.driverName(), settings.maxRetries(),
        settings.retryDelay().toMillis());
    AtomicInteger n = new AtomicInteger();
    String prefix = settings.driverName() + "-driver-io-";
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.executor = Executors.newCachedThreadPool(threads);
  }

  /**
   * The key prefix of the driver's hidden state, for tests and tools that check nothing is left behind.
   *
   * @return the root prefix plus the root-level segment holding DEL, with a trailing slash
   */
  public String hiddenStatePrefix() {
    return keys.statePrefix;
  }

  @Override
  public String name() {
    return settings.driverName();
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.REDIRECT_URL, Capability.RESUMABLE_APPEND, Capability.NATIVE_WALK,
        Capability.PENDING_WRITES);
  }

  /**
   * Reads the whole content. A stream can only fail when its object is replaced mid-read (it never mixes two
   * versions); a whole read has handed out nothing yet, so it starts over and returns the newer version.
   */
  @Override
  public byte[] getContent(String path) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try (InputStream in = reader(path, 0)) {
        return in.readAllBytes();
      } catch (ObjectReader.ChangedWhileReading e) {
        if (attempt >= settings.maxRetries()) {
          throw e;
        }
      }
    }
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    String key = keys.key(path);
    requests.idempotent("putContent", path, () -> {
      store.put(key, content, content.length, Map.of());
      return null;
    });
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return ObjectReader.open(this, path, offset);
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    return ObjectWriter.open(this, path, append);
  }

  /** The object at {@code key}, or empty if there is none. */
  Optional<ObjectStore.ObjectInfo> head(String key, String path) throws IOException {
    return requests.idempotent("stat", path, () -> store.head(key));
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    if (StoragePaths.ROOT.equals(path)) {
      return FileInfo.directory(path, Instant.EPOCH);
    }
    Optional<ObjectStore.ObjectInfo> object = head(keys.key(path), path);
    if (object.isPresent()) {
      return FileInfo.file(path, object.get().size(), object.get().lastModified());
    }
    // Not a file: a directory if some key lies below path + "/" (never merely a key sharing the prefix).
    String prefix = keys.dirPrefix(path);
    ObjectStore.Listing page = requests.idempotent("stat", path, () -> store.list(prefix, null, null, null, 1));
    if (page.objects().isEmpty()) {
      throw new NoSuchFileException(path);
    }
    return FileInfo.directory(path, page.objects().get(0).lastModified());
  }

  @Override
  public List<String> list(String path) throws IOException {
    String prefix = keys.dirPrefix(path);
    Set<String> children = new LinkedHashSet<>(); // a key can be a file and a prefix at once
    String token = null;
    boolean anyKey = false;
    do {
      String t = token;
      ObjectStore.Listing page = requests.idempotent("list", path,
          () -> store.list(prefix, "/", null, t, PendingWrites.PAGE));
      for (ObjectStore.ObjectInfo o : page.objects()) {
        anyKey = true;
        String child = keys.pathOf(o.key());
        if (child != null) {
          children.add(child);
        }
      }
      for (String p : page.prefixes()) {
        anyKey = true;
        String child = keys.pathOf(p.substring(0, p.length() - 1));
        if (child != null) {
          children.add(child);
        }
      }
      token = page.nextToken();
    } while (token != null);
    if (!anyKey && !StoragePaths.ROOT.equals(path)) {
      throw new NoSuchFileException(path);
    }
    return new ArrayList<>(children);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    new Copier(this).move(source, destination);
  }

  @Override
  public void delete(String path) throws IOException {
    new Deleter(this).delete(path);
  }

  @Override
  public Optional<URI> redirectUrl(String path, RedirectMethod method) throws IOException {
    String key = keys.key(path);
    return Optional.of(requests.once("redirectUrl", path,
        () -> store.presign(key, method, settings.redirectExpiry())));
  }

  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    new FlatWalk(this, path, visitor, options).run();
  }

  @Override
  public List<PendingWrite> pendingWrites(String directory) throws IOException {
    return new PendingWrites(this).list(directory);
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, Instant olderThan) throws IOException {
    return new PendingWrites(this).purge(directory, olderThan);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    store.close();
  }

  @Override
  public String toString() {
    return "ObjectStoreBackend[" + settings.driverName() + ", " + store + "]";
  }
}
