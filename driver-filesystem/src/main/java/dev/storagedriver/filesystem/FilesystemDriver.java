package dev.storagedriver.filesystem;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.ErrorTranslation;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * The filesystem driver over any directory of any {@link java.nio.file.FileSystem}: the default one, or another
 * such as Jimfs. Use it where the registry's configuration ({@code storagedriver.filesystem.rootdirectory}) does
 * not fit, e.g. in tests:
 *
 * <pre>{@code
 * try (StorageDriver driver = FilesystemDriver.open(Path.of("/var/lib/registry"))) {
 *   driver.putContent("/hello", bytes);
 * }
 * }</pre>
 *
 * <p>Writes are atomic and durable, nothing uncommitted is ever visible, and no path or link leads outside the
 * root directory; the module's README states the guarantees precisely.
 */
public final class FilesystemDriver {
  /** The name the driver is registered and reported under. */
  public static final String NAME = "filesystem";
  /** The default bound on concurrent blocking file operations, as in Distribution. */
  public static final int DEFAULT_MAX_THREADS = 100;
  /** The smallest bound allowed, as in Distribution. */
  public static final int MIN_MAX_THREADS = 25;

  private FilesystemDriver() {}

  /**
   * The driver over {@code rootDirectory} (created if missing) with {@link #DEFAULT_MAX_THREADS}.
   *
   * @param rootDirectory the directory that holds the store, on any {@link java.nio.file.FileSystem}
   * @return the portable driver, open
   * @throws StorageDriverException if the root directory cannot be created or used
   */
  public static StorageDriver open(Path rootDirectory) throws StorageDriverException {
    return open(rootDirectory, DEFAULT_MAX_THREADS);
  }

  /**
   * The driver over {@code rootDirectory} (created if missing), running at most {@code maxThreads} file
   * operations at once.
   *
   * @param rootDirectory the directory that holds the store, on any {@link java.nio.file.FileSystem}
   * @param maxThreads the most file operations that run at once
   * @return the portable driver, open
   * @throws IllegalArgumentException if {@code maxThreads} is below {@link #MIN_MAX_THREADS}
   * @throws StorageDriverException if the root directory cannot be created or used
   */
  public static StorageDriver open(Path rootDirectory, int maxThreads) throws StorageDriverException {
    return StorageDrivers.portable(backend(rootDirectory, maxThreads));
  }

  /**
   * The bare backend, for composing with other layers before {@link StorageDrivers#portable}; applications want
   * {@link #open}.
   *
   * @param rootDirectory the directory that holds the store, on any {@link java.nio.file.FileSystem}
   * @param maxThreads the most file operations that run at once
   * @return the raw backend, not yet wrapped in the portable layer
   * @throws IllegalArgumentException if {@code maxThreads} is below {@link #MIN_MAX_THREADS}
   * @throws StorageDriverException if the root directory cannot be created or used
   */
  public static StorageBackend backend(Path rootDirectory, int maxThreads) throws StorageDriverException {
    if (maxThreads < MIN_MAX_THREADS) {
      throw new IllegalArgumentException(
          "maxThreads (" + maxThreads + ") must be at least " + MIN_MAX_THREADS);
    }
    try {
      return FilesystemBackend.open(rootDirectory, maxThreads);
    } catch (IOException e) {
      throw startFailure(rootDirectory, e);
    }
  }

  private static StorageDriverException startFailure(Path root, IOException e) {
    if (e instanceof StorageDriverException typed) {
      return typed;
    }
    String where = "root directory " + root;
    if (e instanceof AccessDeniedException) {
      return new DriverException(NAME, null, ErrorCode.PERMISSION_DENIED, where + ": permission denied", e);
    }
    if (e instanceof FileAlreadyExistsException) {
      return new DriverException(NAME, null, ErrorCode.CONFLICT, where + " is not a directory", e);
    }
    // A read-only file system, an immutable directory (EPERM) or a full disk: typed as any call's failure is.
    ErrorCode code = ErrorTranslation.translate(NAME, "open", null, e).code();
    if (code == ErrorCode.PERMISSION_DENIED || code == ErrorCode.NO_SPACE) {
      return new DriverException(NAME, null, code, where + " cannot be used: " + e, e);
    }
    return new DriverException(NAME, null, ErrorCode.UNKNOWN, where + " cannot be used: " + e, e);
  }
}
