package dev.storagedriver;

/** A read was asked to start at an offset that is negative or past the end of the content. */
public final class InvalidOffsetException extends StorageDriverException {
  private final long offset;

  /** Creates the exception for reading {@code path} at {@code offset}. */
  public InvalidOffsetException(String driverName, String path, long offset) {
    super(driverName, path, "invalid offset " + offset + " for path " + path, null);
    this.offset = offset;
  }

  /** The offset that was asked for. */
  public long offset() {
    return offset;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_OFFSET;
  }
}
