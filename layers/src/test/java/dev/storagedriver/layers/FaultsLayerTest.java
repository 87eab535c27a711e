package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.inmemory.InMemoryStore;
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
}
