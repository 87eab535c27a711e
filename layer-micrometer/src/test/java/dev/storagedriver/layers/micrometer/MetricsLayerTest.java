package dev.storagedriver.layers.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StorageLayers;
import dev.storagedriver.inmemory.InMemoryStore;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics layer's meters, read from a Micrometer SimpleMeterRegistry added to the global registry. */
class MetricsLayerTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final InMemoryStore store = new InMemoryStore(0);

  @BeforeEach
  void addRegistry() {
    Metrics.addRegistry(meters);
  }

  @AfterEach
  void removeRegistry() {
    Metrics.removeRegistry(meters);
    meters.close();
  }

  private StorageDriver open(String layers) throws Exception {
    return StorageDrivers.portable(StorageLayers.load().stack(store.backend(),
        ConfigFactory.parseString("storagedriver.layers = " + layers)));
  }

  private long calls(String operation, String outcome) {
    var timer = meters.find("storagedriver.calls").tag("driver", "inmemory").tag("operation", operation)
        .tag("outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void everyCall_isTimedByOperationDriverAndOutcome() throws Exception {
    try (StorageDriver driver = open("[metrics]")) {
      driver.putContent("/a", new byte[10]);
      driver.getContent("/a");
      driver.getContent("/a");
      catchThrowable(() -> driver.getContent("/missing"));
      driver.list("/");
    }
    assertThat(calls("putContent", "ok")).isEqualTo(1);
    assertThat(calls("getContent", "ok")).isEqualTo(2);
    assertThat(calls("getContent", "PATH_NOT_FOUND")).isEqualTo(1);
    assertThat(calls("list", "ok")).isEqualTo(1);
    assertThat(meters.get("storagedriver.calls").tag("operation", "getContent").tag("outcome", "ok").timer()
        .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void bytesReadAndWritten_countContentAndStreams() throws Exception {
    try (StorageDriver driver = open("[metrics]")) {
      driver.putContent("/a", new byte[10]);
      driver.getContent("/a");
      try (InputStream in = driver.reader("/a", 4)) {
        in.readAllBytes();
      }
      try (FileWriter w = driver.writer("/b", false)) {
        w.write(new byte[7]);
        w.commit();
      }
    }
    assertThat(meters.get("storagedriver.bytes.read").tag("driver", "inmemory").counter().count()).isEqualTo(16);
    assertThat(meters.get("storagedriver.bytes.written").tag("driver", "inmemory").counter().count()).isEqualTo(17);
  }

  @Test
  void theInFlightGauge_countsCallsRunningNow() throws Exception {
    try (StorageDriver driver = open("[metrics, { name = faults, latencyrate = 1, latency = 300ms, "
        + "operations = [stat] }]")) {
      Thread slow = new Thread(() -> catchThrowable(() -> driver.stat("/")));
      slow.start();
      long deadline = System.nanoTime() + 5_000_000_000L;
      double seen = 0;
      while (seen < 1 && System.nanoTime() < deadline) {
        seen = meters.get("storagedriver.inflight").tag("driver", "inmemory").gauge().value();
        Thread.onSpinWait();
      }
      assertThat(seen).isEqualTo(1);
      slow.join();
      assertThat(meters.get("storagedriver.inflight").gauge().value()).isZero();
    }
  }

  @Test
  void retriesOfARetryLayerBelow_areCountedPerOperation() throws Exception {
    store.newDriver().putContent("/a", new byte[] {1});
    try (StorageDriver driver = open("[metrics, { name = retry, maxattempts = 4, basedelay = 1ms, maxdelay = 1ms },"
        + " { name = faults, errorrate = 1, operations = [getContent] }]")) {
      catchThrowable(() -> driver.getContent("/a"));
    }
    assertThat(meters.get("storagedriver.retries").tag("operation", "getContent").counter().count()).isEqualTo(3);
    assertThat(calls("getContent", "UNAVAILABLE")).isEqualTo(1);
  }

  @Test
  void aBadPrefix_isAnInvalidConfig() {
    assertThat(catchThrowable(() -> open("[ { name = metrics, prefix = \"Bad Prefix\" } ]")))
        .hasMessageContaining("storagedriver.layers[0].prefix");
  }

  @Test
  void twoDriversOfOneName_shareTheInFlightGauge_untilTheLastIsClosed() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StorageBackend held = new ForwardingBackend(store.backend()) {
      @Override
      public FileInfo stat(String path) throws IOException {
        running.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new InterruptedIOException();
        }
        return super.stat(path);
      }
    };
    StorageDriver first = open("[metrics]");
    try (StorageDriver second = StorageDrivers.portable(StorageLayers.load().stack(held,
        ConfigFactory.parseString("storagedriver.layers = [metrics]")))) {
      Thread call = new Thread(() -> catchThrowable(() -> second.stat("/")));
      call.start();
      running.await();
      assertThat(meters.get("storagedriver.inflight").tag("driver", "inmemory").gauge().value())
          .as("the second driver's call, running now").isEqualTo(1);
      release.countDown();
      call.join();
      first.close();
      assertThat(meters.find("storagedriver.inflight").tag("driver", "inmemory").gauge())
          .as("still there while the second driver is open").isNotNull();
      assertThat(meters.get("storagedriver.inflight").gauge().value()).isZero();
    }
    assertThat(meters.find("storagedriver.inflight").tag("driver", "inmemory").gauge()).isNull();
  }
}
