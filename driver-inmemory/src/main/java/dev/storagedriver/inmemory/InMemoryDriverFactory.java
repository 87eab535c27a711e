package dev.storagedriver.inmemory;

import com.google.auto.service.AutoService;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageDriverFactory;

/**
 * Registers the {@code inmemory} driver. Parameters ({@code storagedriver.inmemory}): {@code maxsize}, the most
 * bytes held (0, the default, for no limit). Each driver made from configuration has a store of its own, gone
 * when the process ends.
 */
@AutoService(StorageDriverFactory.class)
public final class InMemoryDriverFactory implements StorageDriverFactory {
  /** For {@link java.util.ServiceLoader}. */
  public InMemoryDriverFactory() {}

  @Override
  public String name() {
    return InMemoryStore.NAME;
  }

  @Override
  public StorageBackend create(DriverConfig config) throws StorageDriverException {
    long maxSize = config.getBytes("maxsize", 0, 0, Long.MAX_VALUE);
    return new InMemoryBackend(new InMemoryStore(maxSize));
  }
}
