package dev.storagedriver.filesystem;

import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.spi.DriverConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The driver's parameters, checked. Defaults live in {@code reference.conf}; the ones here only apply when the
 * configuration was built without it.
 *
 * @param rootDirectory where the files are kept
 * @param maxThreads the bound on concurrent blocking file operations
 */
record FilesystemConfig(Path rootDirectory, int maxThreads) {
  static final String ROOT_DIRECTORY = "rootdirectory";
  static final String MAX_THREADS = "maxthreads";
  static final String DEFAULT_ROOT_DIRECTORY = "/var/lib/registry";

  static FilesystemConfig from(DriverConfig config) throws InvalidConfigException {
    String root = config.has(ROOT_DIRECTORY) ? config.getOptionalString(ROOT_DIRECTORY).orElse("")
        : DEFAULT_ROOT_DIRECTORY;
    if (root.isBlank()) {
      // Given but empty (an unset variable substituted as ""): falling back to the default would put the store
      // where nobody asked for it, and a blank name would be a directory of the working directory.
      throw config.invalid(ROOT_DIRECTORY, "a directory path; leave the parameter out for the default "
          + DEFAULT_ROOT_DIRECTORY, null);
    }
    Path rootDirectory;
    try {
      rootDirectory = Path.of(root);
    } catch (InvalidPathException e) {
      throw config.invalid(ROOT_DIRECTORY, "a directory path of this machine", e);
    }
    int maxThreads = config.getInt(MAX_THREADS, FilesystemDriver.DEFAULT_MAX_THREADS,
        FilesystemDriver.MIN_MAX_THREADS, Integer.MAX_VALUE);
    return new FilesystemConfig(rootDirectory, maxThreads);
  }
}
