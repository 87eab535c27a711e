package dev.storagedriver.layers.opentelemetry;

import com.google.auto.service.AutoService;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageLayerFactory;
import io.opentelemetry.api.GlobalOpenTelemetry;

/**
 * {@code tracing}: an OpenTelemetry span per call, from the tracer of {@link GlobalOpenTelemetry} (set by the
 * application or the OpenTelemetry Java agent; without one, spans are no-ops and cost next to nothing).
 */
@AutoService(StorageLayerFactory.class)
public final class TracingLayerFactory implements StorageLayerFactory {
  /** The instrumentation scope the spans are recorded under. */
  public static final String INSTRUMENTATION_SCOPE = "dev.storagedriver.layers.opentelemetry";

  /** For {@link java.util.ServiceLoader}. */
  public TracingLayerFactory() {}

  @Override
  public String name() {
    return "tracing";
  }

  @Override
  public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
    boolean recordPaths = config.getBoolean("recordpaths", false);
    return new TracingLayer(below, GlobalOpenTelemetry.getTracer(INSTRUMENTATION_SCOPE), recordPaths);
  }
}
