package dev.storagedriver.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileWriter;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import java.nio.file.FileVisitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The store's byte count, which the size limit relies on, stays exact under concurrent changes. */
class InMemoryStoreAccountingTest {

  @Test
  void usedBytes_equalsTheStoredContent_afterConcurrentPutsCommitsMovesAndDeletes() throws Exception {
    InMemoryStore store = new InMemoryStore(0);
    StorageDriver driver = store.newDriver();
    String[] paths = {"/a/1", "/a/2", "/b/1", "/c"};
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        long seed = t;
        futures.add(pool.submit(() -> {
          Random random = new Random(seed);
          for (int i = 0; i < 3000; i++) {
            String path = paths[random.nextInt(paths.length)];
            byte[] content = new byte[random.nextInt(200)];
            try {
              switch (random.nextInt(4)) {
                case 0, 1 -> driver.putContent(path, content);
                case 2 -> {
                  try (FileWriter writer = driver.writer(path, false)) {
                    writer.write(content);
                    writer.commit();
                  }
                }
                default -> {
                  if (random.nextBoolean()) {
                    driver.delete(path);
                  } else {
                    driver.move(path, paths[random.nextInt(paths.length)]);
                  }
                }
              }
            } catch (PathNotFoundException e) {
              // deleted or moved away by another thread: fine
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    AtomicLong stored = new AtomicLong();
    driver.walk("/", info -> {
      if (!info.isDirectory()) {
        stored.addAndGet(info.size());
      }
      return FileVisitResult.CONTINUE;
    });
    assertThat(store.usedBytes()).isEqualTo(stored.get());
  }
}
