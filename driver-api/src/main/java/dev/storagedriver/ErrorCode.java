package dev.storagedriver;

/**
 * What went wrong, as a value callers can switch on. Act on the code, never on a message.
 *
 * <p>Each {@link StorageDriverException} has exactly one code. The four kinds that Docker Distribution names
 * (path not found, invalid path, invalid offset, unsupported method) have exception classes of their own; the
 * rest are carried by {@link DriverException}.
 */
public enum ErrorCode {
  /** Nothing is stored at the path. See {@link PathNotFoundException}. */
  PATH_NOT_FOUND(false),
  /** The path breaks the path rules of {@link StoragePaths}. See {@link InvalidPathException}. */
  INVALID_PATH(false),
  /** A read offset is negative or past the end. See {@link InvalidOffsetException}. */
  INVALID_OFFSET(false),
  /** The driver does not offer this operation. See {@link UnsupportedMethodException}. */
  UNSUPPORTED(false),
  /** A configuration value is missing or not allowed. See {@link InvalidConfigException}. */
  INVALID_CONFIG(false),
  /** The backend refused access (file permissions, credentials, ACL). */
  PERMISSION_DENIED(false),
  /** The backend has no room left (disk full, a configured size limit). Stored data is unchanged. */
  NO_SPACE(false),
  /**
   * The operation conflicts with what is stored: writing below a path that is a file, appending to committed
   * content that is not empty.
   */
  CONFLICT(false),
  /** Data read back does not match its checksum. Never returned as data. */
  CORRUPTED(false),
  /** A transient failure (timeout, throttling, a 5xx answer, a dropped connection): trying again may succeed. */
  UNAVAILABLE(true),
  /** Several operations failed; see {@link AggregateDriverException#causes()}. */
  MULTIPLE(false),
  /** A failure the driver could not classify; the cause says more. */
  UNKNOWN(false);

  private final boolean retryable;

  ErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  /**
   * Whether the same call may succeed if tried again unchanged.
   *
   * @return {@code true} for transient failures ({@link #UNAVAILABLE})
   */
  public boolean isRetryable() {
    return retryable;
  }
}
