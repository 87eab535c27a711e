package dev.storagedriver.benchmarks;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StorageLayers;
import dev.storagedriver.spi.StorageBackend;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * The {@code <backend>:stack} subjects: the bare driver's backend under the stack an operator would run in
 * production, {@code tracing, metrics, retry, timeout} (outermost first), with the meters and spans really
 * recorded: a Micrometer SimpleMeterRegistry in the global registry, and the OpenTelemetry SDK sampling every span
 * into a batch processor whose exporter drops them (the cost of export itself is the exporter's, not the layers').
 */
final class LayerStack {
  static final String LAYERS = "[ tracing, metrics, retry, timeout ]";
  /**
   * {@code -Dbench.stack.layers='[ timeout ]'}: another list of layers for the {@code :stack} subjects, to take
   * the stack's cost apart one layer at a time (default {@link #LAYERS}). Passed on to the forks.
   */
  static final String LAYERS_PROPERTY = "bench.stack.layers";
  /**
   * {@code -Dbench.stack.tracing=sdk} (default): spans recorded by the SDK and dropped by the exporter; {@code
   * noop}: no OpenTelemetry SDK installed, so the tracing layer's spans are the API's no-ops (what an application
   * without tracing configured pays). Passed on to the forks.
   */
  static final String TRACING_PROPERTY = "bench.stack.tracing";

  private static boolean telemetryInstalled;

  private LayerStack() {}

  static StorageDriver open(StorageBackend driver) throws StorageDriverException {
    installTelemetry();
    return StorageDrivers.portable(StorageLayers.load().stack(driver,
        ConfigFactory.parseString("storagedriver.layers = " + layers())));
  }

  static String layers() {
    return System.getProperty(LAYERS_PROPERTY, LAYERS);
  }

  /**
   * The bare driver with one OpenTelemetry SDK span around each call, made as the tracing layer makes its spans,
   * and no layer: what the SDK alone costs per call (the {@code <backend>:span} subjects).
   */
  static Subject spanFloor(StorageDriver bare) {
    installTelemetry();
    return new SpanFloorSubject(new DriverSubject(bare, null), bare.name(), GlobalOpenTelemetry.getTracer(
        "dev.storagedriver.benchmarks"));
  }

  static String tracingMode() {
    String mode = System.getProperty(TRACING_PROPERTY, "sdk");
    if (!mode.equals("sdk") && !mode.equals("noop")) {
      throw new IllegalArgumentException("-D" + TRACING_PROPERTY + " must be sdk or noop, not " + mode);
    }
    return mode;
  }

  private static synchronized void installTelemetry() {
    if (telemetryInstalled) {
      return;
    }
    telemetryInstalled = true;
    Metrics.addRegistry(new SimpleMeterRegistry());
    if (tracingMode().equals("noop")) {
      return;
    }
    SpanExporter dropping = new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(dropping).build()).build()).build());
  }
}
