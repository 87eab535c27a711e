package dev.storagedriver.inmemory;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileInfo;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StoragePaths;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The content of an in-memory store: files by path, and the uncommitted writes. Several drivers may be opened
 * over one store, as several processes would open one disk; this is how tests prove that an uncommitted write
 * survives a new driver instance.
 *
 * <pre>{@code
 * InMemoryStore store = new InMemoryStore(0);
 * StorageDriver driver = store.newDriver();
 * }</pre>
 *
 * <p>Directories are not stored: a directory exists while a file lies below it, as in an object store.
 * Thread-safe: reads take no lock (concurrent maps of immutable contents, so a reader sees a whole old or a whole
 * new file); changes take one lock, since they check and update several entries and the size limit.
 */
public final class InMemoryStore {
  static final String NAME = "inmemory";

  /** Committed content by path; immutable arrays, shared with readers without copying. */
  private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
  /**
   * The same paths, sorted, for list, directory stat and delete. Kept apart from {@link #files} so that reading
   * or replacing a file is a hash lookup; only a new or removed path touches the sorted index. It is in {@link
   * String} order (UTF-16 code units), not walk order: it only serves prefix ranges ({@code "/a/"} up to {@code
   * "/a0"}, since {@code '0'} follows {@code '/'}), which hold the same paths in any char-by-char order, and the
   * portable layer sorts what {@code list} returns.
   */
  private final NavigableSet<String> paths = new ConcurrentSkipListSet<>();
  /** Uncommitted writes by path; the newest writer of a path owns the entry. Guarded by {@link #lock}. */
  private final Map<String, PendingWrite> pending = new HashMap<>();
  /** Held for every change, never for reads. */
  private final ReentrantLock lock = new ReentrantLock();
  private final long maxSize;
  /** Changed under {@link #lock}, except by the lock-free replacement in {@link #put} when there is no limit. */
  private final AtomicLong usedBytes = new AtomicLong();

  /**
   * A store holding at most {@code maxSize} bytes (committed and uncommitted), or unlimited when 0.
   *
   * @param maxSize the most bytes the store holds, committed and uncommitted together; 0 for no limit
   * @throws IllegalArgumentException if {@code maxSize} is negative
   */
  public InMemoryStore(long maxSize) {
    if (maxSize < 0) {
      throw new IllegalArgumentException("maxSize must be 0 (no limit) or positive: " + maxSize);
    }
    this.maxSize = maxSize;
  }

  /**
   * A new driver over this store, through the portable layer.
   *
   * @return a driver that sees everything stored here, including what other drivers over the store wrote
   */
  public StorageDriver newDriver() {
    return StorageDrivers.portable(backend());
  }

  /**
   * A new backend over this store, for stacking layers over it ({@link dev.storagedriver.StorageLayers}) before
   * putting the portable layer in front with {@link StorageDrivers#portable}.
   *
   * @return the backend
   */
  public dev.storagedriver.spi.StorageBackend backend() {
    return new InMemoryBackend(this);
  }

  /**
   * Bytes held now, committed and uncommitted.
   *
   * @return the bytes counted against the limit
   */
  public long usedBytes() {
    return usedBytes.get();
  }

  record StoredFile(byte[] content, Instant modTime) {}

  // ---- reads ---------------------------------------------------------------------------------------------

  StoredFile file(String path) throws NoSuchFileException {
    StoredFile file = files.get(path);
    if (file == null) {
      throw new NoSuchFileException(path);
    }
    return file;
  }

  FileInfo stat(String path) throws NoSuchFileException {
    if (StoragePaths.ROOT.equals(path)) {
      return FileInfo.directory(path, Instant.EPOCH);
    }
    StoredFile file = files.get(path);
    if (file != null) {
      return FileInfo.file(path, file.content().length, file.modTime());
    }
    Instant newest = null;
    for (String below : below(path)) {
      StoredFile f = files.get(below);
      if (f != null && (newest == null || f.modTime().isAfter(newest))) {
        newest = f.modTime();
      }
    }
    if (newest == null) {
      throw new NoSuchFileException(path);
    }
    return FileInfo.directory(path, newest);
  }

  List<String> list(String directory) throws NoSuchFileException {
    String prefix = StoragePaths.ROOT.equals(directory) ? "/" : directory + "/";
    List<String> children = new ArrayList<>();
    String key = paths.ceiling(prefix);
    while (key != null && key.startsWith(prefix)) {
      int slash = key.indexOf('/', prefix.length());
      if (slash < 0) {
        children.add(key);
        key = paths.higher(key);
      } else {
        String child = key.substring(0, slash);
        children.add(child);
        // '0' follows '/': jump past everything below this child.
        key = paths.ceiling(child + "0");
      }
    }
    if (children.isEmpty() && !StoragePaths.ROOT.equals(directory)) {
      throw new NoSuchFileException(directory);
    }
    return children;
  }

