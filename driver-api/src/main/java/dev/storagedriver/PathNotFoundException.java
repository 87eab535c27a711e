package dev.storagedriver;

/** Nothing is stored at {@link #path()}: no file, and no directory that has files below it. */
public final class PathNotFoundException extends StorageDriverException {
  /** Creates the exception for {@code path} in driver {@code driverName}. */
  public PathNotFoundException(String driverName, String path) {
    this(driverName, path, null);
  }

  /** Creates the exception with the backend's own failure as the cause. */
  public PathNotFoundException(String driverName, String path, Throwable cause) {
    super(driverName, path, "path not found: " + path, cause);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.PATH_NOT_FOUND;
  }
}
