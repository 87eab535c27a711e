package dev.storagedriver.layers.opentelemetry;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.inmemory.InMemoryStore;
import dev.storagedriver.tck.StorageDriverTck;
import io.opentelemetry.api.trace.TracerProvider;

/**
 * The whole conformance kit through the tracing layer when its spans are not recorded (the API's no-op tracer, as
 * without an SDK or for calls a sampler drops): the layer then takes its short path, streams unwrapped.
 */
class NotRecordingKitTest extends StorageDriverTck {
  private InMemoryStore store;

  private StorageDriver open() {
    return StorageDrivers.portable(new TracingLayer(store.backend(), TracerProvider.noop().get("kit"), false));
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
