package dev.storagedriver;

import java.util.Objects;

/**
 * A failure of the backend (permission denied, no space, a conflict, a transient outage, corrupted data, or one
 * the driver could not classify), with the backend's own exception as the cause.
 */
public final class DriverException extends StorageDriverException {
  /** The kind of failure. */
  private final ErrorCode code;

  /**
   * Creates the exception.
   *
   * @param driverName the driver that failed
   * @param path the path concerned, or null
   * @param code the kind of failure; one of the codes without an exception class of its own
   * @param message what happened
   * @param cause the backend's exception, or null
   */
  public DriverException(String driverName, String path, ErrorCode code, String message, Throwable cause) {
    super(driverName, path, message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  @Override
  public ErrorCode code() {
    return code;
  }
}
