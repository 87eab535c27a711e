package dev.storagedriver.layers.micrometer;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StorageLayers;
import dev.storagedriver.inmemory.InMemoryStore;
import dev.storagedriver.tck.StorageDriverTck;

/** The whole conformance kit through the metrics layer over the in-memory driver. */
class MetricsLayerKitTest extends StorageDriverTck {
  private InMemoryStore store;

  private StorageDriver open() throws Exception {
    return StorageDrivers.portable(StorageLayers.load().stack(store.backend(),
        ConfigFactory.parseString("storagedriver.layers = [metrics]")));
  }

  @Override
  protected StorageDriver newDriver() throws Exception {
    store = new InMemoryStore(0);
    return open();
  }

  @Override
  protected StorageDriver reopen(StorageDriver current) throws Exception {
    return open();
  }
}
