package dev.storagedriver.objectstore;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.UnsupportedMethodException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;

/**
 * Runs raw requests: retries the idempotent ones on retryable failures ({@link ObjectStoreException#retryable}:
 * throttling, 5xx, resets, damaged bodies) with a doubling pause, and types what finally fails. A missing object
 * becomes {@link NoSuchFileException} (the portable layer names it), everything else a {@link
 * StorageDriverException} with the code its kind calls for. Messages hold the operation, the path and the
 * store's own safe description: never an SDK message, which can quote a raw response.
 */
final class Requests {
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException;
  }

  private static final long MAX_PAUSE_MILLIS = 2000;

  final ObjectStore store;
  final String driver;
  private final int maxRetries;
  private final long firstPauseMillis;

  Requests(ObjectStore store, String driver, int maxRetries, long firstPauseMillis) {
    this.store = store;
    this.driver = driver;
    this.maxRetries = maxRetries;
    this.firstPauseMillis = firstPauseMillis;
  }

  /** Runs an idempotent request, trying again on retryable failures. */
  <T> T idempotent(String operation, String path, Call<T> call) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.run();
      } catch (IOException e) {
        if (!retryable(e) || attempt >= maxRetries) {
          throw typed(operation, path, e);
        }
        pause(attempt, operation, path);
      }
    }
  }

  /** Runs a request that must not be repeated blindly (Complete): failures are typed, never retried. */
  <T> T once(String operation, String path, Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (IOException e) {
      throw typed(operation, path, e);
    }
  }

  /** Whether a failure of an idempotent request is worth another try. */
  static boolean retryable(IOException e) {
    if (e instanceof ObjectStoreException o) {
      return o.retryable();
    }
    return !(e instanceof StorageDriverException) && !(e instanceof InterruptedIOException)
        && !(e instanceof NoSuchFileException);
  }

  /** Whether {@code e} is a store failure of this kind. */
  static boolean is(IOException e, ObjectStoreException.Kind kind) {
    return e instanceof ObjectStoreException o && o.kind() == kind
        || e.getCause() instanceof ObjectStoreException c && c.kind() == kind;
  }

  void pause(int attempt, String operation, String path) throws InterruptedIOException {
    try {
      Thread.sleep(Math.min(MAX_PAUSE_MILLIS, firstPauseMillis << Math.min(attempt, 20)));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(operation + " " + path + " interrupted");
    }
  }

  /** The typed exception for a failure of {@code operation} on {@code path} (null for none). */
  IOException typed(String operation, String path, IOException e) {
    if (e instanceof StorageDriverException || e instanceof NoSuchFileException
        || e instanceof InterruptedIOException) {
      return e;
    }
    String where = path == null ? operation : operation + " " + path;
    if (!(e instanceof ObjectStoreException o)) {
      return new DriverException(driver, path, ErrorCode.UNAVAILABLE,
          where + ": connection failed (" + e.getClass().getSimpleName() + ")", e);
    }
    String detail = where + ": " + o.getMessage();
    switch (o.kind()) {
      case NOT_FOUND:
        if (path != null) {
          NoSuchFileException n = new NoSuchFileException(path);
          n.initCause(e);
          return n;
        }
        return new DriverException(driver, null, ErrorCode.PATH_NOT_FOUND, detail, e);
      case NO_SUCH_BUCKET:
        return new InvalidConfigException(driver, "storagedriver." + driver + ".bucket",
            detail + ": the bucket does not exist", e);
      case DENIED:
        return new DriverException(driver, path, ErrorCode.PERMISSION_DENIED, detail, e);
      case TRANSIENT:
        return new DriverException(driver, path, ErrorCode.UNAVAILABLE, detail, e);
      case CORRUPTED:
        return new DriverException(driver, path, ErrorCode.CORRUPTED, detail + " (checksum mismatch)", e);
      case NO_SUCH_UPLOAD:
        return new DriverException(driver, path, ErrorCode.CONFLICT,
            detail + ": the uncommitted write is gone (purged, cancelled or committed elsewhere)", e);
      case PRECONDITION_FAILED:
        return new DriverException(driver, path, ErrorCode.CONFLICT, detail + ": the object changed", e);
      case NOT_IMPLEMENTED:
        // A store that speaks only part of the API (501): not an outage to retry, an operation it does not offer.
        return new UnsupportedMethodException(driver, path, where + " (the store does not implement the request: "
            + o.getMessage() + ")");
      default:
        return new DriverException(driver, path, ErrorCode.UNKNOWN, detail, e);
    }
  }

  /** {@link #typed} as a StorageDriverException, for callers that need one (a missing path included). */
  StorageDriverException typedDriverException(String operation, String path, IOException e) {
    IOException t = typed(operation, path, e);
    if (t instanceof StorageDriverException s) {
      return s;
    }
    if (t instanceof NoSuchFileException) {
      return new PathNotFoundException(driver, path, t);
    }
    return new DriverException(driver, path, ErrorCode.UNKNOWN, operation + " " + path + " failed", t);
  }
}
