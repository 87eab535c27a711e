package dev.storagedriver;

/** Nothing is stored at {@link #path()}: no file, and no directory that has files below it. */
public final class PathNotFoundException extends StorageDriverException {
  /**
   * Creates the exception for {@code path} in driver {@code driverName}.
   *
   * @param driverName the driver that found nothing
   * @param path the path that is missing
   */
  public PathNotFoundException(String driverName, String path) {
    this(driverName, path, null);
  }

  /**
   * Creates the exception with the backend's own failure as the cause.
   *
   * @param driverName the driver that found nothing
   * @param path the path that is missing
   * @param cause the backend's exception (a {@link java.nio.file.NoSuchFileException}, say), or null
   */
  public PathNotFoundException(String driverName, String path, Throwable cause) {
    super(driverName, path, "path not found: " + path, cause);
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.PATH_NOT_FOUND;
  }
}
