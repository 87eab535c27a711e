package dev.storagedriver.inmemory;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.tck.StorageDriverTck;

/** The whole conformance kit against the in-memory driver, including resuming from a second instance. */
class InMemoryDriverTckTest extends StorageDriverTck {
  private InMemoryStore store;

  @Override
  protected StorageDriver newDriver() {
    store = new InMemoryStore(0);
    return store.newDriver();
  }

  @Override
  protected StorageDriver reopen(StorageDriver current) {
    return store.newDriver();
  }
}
