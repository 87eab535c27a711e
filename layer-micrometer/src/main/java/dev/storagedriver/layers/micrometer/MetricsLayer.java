package dev.storagedriver.layers.micrometer;

import dev.storagedriver.ErrorTranslation;
import dev.storagedriver.FileWriter;
import dev.storagedriver.layers.CallLayer;
import dev.storagedriver.layers.ObservedStreams;
import dev.storagedriver.layers.Operation;
import dev.storagedriver.layers.RetryEvents;
import dev.storagedriver.spi.StorageBackend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Micrometer meters for every call, tagged with the driver's name:
 *
 * <ul>
 *   <li>{@code <prefix>.calls}, a timer tagged {@code operation} and {@code outcome} ({@code ok} or the {@link
 *       dev.storagedriver.ErrorCode} name, e.g. {@code PATH_NOT_FOUND});
 *   <li>{@code <prefix>.bytes.read} and {@code <prefix>.bytes.written}, counters of content bytes through {@code
 *       getContent}/{@code putContent} and streams;
 *   <li>{@code <prefix>.inflight}, a gauge of calls running now;
 *   <li>{@code <prefix>.retries}, a counter tagged {@code operation} of the retries a {@code retry} layer below this
 *       one made for the calls this layer saw.
 * </ul>
 *
 * The ok timers are made once, up front, so a successful call costs a clock read and a timer update.
 */
final class MetricsLayer extends CallLayer {
  private final MeterRegistry registry;
  private final String prefix;
  private final String driver;
  /** By {@link Operation#ordinal()}: a call looks its meters up by index, not by hashing. */
  private final Timer[] okTimers = new Timer[Operation.values().length];
  private final Map<String, Timer> failedTimers = new ConcurrentHashMap<>();
  private final Counter[] retries = new Counter[Operation.values().length];
  private final Counter bytesRead;
  private final Counter bytesWritten;
  /**
   * The in-flight gauges, one per registry, prefix and driver name. A gauge's id can be registered once: a second
   * layer for a driver of the same name would get the first one's gauge, bound to the first one's count, and
   * closing either would remove it under the other. So layers with the same gauge share one count (the gauge
   * then says what its tags say: the calls running on drivers of that name) and the last to close removes it.
   */
  private static final Map<List<Object>, InFlight> IN_FLIGHT = new HashMap<>();

  /** One gauge and the count behind it, with how many open layers use it; guarded by {@link #IN_FLIGHT}. */
  private static final class InFlight {
    final AtomicInteger calls = new AtomicInteger();
    Gauge gauge;
    int layers;
  }

  private final List<Object> inFlightKey;
  private final AtomicInteger inFlight;
  /** Whether this layer has given up its share of the gauge (closed); guarded by {@link #IN_FLIGHT}. */
  private boolean left;
  private final boolean histogram;

  MetricsLayer(StorageBackend below, MeterRegistry registry, String prefix, boolean histogram) {
    super(below);
    this.registry = registry;
    this.prefix = prefix;
    this.driver = below.name();
    this.histogram = histogram;
    for (Operation op : Operation.values()) {
      okTimers[op.ordinal()] = timer(op, "ok", histogram);
      retries[op.ordinal()] = Counter.builder(prefix + ".retries").tag("driver", driver)
          .tag("operation", op.configName()).description("retries made by a retry layer below, per operation")
          .register(registry);
    }
    bytesRead = Counter.builder(prefix + ".bytes.read").baseUnit("bytes").tag("driver", driver)
        .description("content bytes read").register(registry);
    bytesWritten = Counter.builder(prefix + ".bytes.written").baseUnit("bytes").tag("driver", driver)
        .description("content bytes written").register(registry);
    inFlightKey = List.of(registry, prefix, driver);
    synchronized (IN_FLIGHT) {
      InFlight shared = IN_FLIGHT.computeIfAbsent(inFlightKey, k -> new InFlight());
      if (shared.layers++ == 0) {
        shared.gauge = Gauge.builder(prefix + ".inflight", shared.calls, AtomicInteger::get).tag("driver", driver)
            .description("calls running now").strongReference(true).register(registry);
      }
      inFlight = shared.calls;
    }
  }

  private Timer timer(Operation op, String outcome, boolean withHistogram) {
    return Timer.builder(prefix + ".calls").tag("driver", driver).tag("operation", op.configName())
        .tag("outcome", outcome).publishPercentileHistogram(withHistogram)
        .description("storage driver calls").register(registry);
  }

  @Override
  protected <T> T around(Operation operation, String path, Call<T> call) throws IOException {
    RetryEvents.Tally tally = RetryEvents.tally();
    long retriesBefore = tally.value();
    inFlight.incrementAndGet();
    long start = System.nanoTime();
    try {
      T result = call.run();
      okTimers[operation.ordinal()].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (result instanceof byte[] content) {
        bytesRead.increment(content.length);
      }
      return result;
    } catch (IOException | RuntimeException e) {
      String code = ErrorTranslation.translate(driver, operation.configName(), path, e).code().name();
      failedTimers.computeIfAbsent(operation.configName() + "/" + code, k -> timer(operation, code, histogram))
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      throw e;
    } finally {
      inFlight.decrementAndGet();
      long retried = tally.value() - retriesBefore;
      if (retried > 0) {
        retries[operation.ordinal()].increment(retried);
      }
    }
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    super.putContent(path, content);
    bytesWritten.increment(content.length);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return ObservedStreams.reader(super.reader(path, offset), new ObservedStreams.Observer() {
      @Override
      public void moved(long bytes, long retried) {
        bytesRead.increment(bytes);
        if (retried > 0) {
          // a reader resumed by a retry layer below counts as a retry of reader
          retries[Operation.READER.ordinal()].increment(retried);
        }
      }
    });
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    return ObservedStreams.writer(super.writer(path, append), new ObservedStreams.Observer() {
      @Override
      public void moved(long bytes, long retried) {
        bytesWritten.increment(bytes);
      }
    });
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      synchronized (IN_FLIGHT) {
        InFlight shared = IN_FLIGHT.get(inFlightKey);
        if (!left && shared != null && --shared.layers == 0) {
          IN_FLIGHT.remove(inFlightKey);
          registry.remove(shared.gauge);
        }
        left = true;
      }
    }
  }
}
