package dev.storagedriver;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link StorageDriver#stat} knows of a path.
 *
 * @param path the absolute path
 * @param size the content length in bytes; 0 for a directory
 * @param modTime when the content was last committed; for a directory, the newest time the driver knows cheaply
 *     (it may be the epoch when the backend keeps none)
 * @param isDirectory whether the path is a directory (has paths below it) rather than a file
 */
public record FileInfo(String path, long size, Instant modTime, boolean isDirectory) {
  /**
   * Checks the fields.
   *
   * @param path the absolute path
   * @param size the content length in bytes; 0 for a directory
   * @param modTime when the content was last committed
   * @param isDirectory whether the path is a directory
   * @throws NullPointerException if {@code path} or {@code modTime} is null
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public FileInfo {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(modTime, "modTime");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }

  /**
   * A file of {@code size} bytes committed at {@code modTime}.
   *
   * @param path the file's absolute path
   * @param size its length in bytes, not negative
   * @param modTime when it was last committed
   * @return the file's information
   */
  public static FileInfo file(String path, long size, Instant modTime) {
    return new FileInfo(path, size, modTime, false);
  }

  /**
   * A directory.
   *
   * @param path the directory's absolute path
   * @param modTime the newest time the driver knows cheaply, or the epoch
   * @return the directory's information, with size 0
   */
  public static FileInfo directory(String path, Instant modTime) {
    return new FileInfo(path, 0, modTime, true);
  }
}
