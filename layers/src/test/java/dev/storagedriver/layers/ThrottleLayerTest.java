package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.inmemory.InMemoryStore;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The throttle layer keeps to its rate: moving N bytes at R bytes per second takes at least N / R less the
 * allowed burst. Only that lower bound is asserted, which a slow machine cannot break.
 */
class ThrottleLayerTest {
  private final InMemoryStore store = new InMemoryStore(0);

  @Test
  void reads_areHeldToTheReadRate() throws Exception {
    store.newDriver().putContent("/f", new byte[200 << 10]);
    try (StorageDriver driver = Stacks.open(store.backend(), "[ { name = throttle, read = 1MiB } ]")) {
      long start = System.nanoTime();
      try (InputStream in = driver.reader("/f", 0)) {
        assertThat(in.readAllBytes()).hasSize(200 << 10);
      }
      assertThat(driver.getContent("/f")).hasSize(200 << 10);
      // 400 KiB at 1 MiB/s is 390 ms, less the 100 ms burst
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(280);
    }
  }

  @Test
  void writes_areHeldToTheWriteRate_andReadsAreNot() throws Exception {
    try (StorageDriver driver = Stacks.open(store.backend(), "[ { name = throttle, write = 1MiB } ]")) {
      long start = System.nanoTime();
      driver.putContent("/f", new byte[300 << 10]);
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(180);
      driver.delete("/f");
    }
  }

  @Test
  void noRateAtAll_isRefused() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> Stacks.stack(store.backend(), "[throttle]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].read");
  }
}
