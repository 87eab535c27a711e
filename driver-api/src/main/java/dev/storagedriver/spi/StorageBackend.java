package dev.storagedriver.spi;

import dev.storagedriver.Capability;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a driver implements: the raw operations, and nothing the portable layer already does. Applications never
 * call a backend directly; they hold the {@link dev.storagedriver.StorageDriver} that {@link
 * dev.storagedriver.StorageDrivers#portable} wraps around it.
 *
 * <p><b>What a backend may assume.</b> Every path is valid ({@link dev.storagedriver.StoragePaths}); {@code
 * "/"} reaches only {@link #stat}, {@link #list} and {@link #walk}. Offsets are never negative. Arguments are
 * never null. The backend is not closed. Writers are used by one thread at a time, and the portable layer
 * enforces their state machine (no write after commit, cancel or close; commit or cancel once).
 *
 * <p><b>How a backend reports failure.</b> With the JDK's exceptions, which the portable layer turns into typed
 * {@link dev.storagedriver.StorageDriverException}s carrying the driver name and path: {@link
 * java.nio.file.NoSuchFileException} for a missing path, {@link java.nio.file.AccessDeniedException} for a
 * refusal, {@link java.lang.UnsupportedOperationException} for an operation it does not offer, any other
 * {@link IOException} or {@link RuntimeException} for the rest. A backend that can say more (no space, a
 * conflict, a transient failure, several failures at once) throws the typed exception itself, and it passes
 * through unchanged. The same holds for the streams and writers it returns.
 */
public interface StorageBackend extends Closeable {
  /** The registered name; the portable layer puts it in every error. */
  String name();

  /** The optional behaviour offered; only these may be relied on. */
  Set<Capability> capabilities();

  /** The whole content of the file at {@code path}. */
  byte[] getContent(String path) throws IOException;

  /** Replaces the content at {@code path}; readers must never see a partial write. */
  void putContent(String path, byte[] content) throws IOException;

  /**
   * A stream from {@code offset}; an empty stream when {@code offset} equals the size, {@link
   * dev.storagedriver.InvalidOffsetException} when it is larger.
   */
  InputStream reader(String path, long offset) throws IOException;

  /** A writer, as {@link dev.storagedriver.StorageDriver#writer} describes. */
  FileWriter writer(String path, boolean append) throws IOException;

  /** File or directory at {@code path}; the root is always a directory. */
  FileInfo stat(String path) throws IOException;

  /** Direct children as absolute paths, in any order (the portable layer sorts them). */
  List<String> list(String path) throws IOException;

  /** Moves a file, replacing the destination. */
  void move(String source, String destination) throws IOException;

  /** Deletes recursively; only true subpaths. */
  void delete(String path) throws IOException;

  /** A redirect URL, for backends with {@link Capability#REDIRECT_URL}. */
  default Optional<URI> redirectUrl(String path, RedirectMethod method) throws IOException {
    return Optional.empty();
  }

  /**
   * A native walk, for backends with {@link Capability#NATIVE_WALK}; it must give exactly what the generic walk
   * over list and stat gives. A {@code path} that is missing or is a file throws {@link
   * java.nio.file.NoSuchFileException}: the portable layer does not stat it first, since on an object store that
   * costs a request of its own.
   */
  default void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    throw new UnsupportedOperationException("walk");
  }

  /**
   * The uncommitted writes below {@code directory}, in any order, for backends with {@link
   * Capability#PENDING_WRITES}; see {@link dev.storagedriver.StorageDriver#pendingWrites}.
   *
   * @param directory the root or a valid path
   * @return the pending writes
   * @throws IOException if the store cannot be read
   */
  default List<PendingWrite> pendingWrites(String directory) throws IOException {
    throw new UnsupportedOperationException("pendingWrites");
  }

  /**
   * Removes the uncommitted writes below {@code directory} last changed before {@code olderThan}, for backends
   * with {@link Capability#PENDING_WRITES}; see {@link dev.storagedriver.StorageDriver#purgePendingWrites}.
   *
   * @param directory the root or a valid path
   * @param olderThan writes last changed before this instant are removed
   * @return the writes removed, in any order
   * @throws IOException if the store cannot be read or changed
   */
  default List<PendingWrite> purgePendingWrites(String directory, Instant olderThan) throws IOException {
    throw new UnsupportedOperationException("purgePendingWrites");
  }

  /**
   * How many operations may run at once, or 0 for no bound. The portable layer enforces it, so a backend on
   * blocking resources (file handles, OS threads) does not have to.
   */
  default int maxConcurrentOperations() {
    return 0;
  }
}
