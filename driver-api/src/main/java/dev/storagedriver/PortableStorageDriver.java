package dev.storagedriver;

import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portable layer: every call of every driver passes here. It does what Distribution's {@code base} package
 * does, once: checks the driver is open, validates paths and offsets, bounds concurrency, times the call, and
 * types every failure with the driver name and path.
 */
final class PortableStorageDriver implements StorageDriver {
  private static final Logger log = LoggerFactory.getLogger(StorageDriver.class);

  private final StorageBackend backend;
  private final String name;
  private final Set<Capability> capabilities;
  private final Semaphore permits;
  private final AtomicBoolean closed = new AtomicBoolean();

  PortableStorageDriver(StorageBackend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.name = Objects.requireNonNull(backend.name(), "backend.name()");
    this.capabilities = Set.copyOf(backend.capabilities());
    int limit = backend.maxConcurrentOperations();
    this.permits = limit > 0 ? new Semaphore(limit, true) : null;
  }

  @FunctionalInterface
  private interface BackendCall<T> {
    T run() throws IOException;
  }

  private <T> T call(String operation, String path, BackendCall<T> call) throws StorageDriverException {
    if (closed.get()) {
      throw new IllegalStateException(name + ": driver is closed");
    }
    long start = System.nanoTime();
    boolean ok = false;
    try {
      acquire(operation, path);
      try {
        T result = call.run();
        ok = true;
        return result;
      } finally {
        if (permits != null) {
          permits.release();
        }
      }
    } catch (VisitorFailure e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(name, operation, path, e);
    } finally {
      if (log.isDebugEnabled()) {
        log.debug("{} {} {} {} in {} µs", name, operation, path, ok ? "ok" : "failed",
            (System.nanoTime() - start) / 1000);
      }
    }
  }

  private void acquire(String operation, String path) throws InterruptedIOException {
    if (permits == null) {
      return;
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(operation + " " + path + " interrupted while waiting for a free slot");
    }
  }

  private void checkFile(String path) throws InvalidPathException {
    Optional<String> violation = StoragePaths.violation(path);
    if (violation.isPresent()) {
      throw new InvalidPathException(name, path, violation.get());
    }
  }

  private void checkDirectory(String path) throws InvalidPathException {
    if (!StoragePaths.ROOT.equals(path)) {
      checkFile(path);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public byte[] getContent(String path) throws StorageDriverException {
    checkFile(path);
    return call("getContent", path, () -> backend.getContent(path));
  }

  @Override
  public void putContent(String path, byte[] content) throws StorageDriverException {
    checkFile(path);
    Objects.requireNonNull(content, "content");
    call("putContent", path, () -> {
      backend.putContent(path, content);
      return null;
    });
  }

  @Override
  public InputStream reader(String path, long offset) throws StorageDriverException {
    checkFile(path);
    if (offset < 0) {
      throw new InvalidOffsetException(name, path, offset);
    }
    InputStream in = call("reader", path, () -> backend.reader(path, offset));
    return new TranslatingInputStream(name, path, in);
  }

  @Override
  public FileWriter writer(String path, boolean append) throws StorageDriverException {
    checkFile(path);
    if (append && !capabilities.contains(Capability.RESUMABLE_APPEND)) {
      throw new UnsupportedMethodException(name, path, "writer(append=true)");
    }
    FileWriter writer = call("writer", path, () -> backend.writer(path, append));
    return new PortableFileWriter(name, path, writer, closed::get);
  }

  @Override
  public FileInfo stat(String path) throws StorageDriverException {
    checkDirectory(path);
    return call("stat", path, () -> backend.stat(path));
  }

  @Override
  public List<String> list(String path) throws StorageDriverException {
    checkDirectory(path);
    return call("list", path, () -> {
      List<String> children = new ArrayList<>(backend.list(path));
      children.sort(StoragePaths.WALK_ORDER);
      return Collections.unmodifiableList(children);
    });
  }

  @Override
  public void move(String source, String destination) throws StorageDriverException {
    checkFile(source);
    checkFile(destination);
    call("move", source, () -> {
      backend.move(source, destination);
      return null;
    });
  }

  @Override
  public void delete(String path) throws StorageDriverException {
    checkFile(path);
    call("delete", path, () -> {
      backend.delete(path);
      return null;
    });
  }

  @Override
  public Optional<URI> redirectUrl(String path, RedirectMethod method) throws StorageDriverException {
    checkFile(path);
    Objects.requireNonNull(method, "method");
    if (!capabilities.contains(Capability.REDIRECT_URL)) {
      return Optional.empty();
    }
    return call("redirectUrl", path, () -> backend.redirectUrl(path, method));
  }

  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    checkDirectory(path);
    Objects.requireNonNull(visitor, "visitor");
    Objects.requireNonNull(options, "options");
    if (options.startAfter().isPresent()) {
      checkFile(options.startAfter().get());
    }
    // The visitor's own exceptions must reach the caller untouched, not typed as the driver's failure.
    WalkVisitor tunnelling = info -> {
      try {
        return visitor.visit(info);
      } catch (IOException | RuntimeException e) {
        throw new VisitorFailure(e);
      }
    };
    try {
      call("walk", path, () -> {
        if (capabilities.contains(Capability.NATIVE_WALK)) {
          backend.walk(path, tunnelling, options);
          return null;
        }
        if (!backend.stat(path).isDirectory()) {
          throw new PathNotFoundException(name, path);
        }
        GenericWalk.walk(backend, path, tunnelling, options);
        return null;
      });
    } catch (VisitorFailure e) {
      e.rethrowCause();
    }
  }

  @Override
  public List<PendingWrite> pendingWrites(String directory) throws StorageDriverException {
    checkDirectory(directory);
    requirePendingWrites("pendingWrites", directory);
    return call("pendingWrites", directory, () -> sortedByPath(backend.pendingWrites(directory)));
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, Instant olderThan)
      throws StorageDriverException {
    checkDirectory(directory);
    Objects.requireNonNull(olderThan, "olderThan");
    requirePendingWrites("purgePendingWrites", directory);
    return call("purgePendingWrites", directory,
        () -> sortedByPath(backend.purgePendingWrites(directory, olderThan)));
  }

  private void requirePendingWrites(String operation, String directory) throws UnsupportedMethodException {
    if (!capabilities.contains(Capability.PENDING_WRITES)) {
      throw new UnsupportedMethodException(name, directory, operation);
    }
  }

  private static List<PendingWrite> sortedByPath(List<PendingWrite> writes) {
    List<PendingWrite> sorted = new ArrayList<>(writes);
    sorted.sort(Comparator.comparing(PendingWrite::path, StoragePaths.WALK_ORDER)
        .thenComparing(PendingWrite::lastModified));
    return Collections.unmodifiableList(sorted);
  }

  @Override
  public void close() throws StorageDriverException {
    if (closed.compareAndSet(false, true)) {
      try {
        backend.close();
      } catch (IOException | RuntimeException e) {
        throw ErrorTranslation.translate(name, "close", null, e);
      }
    }
  }

  @Override
  public String toString() {
    return "StorageDriver[" + name + "]";
  }

  /** Carries a visitor's exception through the backend and the error translation. */
  private static final class VisitorFailure extends RuntimeException {
    VisitorFailure(Exception cause) {
      super(cause);
    }

    void rethrowCause() throws IOException {
      Throwable cause = getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) cause;
    }
  }
}
