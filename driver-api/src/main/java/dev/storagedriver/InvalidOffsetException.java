package dev.storagedriver;

/** A read was asked to start at an offset that is negative or past the end of the content. */
public final class InvalidOffsetException extends StorageDriverException {
  /** The offset that was asked for. */
  private final long offset;

  /**
   * Creates the exception for reading {@code path} at {@code offset}.
   *
   * @param driverName the driver the read was asked of
   * @param path the file read
   * @param offset the offset asked for, negative or past the end
   */
  public InvalidOffsetException(String driverName, String path, long offset) {
    super(driverName, path, "invalid offset " + offset + " for path " + path, null);
    this.offset = offset;
  }

  /**
   * The offset that was asked for.
   *
   * @return the offset, negative or past the end of the content
   */
  public long offset() {
    return offset;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_OFFSET;
  }
}
