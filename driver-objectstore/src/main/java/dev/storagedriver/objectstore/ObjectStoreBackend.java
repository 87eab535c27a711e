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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *       where their connection broke;
 *   <li>keys other tools wrote: a directory marker ({@code dir/}) implies its directory; a key that names no valid
 *       path makes list, walk and delete of a directory holding it a {@code CONFLICT} naming it, never skipped
 *       unseen nor deleted.
 * </ul>
 */
public final class ObjectStoreBackend implements StorageBackend {
  /**
   * The root-level segment below which the driver keeps its hidden state: it holds DEL (U+007F), which no valid
   * path can, so nothing a caller names reaches it.
   */
  public static final String HIDDEN_SEGMENT = Keys.STATE_SEGMENT;

  private static final Logger log = LoggerFactory.getLogger(ObjectStoreBackend.class);

  final ObjectStore store;
  final ObjectStoreSettings settings;
  final Keys keys;
  final Requests requests;
  /** Runs part uploads and part copies; every user bounds its own tasks in flight. */
  final ExecutorService executor;
  /** Runs {@code uploadpurging}, when enabled; else null. */
  private final ScheduledExecutorService purger;

  /**
   * A backend over {@code store}.
   *
   * @param store the raw requests of one bucket; closed with the backend
   * @param settings how to use it
   */
  public ObjectStoreBackend(ObjectStore store, ObjectStoreSettings settings) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.keys = new Keys(settings.driverName(), settings.rootPrefix(), store);
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
    ObjectStoreSettings.Purging purging = settings.purging();
    if (purging.enabled()) {
      purger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, settings.driverName() + "-driver-upload-purging");
        t.setDaemon(true);
        return t;
      });
      long interval = purging.interval().toMillis();
      long first = ThreadLocalRandom.current().nextLong(Math.max(1, Math.min(interval, 3_600_000L)));
      purger.scheduleWithFixedDelay(this::purgeAbandoned, first, Math.max(1, interval), TimeUnit.MILLISECONDS);
    } else {
      purger = null;
    }
  }

  /** One round of {@code uploadpurging}: pending writes older than {@code age}, or only a log of them. */
  private void purgeAbandoned() {
    ObjectStoreSettings.Purging purging = settings.purging();
    Instant cutoff = Instant.now().minus(purging.age());
    try {
      PendingWrites pending = new PendingWrites(this);
      List<PendingWrite> found = purging.dryRun()
          ? pending.list(StoragePaths.ROOT).stream().filter(w -> w.lastModified().isBefore(cutoff)).toList()
          : pending.purge(StoragePaths.ROOT, cutoff);
      if (!found.isEmpty()) {
        log.info("{}: upload purging{}: {} uncommitted writes older than {} under /{}: {}", settings.driverName(),
            purging.dryRun() ? " (dry run, nothing removed)" : "", found.size(), purging.age(),
            settings.rootPrefix(), found.stream().map(w -> StoragePaths.printable(w.path())).toList());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("{}: upload purging failed: {}", settings.driverName(), e.getMessage());
    }
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
    List<String> foreign = new ArrayList<>();
    String token = null;
    boolean anyKey = false;
    do {
      String t = token;
      ObjectStore.Listing page = requests.idempotent("list", path,
          () -> store.list(prefix, "/", null, t, PendingWrites.PAGE));
      for (ObjectStore.ObjectInfo o : page.objects()) {
        anyKey = true;
        String rest = o.key().substring(prefix.length());
        // A child's marker "sub/" may come as an object rather than a prefix (S3Proxy lists it so); "" is the
        // directory's own marker.
        if (!rest.isEmpty()) {
          child(path, o.key(), rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest, children,
              foreign);
        }
      }
      for (String p : page.prefixes()) {
        anyKey = true;
        child(path, p, p.substring(prefix.length(), p.length() - 1), children, foreign);
      }
      token = page.nextToken();
    } while (token != null);
    if (!foreign.isEmpty()) {
      throw keys.foreignKeys("list", path, foreign);
    }
    if (!anyKey && !StoragePaths.ROOT.equals(path)) {
      throw new NoSuchFileException(path);
    }
    return new ArrayList<>(children);
  }

  /** Sorts one entry {@code key} of a delimiter listing of {@code dir}, named {@code segment} there. */
  private static void child(String dir, String key, String segment, Set<String> children, List<String> foreign) {
    if (segment.equals(Keys.STATE_SEGMENT)) {
      return; // the driver's own objects at the root; below it, those of a driver rooted there
    }
    if (StoragePaths.segmentViolation(segment).isEmpty()) {
      children.add(StoragePaths.child(dir, segment));
    } else {
      foreign.add(key);
    }
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
    if (purger != null) {
      purger.shutdownNow();
    }
    executor.shutdownNow();
    store.close();
  }

  @Override
  public String toString() {
    return "ObjectStoreBackend[" + settings.driverName() + ", " + store + "]";
  }
}
