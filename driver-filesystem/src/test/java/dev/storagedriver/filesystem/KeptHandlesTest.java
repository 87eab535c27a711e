package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Far more directories in use than handles kept: handles are dropped (and closed) while other threads use them,
 * and no operation may fail for it.
 */
class KeptHandlesTest {
  @TempDir
  Path root;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void handlesDroppedUnderConcurrentOperations_failNothing() throws Exception {
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    try (StorageDriver driver = StorageDrivers.portable(
        FilesystemBackend.open(root, FilesystemDriver.DEFAULT_MAX_THREADS, true, 4))) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String mine = "/t" + t;
        threads.add(new Thread(() -> {
          try {
            for (int round = 0; round < 3; round++) {
              for (int d = 0; d < 12; d++) {
                exercise(driver, mine + "/d" + d + "/e" + (d % 3));
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertThat(failures).isEmpty();
      assertThat(driver.list("/")).isEmpty();
    }
  }

  private static void exercise(StorageDriver driver, String dir) throws Exception {
    byte[] content = dir.getBytes(StandardCharsets.UTF_8);
    driver.putContent(dir + "/f", content);
    assertThat(driver.getContent(dir + "/f")).isEqualTo(content);
    assertThat(driver.stat(dir + "/f").size()).isEqualTo(content.length);
    try (FileWriter writer = driver.writer(dir + "/w", false)) {
      writer.write(content);
      writer.commit();
    }
    driver.move(dir + "/w", dir + "/moved");
    assertThat(driver.list(dir)).containsExactly(dir + "/f", dir + "/moved");
    int[] files = {0};
    driver.walk(dir, info -> {
      files[0]++;
      return FileVisitResult.CONTINUE;
    });
    assertThat(files[0]).isEqualTo(2);
    driver.delete(dir.substring(0, dir.lastIndexOf('/')));
  }
}