  // ---- writes --------------------------------------------------------------------------------------------

  void put(String path, byte[] content) throws DriverException {
    StoredFile fresh = new StoredFile(content, Instant.now());
    StoredFile current = files.get(path);
    // Replacing a file needs no check and, without a size limit to enforce, no lock: the compare-and-set fails
    // if a locked change (a delete, a move) got there first, and then the locked path below decides.
    if (current != null && maxSize == 0 && files.replace(path, current, fresh)) {
      usedBytes.addAndGet(content.length - current.content().length);
      return;
    }
    lock.lock();
    try {
      StoredFile old = files.get(path);
      if (old == null) {
        checkPlaceable(path);
      }
      reserve(path, content.length - size(old));
      settle(old, store(path, fresh));
    } finally {
      lock.unlock();
    }
  }

  void move(String source, String destination) throws NoSuchFileException, DriverException {
    lock.lock();
    try {
      StoredFile file = files.get(source);
      if (file == null) {
        throw new NoSuchFileException(source);
      }
      if (source.equals(destination)) {
        return;
      }
      if (!files.containsKey(destination)) {
        checkPlaceable(destination);
      }
      usedBytes.addAndGet(-size(store(destination, file)));
      if (files.remove(source, file)) {
        paths.remove(source);
      } else {
        // A lock-free put replaced the source after we read it: that write comes after the move, so its file
        // stays, and the moved copy now counts on its own.
        usedBytes.addAndGet(size(file));
      }
    } finally {
      lock.unlock();
    }
  }

