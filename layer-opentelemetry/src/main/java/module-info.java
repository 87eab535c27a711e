/**
 * The {@code tracing} layer on the OpenTelemetry API; this module provides its factory to {@link
 * java.util.ServiceLoader}. The API is required under its automatic name, {@code io.opentelemetry.api}.
 */
module dev.storagedriver.layers.opentelemetry {
  requires transitive dev.storagedriver;
  requires transitive dev.storagedriver.layers;
  requires transitive io.opentelemetry.api;
  requires io.opentelemetry.context;
  requires static com.google.auto.service;

  exports dev.storagedriver.layers.opentelemetry;

  provides dev.storagedriver.spi.StorageLayerFactory with
      dev.storagedriver.layers.opentelemetry.TracingLayerFactory;
}
