package dev.storagedriver;

/**
 * The driver does not offer this operation. Drivers declare what they offer in {@link
 * StorageDriver#capabilities()}: ask first rather than catch this.
 */
public final class UnsupportedMethodException extends StorageDriverException {
  /** The operation that is not supported. */
  private final String method;

  /**
   * Creates the exception for {@code method} (e.g. {@code "writer(append=true)"}).
   *
   * @param driverName the driver that does not offer the operation
   * @param path the path the call was for, or null
   * @param method the operation, as the message shows it
   */
  public UnsupportedMethodException(String driverName, String path, String method) {
    super(driverName, path, "unsupported method: " + method, null);
    this.method = method;
  }

  /**
   * The operation that is not supported.
   *
   * @return the operation, e.g. {@code "writer(append=true)"}
   */
  public String method() {
    return method;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.UNSUPPORTED;
  }
}
