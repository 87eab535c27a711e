package dev.storagedriver.layers.micrometer;

import com.google.auto.service.AutoService;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageLayerFactory;
import io.micrometer.core.instrument.Metrics;

/**
 * {@code metrics}: Micrometer meters for every call (see the module README for the meters), registered in
 * Micrometer's global registry ({@link Metrics#globalRegistry}), to which an application adds its own (Prometheus,
 * OTLP, ...). Put it above {@code retry} to count retries.
 */
@AutoService(StorageLayerFactory.class)
public final class MetricsLayerFactory implements StorageLayerFactory {
  /** For {@link java.util.ServiceLoader}. */
  public MetricsLayerFactory() {}

  @Override
  public String name() {
    return "metrics";
  }

  @Override
  public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
    String prefix = config.getOptionalString("prefix").orElse("storagedriver");
    if (!prefix.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
      throw config.invalid("prefix", "a dotted lower-case meter name prefix, such as storagedriver", null);
    }
    boolean histogram = config.getBoolean("histogram", false);
    return new MetricsLayer(below, Metrics.globalRegistry, prefix, histogram);
  }
}
