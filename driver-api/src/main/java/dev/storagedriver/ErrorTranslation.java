package dev.storagedriver;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;

/**
 * Turns what a backend throws into the typed exceptions, once, for every driver. The portable layer applies it to
 * every call; a layer that must act on the kind of a failure from below (retry acts only on {@link
 * ErrorCode#UNAVAILABLE}) classifies it here, exactly as the caller will see it.
 */
public final class ErrorTranslation {
  /** OS messages for a full device or quota, on Linux, macOS, Windows and Jimfs. */
  private static final Pattern NO_SPACE = Pattern.compile(
      "no space left|out of disk space|disk quota exceeded|not enough space on the disk", Pattern.CASE_INSENSITIVE);
  private static final Pattern NOT_PERMITTED = Pattern.compile(
      "operation not permitted|permission denied|read-only file system", Pattern.CASE_INSENSITIVE);

  private ErrorTranslation() {}

  private static String osMessage(IOException failure) {
    String reason = failure instanceof FileSystemException fse ? fse.getReason() : failure.getMessage();
    return reason == null ? "" : reason;
  }

  /**
   * The typed exception for {@code failure} of operation {@code operation} on {@code path} (null when the
   * operation concerns no single path). Typed exceptions pass through unchanged.
   *
   * @param driver the driver's registered name
   * @param operation the operation that failed, as messages name it (e.g. {@code getContent})
   * @param path the path concerned, or null
   * @param failure what the backend threw
   * @return the typed exception for it
   */
  public static StorageDriverException translate(String driver, String operation, String path, Throwable failure) {
    if (failure instanceof StorageDriverException typed) {
      return typed;
    }
    String where = path == null ? operation : operation + " " + path;
    if (failure instanceof NoSuchFileException) {
      return path == null
          ? new DriverException(driver, null, ErrorCode.PATH_NOT_FOUND, where + ": not found", failure)
          : new PathNotFoundException(driver, path, failure);
    }
    if (failure instanceof AccessDeniedException) {
      return new DriverException(driver, path, ErrorCode.PERMISSION_DENIED, where + ": permission denied", failure);
    }
    if (failure instanceof NotDirectoryException || failure instanceof FileAlreadyExistsException) {
      return new DriverException(driver, path, ErrorCode.CONFLICT,
          where + ": a file stands where a directory is needed", failure);
    }
    if (failure instanceof IOException io) {
      // Writes on a full disk fail with a plain IOException carrying only the OS message: it is all there is.
      String reason = osMessage(io);
      if (NO_SPACE.matcher(reason).find()) {
        return new DriverException(driver, path, ErrorCode.NO_SPACE, where + ": no space left (" + reason + ")",
            failure);
      }
      if (NOT_PERMITTED.matcher(reason).find()) {
        return new DriverException(driver, path, ErrorCode.PERMISSION_DENIED,
            where + ": permission denied (" + reason + ")", failure);
      }
    }
    if (failure instanceof UnsupportedOperationException) {
      return new UnsupportedMethodException(driver, path, operation);
    }
    if (failure instanceof SocketTimeoutException || failure instanceof ConnectException
        || failure instanceof InterruptedIOException) {
      return new DriverException(driver, path, ErrorCode.UNAVAILABLE, where + ": " + failure, failure);
    }
    return new DriverException(driver, path, ErrorCode.UNKNOWN, where + " failed: " + failure, failure);
  }
}
