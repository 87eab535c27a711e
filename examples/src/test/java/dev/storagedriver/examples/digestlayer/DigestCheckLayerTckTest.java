package dev.storagedriver.examples.digestlayer;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StorageLayers;
import dev.storagedriver.inmemory.InMemoryStore;
import dev.storagedriver.tck.StorageDriverTck;

/**
 * The whole conformance kit through the digestcheck layer over the in-memory driver: a layer, like a driver, proves
 * it keeps the contract by passing the kit. The pattern here matches every path under {@code /sha256/}, none of
 * the kit's, so the kit shows the layer changes nothing for other paths; its own test shows what it refuses.
 */
class DigestCheckLayerTckTest extends StorageDriverTck {
  private InMemoryStore store;

  private StorageDriver open() throws Exception {
    return StorageDrivers.portable(StorageLayers.load().stack(store.backend(), ConfigFactory.parseString(
        "storagedriver.layers = [ { name = digestcheck, pattern = \"/sha256/(?<digest>[0-9a-f]{64})\" } ]")));
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
