package dev.storagedriver;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception type every {@link StorageDriver} operation throws, always naming the driver and, where the
 * failure concerns one, the path.
 *
 * <p><b>Checked, on purpose.</b> Storage fails for reasons no caller controls (a full disk, a dropped
 * connection), so the compiler should make callers decide what to do. Extending {@link IOException} means the
 * streams a driver hands out ({@link StorageDriver#reader}, {@link FileWriter}) fail with the same typed errors
 * as the driver itself, and code that already handles {@code IOException} keeps working. Misuse that is a
 * programming error (writing to a committed writer, a null argument) throws unchecked {@link
 * IllegalStateException} or {@link NullPointerException} instead.
 *
 * <p>Switch on {@link #code()}; the subclasses exist for the common kinds so {@code catch} clauses read well.
 */
public abstract class StorageDriverException extends IOException {
  /** The name of the driver that failed. */
  private final String driverName;
  /** The path the failure concerns, or null. */
  private final String path;

  /**
   * Creates an exception.
   *
   * @param driverName the name of the driver that failed, never null
   * @param path the path concerned, or null when the failure concerns no single path
   * @param message what happened, without the driver name (it is prepended)
   * @param cause the underlying failure, or null
   */
  protected StorageDriverException(String driverName, String path, String message, Throwable cause) {
    super(Objects.requireNonNull(driverName, "driverName") + ": " + message, cause);
    this.driverName = driverName;
    this.path = path;
  }

  /**
   * The kind of failure.
   *
   * @return the code to act on; fixed for each subclass except {@link DriverException}
   */
  public abstract ErrorCode code();

  /**
   * The name of the driver that failed, as registered (e.g. {@code "filesystem"}).
   *
   * @return the driver's name, never null
   */
  public String driverName() {
    return driverName;
  }

  /**
   * The path the failure concerns, if it concerns one.
   *
   * @return the path, or empty when the failure concerns no single path (a configuration error, say)
   */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /**
   * Whether the same call may succeed if tried again; by default that of the {@link #code()}.
   *
   * @return {@code true} if retrying may help
   */
  public boolean isRetryable() {
    return code().isRetryable();
  }
}
