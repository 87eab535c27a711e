package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.storagedriver.FileInfo;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.filesystem.FilesystemDriver;
import dev.storagedriver.inmemory.InMemoryStore;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The concurrency layer: how many calls reach the store at once, counted at the store. */
class ConcurrencyLayerTest {
  private final InMemoryStore store = new InMemoryStore(0);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger most = new AtomicInteger();

  /** The in-memory backend, each stat held 20 ms, counting the stats in progress. */
  private StorageBackend countedBackend() {
    return new ForwardingBackend(store.backend()) {
      @Override
      public FileInfo stat(String path) throws IOException {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          Thread.sleep(20);
          return super.stat(path);
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        } finally {
          inFlight.decrementAndGet();
        }
      }
    };
  }

  private void statFrom(int threads, List<StorageDriver> drivers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads * 3; i++) {
        StorageDriver d = drivers.get(i % drivers.size());
        done.add(pool.submit(() -> d.stat("/")));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noMoreThanMaxOperations_reachTheStoreAtOnce() throws Exception {
    try (StorageDriver driver = Stacks.open(countedBackend(), "[ { name = concurrency, maxoperations = 2 } ]")) {
      statFrom(8, List.of(driver));
    }
    assertThat(most.get()).isBetween(1, 2);
  }

  @Test
  void aSharedBound_holdsForEveryDriverThatNamesIt() throws Exception {
    String layers = "[ { name = concurrency, maxoperations = 3, shared = concurrency-test-pool } ]";
    try (StorageDriver one = Stacks.open(countedBackend(), layers);
        StorageDriver two = Stacks.open(countedBackend(), layers)) {
      statFrom(8, List.of(one, two));
    }
    assertThat(most.get()).isBetween(1, 3);
  }

  @Test
  void aSharedBound_givenAnotherSize_isRefused() throws Exception {
    Stacks.stack(store.backend(), "[ { name = concurrency, maxoperations = 3, shared = concurrency-test-size } ]")
        .close();
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> Stacks.stack(
        store.backend(), "[ { name = concurrency, maxoperations = 4, shared = concurrency-test-size } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].maxoperations");
    assertThat(e.getMessage()).contains("already has (3)");
  }

  @Test
  void aWalksVisitor_mayCallTheDriver_underABoundOfOne(@TempDir Path root) throws Exception {
    // the disk's walk is native, so the whole walk is one call of the layer, with the visitor inside it
    try (StorageDriver driver = Stacks.open(FilesystemDriver.backend(root, FilesystemDriver.DEFAULT_MAX_THREADS),
        "[ { name = concurrency, maxoperations = 1 } ]")) {
      driver.putContent("/d/a", new byte[] {1, 2});
      List<Long> sizes = new ArrayList<>();
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> driver.walk("/", info -> {
        sizes.add(driver.stat(info.path()).size());
        return FileVisitResult.CONTINUE;
      }));
      assertThat(sizes).containsExactly(0L, 2L);
      assertThat(driver.stat("/d/a").size()).as("every slot given back").isEqualTo(2);
    }
  }
}
