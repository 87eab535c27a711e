package dev.storagedriver.cli.testplugin;

import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageLayerFactory;

/** A third-party layer for the plug-in tests that passes every call on: it only has to be found. */
public final class PassThroughLayerFactory implements StorageLayerFactory {
  @Override
  public String name() {
    return "plugin-layer";
  }

  @Override
  public StorageBackend create(StorageBackend below, DriverConfig config) {
    return new ForwardingBackend(below) {};
  }
}
