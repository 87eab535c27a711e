package dev.storagedriver.filesystem;

import com.google.auto.service.AutoService;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageDriverFactory;

/**
 * Registers the {@code filesystem} driver with {@link dev.storagedriver.StorageDriverRegistry}. Parameters, under
 * {@code storagedriver.filesystem}, as in Distribution: {@code rootdirectory} (default {@code
 * /var/lib/registry}) and {@code maxthreads} (default 100, at least 25).
 */
@AutoService(StorageDriverFactory.class)
public final class FilesystemDriverFactory implements StorageDriverFactory {
  /** For {@link java.util.ServiceLoader}. */
  public FilesystemDriverFactory() {}

  @Override
  public String name() {
    return FilesystemDriver.NAME;
  }

  @Override
  public StorageBackend create(DriverConfig config) throws StorageDriverException {
    FilesystemConfig settings = FilesystemConfig.from(config);
    return FilesystemDriver.backend(settings.rootDirectory(), settings.maxThreads());
  }
}
