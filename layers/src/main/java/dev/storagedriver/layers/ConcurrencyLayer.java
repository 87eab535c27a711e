package dev.storagedriver.layers;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most {@code maxoperations} calls at once; further calls wait their turn (fairly). Each read of a stream and
 * each write, commit and cancel of a writer counts as a call while it runs, an open stream does not, so holding
 * many streams open cannot starve the bound. With {@code shared = <name>}, every layer in the process with that
 * name draws on one bound: several drivers on one connection pool or one disk stay under it together.
 */
final class ConcurrencyLayer extends CallLayer {
  /** Bounds shared by name across the process; the first layer with a name sets its size. */
  private static final Map<String, Bound> SHARED = new ConcurrentHashMap<>();

  record Bound(int size, Semaphore permits) {}

  private final Semaphore permits;

  ConcurrencyLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    super(below);
    int max = config.getInt("maxoperations", 64, 1, 1 << 20);
    java.util.Optional<String> shared = config.getOptionalString("shared");
    if (shared.isEmpty()) {
      permits = new Semaphore(max, true);
      return;
    }
    Bound bound = SHARED.computeIfAbsent(shared.get(), n -> new Bound(max, new Semaphore(max, true)));
    if (bound.size() != max) {
      throw config.invalid("maxoperations", "the size the shared bound \"" + shared.get() + "\" already has ("
          + bound.size() + "): every layer sharing a bound must give it the same size", null);
    }
    permits = bound.permits();
  }

  @Override
  protected <T> T around(Operation operation, String path, Call<T> call) throws IOException {
    acquire(operation.configName(), path);
    try {
      return call.run();
    } finally {
      permits.release();
    }
  }

  private void acquire(String what, String path) throws InterruptedIOException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(what + " " + path + ": interrupted while waiting for a free slot");
    }
  }

  @Override
  protected <T> T aroundStep(Step step, String path, Call<T> call) throws IOException {
    acquire(step.label(), path);
    try {
      return call.run();
    } finally {
      permits.release();
    }
  }

  /**
   * A walk holds a slot while the driver works, not while the caller's visitor runs: the visitor may call this
   * driver itself (stat or delete what it is shown), and holding a slot across it would deadlock a bound of one
   * and shrink any other.
   */
  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    super.walk(path, info -> {
      permits.release();
      try {
        return visitor.visit(info);
      } finally {
        // Uninterruptibly: the walk's own release must find the slot it took (an interrupt stays set).
        permits.acquireUninterruptibly();
      }
    }, options);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return eachRead(path, super.reader(path, offset));
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    return eachWrite(path, super.writer(path, append));
  }
}
