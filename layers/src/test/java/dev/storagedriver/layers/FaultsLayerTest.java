package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.inmemory.InMemoryStore;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The faults layer: seeded, per operation, and an injected error changes nothing. */
class FaultsLayerTest {
  private final InMemoryStore store = new InMemoryStore(0);

  /** Which of 200 stats failed, under faults seeded with {@code seed}. */
  private List<Integer> failures(int seed) throws Exception {
    List<Integer> failed = new ArrayList<>();
    try (StorageDriver driver = Stacks.open(store.backend(),
        "[ { name = faults, seed = " + seed + ", errorrate = 0.3 } ]")) {
      for (int i = 0; i < 200; i++) {
        try {
          driver.stat("/");
        } catch (StorageDriverException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          failed.add(i);
        }
      }
    }
    return failed;
  }

  @Test
  void theSameSeed_injectsTheSameFaults_andAnotherSeedOthers() throws Exception {
    List<Integer> first = failures(42);
    assertThat(first).hasSizeBetween(30, 90);
    assertThat(failures(42)).isEqualTo(first);
    assertThat(failures(43)).isNotEqualTo(first);
  }

  @Test
  void onlyTheListedOperations_fail() throws Exception {
    try (StorageDriver driver = Stacks.open(store.backend(),
        "[ { name = faults, errorrate = 1, operations = [getContent] } ]")) {
      driver.putContent("/a", new byte[] {1});
      assertThat(driver.stat("/a").size()).isEqualTo(1);
      assertThat(catchThrowableOfType(StorageDriverException.class, () -> driver.getContent("/a")).code())
          .isEqualTo(ErrorCode.UNAVAILABLE);
    }
  }

  @Test
  void anInjectedError_changesNothing() throws Exception {
    try (StorageDriver driver = Stacks.open(store.backend(),
        "[ { name = faults, errorrate = 1, operations = [putContent] } ]")) {
      assertThat(catchThrowableOfType(StorageDriverException.class, () -> driver.putContent("/a", new byte[1]))
          .getMessage()).contains("injected fault");
    }
    assertThat(store.newDriver().list("/")).isEmpty();
  }

  @Test
  void anUnknownOperation_isAnInvalidConfigListingTheKnownOnes() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> Stacks.stack(
        store.backend(), "[ { name = faults, operations = [getcontent, fetch] } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].operations");
    assertThat(e.getMessage()).contains("\"fetch\"").contains("getContent, putContent");
  }

  @Test
  void aRateAboveOne_isRefused() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> Stacks.stack(
        store.backend(), "[ { name = faults, errorrate = 1.5 } ]"));
    assertThat(e.getMessage()).contains("storagedriver.layers[0].errorrate").contains("a number from 0.0 to 1.0");
  }

  private static final String CUT = "[ { name = faults, seed = 5, cutrate = 1, cutwithin = 1000, "
      + "operations = [reader, writer] } ]";

  /** How many bytes of a 4,000-byte file a reader cut by {@link #CUT} gives, read one at a time, before failing. */
  private long bytesBeforeTheCut() throws Exception {
    try (StorageDriver driver = Stacks.open(store.backend(), CUT);
        InputStream in = driver.reader("/cut", 0)) {
      long n = 0;
      while (true) {
        try {
          assertThat(in.read()).as("the content goes on past the cut").isNotNegative();
          n++;
        } catch (StorageDriverException e) {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          return n;
        }
      }
    }
  }

  @Test
  void aCutStream_failsAtTheSamePointEveryRun_withinCutWithin() throws Exception {
    store.newDriver().putContent("/cut", new byte[4000]);
    long first = bytesBeforeTheCut();
    assertThat(first).isBetween(0L, 999L);
    assertThat(bytesBeforeTheCut()).isEqualTo(first);
  }

  @Test
  void bytesSkipped_countTowardsTheCut() throws Exception {
    store.newDriver().putContent("/cut", new byte[4000]);
    long cut = bytesBeforeTheCut();
    try (StorageDriver driver = Stacks.open(store.backend(), CUT);
        InputStream in = driver.reader("/cut", 0)) {
      long skipped = 0;
      while (skipped < cut) {
        skipped += in.skip(4000);
      }
      assertThat(skipped).isEqualTo(cut);
      assertThat(catchThrowableOfType(StorageDriverException.class, in::read).code())
          .isEqualTo(ErrorCode.UNAVAILABLE);
    }
  }

  @Test
  void aCutWriter_takesTheBytesBeforeTheCut_andFails() throws Exception {
    store.newDriver().putContent("/cut", new byte[4000]);
    long cut = bytesBeforeTheCut(); // the same seed draws the same point for a writer
    try (StorageDriver driver = Stacks.open(store.backend(), CUT);
        FileWriter w = driver.writer("/w", false)) {
      assertThat(catchThrowableOfType(StorageDriverException.class, () -> w.write(new byte[4000])).code())
          .isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(w.size()).isEqualTo(cut);
      w.cancel();
    }
  }
}
