package dev.storagedriver;

/**
 * A configuration value is missing or not allowed. The message names the full key (for example {@code
 * storagedriver.filesystem.maxthreads}), the value given and what is allowed.
 */
public final class InvalidConfigException extends StorageDriverException {
  /** The full configuration key at fault. */
  private final String key;

  /**
   * Creates the exception.
   *
   * @param driverName the driver being configured
   * @param key the full configuration key
   * @param message the value given and what is allowed
   * @param cause the config library's exception, or null
   */
  public InvalidConfigException(String driverName, String key, String message, Throwable cause) {
    super(driverName, null, "invalid configuration " + key + ": " + message, cause);
    this.key = key;
  }

  /**
   * The full configuration key at fault.
   *
   * @return the key, e.g. {@code storagedriver.filesystem.maxthreads}
   */
  public String key() {
    return key;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_CONFIG;
  }
}
