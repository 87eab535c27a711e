package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Readers and writers at once: a driver is used from many threads. */
public interface ConcurrencyContract extends DriverContract {

  private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<T>> futures = pool.invokeAll(tasks, 5, TimeUnit.MINUTES);
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Readers of one file running at once, each at its own offset, each read exactly the bytes at that offset.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void concurrentReaders_atRandomOffsets_eachReadTheRightBytes() throws Exception {
    StorageDriver d = driver();
    byte[] content = Fixtures.randomBytes(tckSettings().concurrentReadFileSize(), 51);
    Fixtures.write(d, "/concurrent/read", content);
    List<Callable<Void>> readers = new ArrayList<>();
    for (int r = 0; r < tckSettings().concurrentReaders(); r++) {
      long seed = r;
      readers.add(() -> {
        Random random = new Random(seed);
        for (int i = 0; i < 4; i++) {
          int offset = random.nextInt(content.length);
          int length = Math.min(content.length - offset, 1 + random.nextInt(64 * 1024));
          byte[] got = new byte[length];
          try (InputStream in = d.reader("/concurrent/read", offset)) {
            int n = in.readNBytes(got, 0, length);
            assertThat(n).isEqualTo(length);
          }
          assertThat(got).isEqualTo(Arrays.copyOfRange(content, offset, offset + length));
        }
        return null;
      });
    }
    runAll(readers);
    d.delete("/concurrent");
  }

  /**
   * Writers to distinct paths running at once all commit their whole content.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void concurrentWriters_toDistinctPaths_allContentArrives() throws Exception {
    StorageDriver d = driver();
    int size = tckSettings().concurrentWriteSize();
    List<Callable<Void>> writers = new ArrayList<>();
    for (int w = 0; w < tckSettings().concurrentWriters(); w++) {
      int id = w;
      writers.add(() -> {
        byte[] content = Fixtures.randomBytes(size, 100 + id);
        try (FileWriter writer = d.writer("/concurrent/w" + id, false)) {
          for (int at = 0; at < size; at += 32 * 1024) {
            writer.write(content, at, Math.min(32 * 1024, size - at));
          }
          writer.commit();
        }
        return null;
      });
    }
    runAll(writers);
    for (int w = 0; w < tckSettings().concurrentWriters(); w++) {
      assertThat(d.getContent("/concurrent/w" + w)).isEqualTo(Fixtures.randomBytes(size, 100 + w));
    }
    d.delete("/concurrent");
  }

  /**
   * Writers to one path running at once leave exactly one writer's whole content, never a mix.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void concurrentWriters_toOnePath_oneWholeContentWins() throws Exception {
    StorageDriver d = driver();
    int writersCount = Math.max(2, tckSettings().concurrentWriters() / 2);
    int size = 64 * 1024;
    List<Callable<Void>> writers = new ArrayList<>();
    for (int w = 0; w < writersCount; w++) {
      int id = w;
      writers.add(() -> {
        byte[] content = Fixtures.randomBytes(size, 200 + id);
        try (FileWriter writer = d.writer("/concurrent/same", false)) {
          writer.write(content, 0, size / 2);
          writer.write(content, size / 2, size - size / 2);
          writer.commit();
        }
        return null;
      });
    }
    runAll(writers);
    byte[] result = d.getContent("/concurrent/same");
    List<byte[]> candidates = new ArrayList<>();
    for (int w = 0; w < writersCount; w++) {
      candidates.add(Fixtures.randomBytes(size, 200 + w));
    }
    assertThat(candidates).as("the stored content is exactly one writer's content, never a mix")
        .anySatisfy(c -> assertThat(result).isEqualTo(c));
    d.delete("/concurrent");
  }

  /**
   * {@code putContent} racing with reads of the same path: every read sees one whole version.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void concurrentPutContent_andReads_neverSeeTornContent() throws Exception {
    StorageDriver d = driver();
    byte[] a = Fixtures.randomBytes(256 * 1024, 301);
    byte[] b = Fixtures.randomBytes(256 * 1024, 302);
    d.putContent("/concurrent/flip", a);
    List<Callable<Void>> tasks = new ArrayList<>();
    tasks.add(() -> {
      for (int i = 0; i < 20; i++) {
        d.putContent("/concurrent/flip", i % 2 == 0 ? b : a);
      }
      return null;
    });
    tasks.add(() -> {
      for (int i = 0; i < 20; i++) {
        byte[] got = d.getContent("/concurrent/flip");
        assertThat(Arrays.equals(got, a) || Arrays.equals(got, b)).as("read %s bytes of neither version", got.length)
            .isTrue();
      }
      return null;
    });
    runAll(tasks);
    d.delete("/concurrent");
  }
}
