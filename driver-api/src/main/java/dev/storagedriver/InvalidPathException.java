package dev.storagedriver;

/**
 * The path breaks the rules of {@link StoragePaths}; nothing was read or changed.
 *
 * <p>Not to be confused with {@code java.nio.file.InvalidPathException}, which this does not extend: a storage
 * path is not a file-system path.
 */
public final class InvalidPathException extends StorageDriverException {
  /** Which rule the path breaks. */
  private final String reason;

  /**
   * Creates the exception; {@code reason} says which rule the path breaks.
   *
   * @param driverName the driver the call was made to
   * @param path the path as given
   * @param reason which rule it breaks, e.g. {@code "segment \"..\" is not allowed"}
   */
  public InvalidPathException(String driverName, String path, String reason) {
    super(driverName, path, "invalid path \"" + StoragePaths.printable(path) + "\": " + reason, null);
    this.reason = reason;
  }

  /**
   * Which rule the path breaks.
   *
   * @return the reason, as the message shows it
   */
  public String reason() {
    return reason;
  }

  @Override
  public ErrorCode code() {
    return ErrorCode.INVALID_PATH;
  }
}
