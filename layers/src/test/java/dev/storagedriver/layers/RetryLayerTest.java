package dev.storagedriver.layers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.inmemory.InMemoryStore;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The retry layer over faults injected by the faults layer into an in-memory store. */
class RetryLayerTest {
  private final InMemoryStore store = new InMemoryStore(0);

  private StorageDriver open(String retry, String faults) throws StorageDriverException {
    return Stacks.open(store.backend(), "[ " + retry + ", " + faults + " ]");
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  @Test
  void transientFailures_ofIdempotentCalls_areRetriedUntilTheySucceed() throws Exception {
    store.newDriver().putContent("/a", "hello".getBytes(UTF_8));
    try (StorageDriver driver = open("{ name = retry, maxattempts = 30, basedelay = 1ms, maxdelay = 1ms }",
        "{ name = faults, errorrate = 0.5, operations = [getContent, stat] }")) {
      long before = RetryEvents.count();
      for (int i = 0; i < 20; i++) {
        assertThat(driver.getContent("/a")).asString(UTF_8).isEqualTo("hello");
        assertThat(driver.stat("/a").size()).isEqualTo(5);
      }
      assertThat(RetryEvents.count() - before).as("retries made").isPositive();
    }
  }

  @Test
  void afterMaxAttempts_theLastFailureReachesTheCaller() throws Exception {
    try (StorageDriver driver = open("{ name = retry, maxattempts = 4, basedelay = 1ms, maxdelay = 1ms }",
        "{ name = faults, errorrate = 1, operations = [stat] }")) {
      long before = RetryEvents.count();
      StorageDriverException e = catchThrowableOfType(StorageDriverException.class, () -> driver.stat("/a"));
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.getMessage()).contains("injected fault");
      assertThat(RetryEvents.count() - before).isEqualTo(3);
    }
  }

  @Test
  void theTimeBudget_endsRetryingBeforeMaxAttempts() throws Exception {
    try (StorageDriver driver = open("{ name = retry, maxattempts = 100, basedelay = 20ms, maxdelay = 20ms, "
        + "budget = 30ms }", "{ name = faults, errorrate = 1, operations = [stat] }")) {
      long before = RetryEvents.count();
      assertThat(catchThrowableOfType(StorageDriverException.class, () -> driver.stat("/a")).code())
          .isEqualTo(ErrorCode.UNAVAILABLE);
      // each delay is at most 20 ms, so within 30 ms no more than a few retries can start (jitter may shorten them)
      assertThat(RetryEvents.count() - before).isLessThan(99);
    }
  }

  @Test
  void failuresThatAreNotTransient_areNotRetried() throws Exception {
    try (StorageDriver driver = open("{ name = retry, maxattempts = 5, basedelay = 1ms }",
        "{ name = faults, errorrate = 0 }")) {
      long before = RetryEvents.count();
      assertThat(catchThrowableOfType(StorageDriverException.class, () -> driver.getContent("/missing")).code())
          .isEqualTo(ErrorCode.PATH_NOT_FOUND);
      assertThat(RetryEvents.count()).isEqualTo(before);
    }
  }

  @Test
  void moveAndDelete_areNeverRetried() throws Exception {
    store.newDriver().putContent("/a", new byte[] {1});
    try (StorageDriver driver = open("{ name = retry, maxattempts = 5, basedelay = 1ms }",
        "{ name = faults, errorrate = 1, operations = [move, delete] }")) {
      long before = RetryEvents.count();
      assertThat(catchThrowableOfType(StorageDriverException.class, () -> driver.move("/a", "/b")).code())
          .isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(catchThrowableOfType(StorageDriverException.class, () -> driver.delete("/a")).code())
          .isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(RetryEvents.count()).isEqualTo(before);
      assertThat(store.newDriver().getContent("/a")).containsExactly(1);
    }
  }

  @Test
  void aReaderCutMidStream_resumesAtTheOffsetReached() throws Exception {
    byte[] data = random(1 << 20);
    store.newDriver().putContent("/blob", data);
    try (StorageDriver driver = open("{ name = retry, maxattempts = 50, basedelay = 1ms, maxdelay = 1ms }",
        "{ name = faults, cutrate = 1, cutwithin = 64KiB, operations = [reader] }")) {
      long before = RetryEvents.count();
      try (InputStream in = driver.reader("/blob", 1000)) {
        assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 1000, data.length));
      }
      assertThat(RetryEvents.count() - before).as("resumptions").isGreaterThanOrEqualTo(15);
    }
  }

  @Test
  void aWriterCutMidStream_isNotReplayed_andNothingIsCommitted() throws Exception {
    try (StorageDriver driver = open("{ name = retry, maxattempts = 5, basedelay = 1ms }",
        "{ name = faults, cutrate = 1, cutwithin = 100, operations = [writer] }")) {
      long before = RetryEvents.count();
      FileWriter writer = driver.writer("/w", false);
      StorageDriverException e = catchThrowableOfType(StorageDriverException.class,
          () -> writer.write(new byte[1000]));
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(writer.size()).as("only what was sent before the cut").isLessThan(100);
      writer.cancel();
      writer.close();
      assertThat(RetryEvents.count()).isEqualTo(before);
      assertThat(store.newDriver().list("/")).isEmpty();
    }
  }

  @Test
  void aWalk_isRetriedWhileTheVisitorHasSeenNothing() throws Exception {
    store.newDriver().putContent("/d/a", new byte[] {1});
    try (StorageDriver driver = open("{ name = retry, maxattempts = 30, basedelay = 1ms, maxdelay = 1ms }",
        "{ name = faults, errorrate = 0.5, operations = [list, stat] }")) {
      java.util.List<String> seen = new java.util.ArrayList<>();
      driver.walk("/", info -> {
        seen.add(info.path());
        return java.nio.file.FileVisitResult.CONTINUE;
      });
      assertThat(seen).containsExactly("/d", "/d/a");
    }
  }
}
