package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.inmemory.InMemoryStore;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The timeout layer over slow calls made slow for real: injected latency, and a throttled stream. */
class TimeoutLayerTest {
  private final InMemoryStore store = new InMemoryStore(0);

  @Test
  void aCallPastItsBound_failsAsUnavailable_andTheThreadIsNotLeftInterrupted() throws Exception {
    store.newDriver().putContent("/a", new byte[] {1});
    try (StorageDriver driver = Stacks.open(store.backend(), "[ { name = timeout, operation = 50ms }, "
        + "{ name = faults, latencyrate = 1, latency = 10s, operations = [getContent] } ]")) {
      StorageDriverException e = catchThrowableOfType(StorageDriverException.class, () -> driver.getContent("/a"));
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.getMessage()).contains("timed out after PT0.05S");
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
      assertThat(driver.stat("/a").size()).as("the next call runs normally").isEqualTo(1);
    }
  }

  @Test
  void aCallWithinItsBound_succeeds_evenWhenItTakesMostOfIt() throws Exception {
    store.newDriver().putContent("/a", new byte[] {1});
    // The watchdog counts its own ticks, each at least a tick long, so however late it runs it never cuts a call
    // short: 150 ms of a 300 ms bound, with ticks of 15 ms.
    try (StorageDriver driver = Stacks.open(store.backend(), "[ { name = timeout, operation = 300ms }, "
        + "{ name = faults, latencyrate = 1, latency = 150ms, operations = [getContent] } ]")) {
      for (int i = 0; i < 3; i++) {
        assertThat(driver.getContent("/a")).containsExactly(1);
      }
    }
  }

  @Test
  void aStreamThatStalls_failsOnItsIdleBound() throws Exception {
    store.newDriver().putContent("/big", new byte[256 << 10]);
    try (StorageDriver driver = Stacks.open(store.backend(),
        "[ { name = timeout, idle = 50ms }, { name = throttle, read = 64KiB } ]");
        InputStream in = driver.reader("/big", 0)) {
      StorageDriverException e = catchThrowableOfType(StorageDriverException.class, in::readAllBytes);
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.getMessage()).contains("read /big: timed out");
    }
  }

  @Test
  void aTimeoutBelowRetry_isRetried() throws Exception {
    store.newDriver().putContent("/a", new byte[] {1});
    try (StorageDriver driver = Stacks.open(store.backend(), "[ { name = retry, maxattempts = 30, basedelay = 1ms,"
        + " maxdelay = 1ms }, { name = timeout, operation = 20ms }, "
        + "{ name = faults, seed = 3, latencyrate = 0.5, latency = 10s, operations = [getContent] } ]")) {
      long before = RetryEvents.count();
      assertThat(driver.getContent("/a")).containsExactly(1);
      assertThat(driver.getContent("/a")).containsExactly(1);
      assertThat(RetryEvents.count() - before).isPositive();
    }
  }

  @Test
  void aBoundNearTheLongestCountable_isManyTicks_notOne() {
    try (Watchdog watchdog = new Watchdog("timeout-test", 1000)) {
      assertThat(watchdog.ticks(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE / 1_000_000_000L + 1);
      assertThat(watchdog.ticks(2_000_000_000L)).isEqualTo(2);
      assertThat(watchdog.ticks(2_000_000_001L)).isEqualTo(3);
    }
  }
}