  void delete(String path) throws NoSuchFileException {
    lock.lock();
    try {
      NavigableSet<String> below = below(path);
      if (!files.containsKey(path) && below.isEmpty()) {
        throw new NoSuchFileException(path);
      }
      remove(path);
      for (String p : below) {
        remove(p);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stores a file, returning the one it replaced. Holds the lock. */
  private StoredFile store(String path, StoredFile file) {
    StoredFile old = files.put(path, file);
    if (old == null) {
      paths.add(path);
    }
    return old;
  }

  /**
   * Corrects the count when a lock-free replacement in {@link #put} swapped the file between our read of {@code
   * expected} and our store, which then replaced {@code actual} instead.
   */
  private void settle(StoredFile expected, StoredFile actual) {
    if (actual != expected) {
      usedBytes.addAndGet(size(expected) - size(actual));
    }
  }

  private static long size(StoredFile file) {
    return file == null ? 0 : file.content().length;
  }

  /** Removes a file, if present, and gives its bytes back to the limit. Holds the lock. */
  private void remove(String path) {
    StoredFile old = files.remove(path);
    if (old != null) {
      paths.remove(path);
      usedBytes.addAndGet(-old.content().length);
    }
  }

  /**
   * A new file may go at {@code path} unless a file stands at an ancestor or files lie below it. (A file already
   * at the path proves both, so callers replacing one skip this.)
   */
  private void checkPlaceable(String path) throws DriverException {
    checkNoFileAbove(path);
    if (!below(path).isEmpty()) {
      throw new DriverException(NAME, path, ErrorCode.CONFLICT,
          "cannot write " + path + ": it is a directory", null);
    }
  }

  /** A file at an ancestor of {@code path} leaves no room for it: a conflict. */
  private void checkNoFileAbove(String path) throws DriverException {
    for (String ancestor = StoragePaths.parent(path); !StoragePaths.ROOT.equals(ancestor);
        ancestor = StoragePaths.parent(ancestor)) {
      if (files.containsKey(ancestor)) {
        throw new DriverException(NAME, path, ErrorCode.CONFLICT,
            "cannot write " + path + ": " + ancestor + " is a file, not a directory", null);
      }
    }
  }

  private NavigableSet<String> below(String path) {
    String prefix = StoragePaths.ROOT.equals(path) ? "/" : path + "/";
    return paths.subSet(prefix, true, prefix.substring(0, prefix.length() - 1) + "0", false);
  }

  /** Takes {@code delta} bytes of the limit, or fails with NO_SPACE leaving everything as it was. */
  private void reserve(String path, long delta) throws DriverException {
    long used = usedBytes.get();
    if (maxSize > 0 && delta > 0 && used + delta > maxSize) {
      throw new DriverException(NAME, path, ErrorCode.NO_SPACE,
          "store full: " + used + " of " + maxSize + " bytes used, " + delta + " more needed", null);
    }
    usedBytes.addAndGet(delta);
  }

  // ---- uncommitted writes --------------------------------------------------------------------------------

  /** Starts or resumes the uncommitted write to {@code path}; see {@link dev.storagedriver.StorageDriver#writer}. */
  PendingWrite openWrite(String path, boolean append) throws DriverException {
    lock.lock();
    try {
      // As on disk: a writer below a file fails when it is opened, leaving no uncommitted write behind.
      checkNoFileAbove(path);
      PendingWrite existing = pending.get(path);
      if (append && existing != null && !existing.held()) {
        existing.hold(true);
        return existing;
      }
      // A write still held by an open writer is not resumable (as on disk, where only a closed session is):
      // this writer starts afresh and supersedes it, so the two never append to one buffer.
      StoredFile committed = files.get(path);
      if (append && committed != null && committed.content().length > 0) {
        throw new DriverException(NAME, path, ErrorCode.CONFLICT, "cannot append to " + path
            + ": it holds " + committed.content().length + " committed bytes and no uncommitted write", null);
      }
      if (existing != null) {
        usedBytes.addAndGet(-existing.size());
      }
      PendingWrite fresh = new PendingWrite();
      pending.put(path, fresh);
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  void append(String path, PendingWrite write, byte[] b, int off, int len) throws DriverException {
    lock.lock();
    try {
      checkNotPurged(path, write);
      if (write.size() + (long) len > Integer.MAX_VALUE - 8) {
        throw new DriverException(NAME, path, ErrorCode.NO_SPACE,
            "an in-memory file holds at most 2 GiB", null);
      }
      boolean live = pending.get(path) == write;
      if (live) {
        reserve(path, len);
      }
      write.append(b, off, len);
    } finally {
      lock.unlock();
    }
  }

  void commit(String path, PendingWrite write) throws DriverException {
    lock.lock();
    try {
      checkNotPurged(path, write);
      boolean live = pending.get(path) == write;
      byte[] content = write.toByteArray();
      StoredFile old = files.get(path);
      if (old == null) {
        checkPlaceable(path);
      }
      // A live write's bytes are already counted; a superseded one's are not.
      long delta = (live ? 0 : content.length) - (old == null ? 0 : old.content().length);
      reserve(path, delta);
      settle(old, store(path, new StoredFile(content, Instant.now())));
      if (live) {
        pending.remove(path);
      }
    } finally {
      lock.unlock();
    }
  }

  /** The writer of {@code write} was closed without commit or cancel: the write may now be resumed. */
  void release(PendingWrite write) {
    lock.lock();
    try {
      write.hold(false);
    } finally {
      lock.unlock();
    }
  }

  void cancel(String path, PendingWrite write) {
    lock.lock();
    try {
      if (pending.get(path) == write) {
        pending.remove(path);
        usedBytes.addAndGet(-write.size());
      }
    } finally {
      lock.unlock();
    }
  }

  private static void checkNotPurged(String path, PendingWrite write) throws DriverException {
    if (write.purged()) {
      throw new DriverException(NAME, path, ErrorCode.CONFLICT,
          "the uncommitted write to " + path + " was purged; start it again", null);
    }
  }

  /** The uncommitted writes kept for paths below {@code directory}. */
  List<dev.storagedriver.PendingWrite> pendingWrites(String directory) {
    lock.lock();
    try {
      List<dev.storagedriver.PendingWrite> found = new ArrayList<>();
      pending.forEach((path, write) -> {
        if (StoragePaths.isStrictlyBelow(path, directory)) {
          found.add(describe(path, write));
        }
      });
      return found;
    } finally {
      lock.unlock();
    }
  }

  /** Removes the uncommitted writes below {@code directory} last changed before {@code olderThan}. */
  List<dev.storagedriver.PendingWrite> purgePendingWrites(String directory, Instant olderThan) {
    lock.lock();
    try {
      List<dev.storagedriver.PendingWrite> removed = new ArrayList<>();
      pending.entrySet().removeIf(entry -> {
        PendingWrite write = entry.getValue();
        if (!StoragePaths.isStrictlyBelow(entry.getKey(), directory) || !write.lastModified().isBefore(olderThan)) {
          return false;
        }
        write.markPurged();
        usedBytes.addAndGet(-write.size());
        removed.add(describe(entry.getKey(), write));
        return true;
      });
      return removed;
    } finally {
      lock.unlock();
    }
  }

  private static dev.storagedriver.PendingWrite describe(String path, PendingWrite write) {
    return new dev.storagedriver.PendingWrite(path, write.id(), write.size(), write.lastModified());
  }
}
