/**
 * The {@code metrics} layer on Micrometer; this module provides its factory to {@link java.util.ServiceLoader}.
 * Micrometer is not a named module: it is required under its automatic name, {@code micrometer.core}.
 */
module dev.storagedriver.layers.micrometer {
  requires transitive dev.storagedriver;
  requires transitive dev.storagedriver.layers;
  requires transitive micrometer.core;
  requires static com.google.auto.service;

  exports dev.storagedriver.layers.micrometer;

  provides dev.storagedriver.spi.StorageLayerFactory with dev.storagedriver.layers.micrometer.MetricsLayerFactory;
}
