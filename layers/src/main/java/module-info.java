/**
 * The built-in layers ({@code retry}, {@code timeout}, {@code concurrency}, {@code throttle}, {@code readonly},
 * {@code prefix}, {@code logging}, {@code faults}, {@code redirect}, {@code cdn}), stacked over any driver by
 * {@code storagedriver.layers}; this module provides their factories to {@link java.util.ServiceLoader}.
 */
module dev.storagedriver.layers {
  requires transitive dev.storagedriver;
  requires org.slf4j;
  requires static com.google.auto.service;

  exports dev.storagedriver.layers;

  provides dev.storagedriver.spi.StorageLayerFactory with
      dev.storagedriver.layers.BuiltInLayers.Retry,
      dev.storagedriver.layers.BuiltInLayers.Timeout,
      dev.storagedriver.layers.BuiltInLayers.Concurrency,
      dev.storagedriver.layers.BuiltInLayers.Throttle,
      dev.storagedriver.layers.BuiltInLayers.ReadOnly,
      dev.storagedriver.layers.BuiltInLayers.Prefix,
      dev.storagedriver.layers.BuiltInLayers.Logging,
      dev.storagedriver.layers.BuiltInLayers.Faults,
      dev.storagedriver.layers.BuiltInLayers.Redirect,
      dev.storagedriver.layers.BuiltInLayers.Cdn;
}
