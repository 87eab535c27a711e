package dev.storagedriver.oss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import java.nio.file.FileVisitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request budget of each operation, as the README tables it, counted by the emulator: every request of the
 * operation, whatever its name. Defaults apart from the fixture's small chunks, so the move runs at the default
 * multipartcopythreshold.
 */
class OssRequestBudgetTest {
  private static final int N = 1100;
  private static final long PAGES = (N + 999) / 1000;
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture();
  private StorageDriver driver;

  @BeforeEach
  void open() throws Exception {
    driver = fixture.open("v4", EmulatorFixture.freshRoot(), "multipartcopythreshold", null,
        "multipartcopychunksize", null);
    fixture.emulator.resetRequestCounts();
  }

  @AfterEach
  void close() throws Exception {
    driver.close();
  }

  private static long requests() {
    return fixture.emulator.requestCounts().values().stream().mapToLong(Long::longValue).sum();
  }

  private static long requestsSinceReset() {
    long n = requests();
    fixture.emulator.resetRequestCounts();
    return n;
  }

  private void putMany(String dir) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < N; i++) {
        String p = String.format("%s/f%04d", dir, i);
        done.add(pool.submit(() -> {
          driver.putContent(p, new byte[] {1});
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    fixture.emulator.resetRequestCounts();
  }

  @Test
  void putContent_isOneRequest() throws Exception {
    driver.putContent("/a", new byte[4096]);
    assertThat(requestsSinceReset()).isEqualTo(1);
  }

  @Test
  void smallWriterCommit_isOnePutObject_andOpeningTheWriterSendsNothing() throws Exception {
    try (FileWriter w = driver.writer("/a", false)) {
      assertThat(requests()).as("requests made by writer(path, false)").isZero();
      w.write(new byte[(5 << 20) - 1]);
      assertThat(requests()).as("requests before the first full chunk").isZero();
      w.commit();
    }
    assertThat(fixture.emulator.requestCounts()).containsExactlyEntriesOf(java.util.Map.of("PutObject", 1L));
  }

  @Test
  void cancelOfASmallWriter_sendsNothing() throws Exception {
    try (FileWriter w = driver.writer("/a", false)) {
      w.write(new byte[100]);
      w.cancel();
    }
    assertThat(requests()).isZero();
  }

  @Test
  void getContent_isOneRequest() throws Exception {
    driver.putContent("/a", new byte[4096]);
    fixture.emulator.resetRequestCounts();
    assertThat(driver.getContent("/a")).hasSize(4096);
    assertThat(requestsSinceReset()).isEqualTo(1);
  }

  @Test
  void statOfAFile_isOneRequest_ofADirectoryAtMostTwo() throws Exception {
    driver.putContent("/d/a", new byte[1]);
    fixture.emulator.resetRequestCounts();
    driver.stat("/d/a");
    assertThat(requestsSinceReset()).isEqualTo(1);
    driver.stat("/d");
    assertThat(requestsSinceReset()).isLessThanOrEqualTo(2);
  }

  @Test
  void listAndWalk_ofNKeys_takeOneRequestPerThousand() throws Exception {
    putMany("/big");
    assertThat(driver.list("/big")).hasSize(N);
    assertThat(requestsSinceReset()).isEqualTo(PAGES);
    List<String> walked = new ArrayList<>();
    driver.walk("/", info -> {
      walked.add(info.path());
      return FileVisitResult.CONTINUE;
    });
    assertThat(walked).hasSize(N + 1);
    assertThat(requestsSinceReset()).isEqualTo(PAGES);
  }

  @Test
  void deleteOfNKeys_takesOneBatchPerThousand_plusTheListing() throws Exception {
    putMany("/big");
    driver.delete("/big");
    assertThat(fixture.emulator.requestCount("DeleteMultipleObjects")).isEqualTo(PAGES);
    assertThat(fixture.emulator.requestCount("ListObjectsV2")).isEqualTo(PAGES);
    assertThat(requestsSinceReset()).isEqualTo(2 * PAGES);
    assertThat(driver.list("/")).isEmpty();
  }

  @Test
  void move_whenCopyObjectRefusesTheSize_copiesInParts() throws Exception {
    byte[] data = new byte[300_000];
    new java.util.Random(3).nextBytes(data);
    driver.putContent("/from", data);
    fixture.emulator.faults().on("CopyObject").failWith(400, "EntityTooLarge"); // as OSS above 1 GB
    driver.move("/from", "/to");
    assertThat(fixture.emulator.requestCount("UploadPartCopy")).isEqualTo(1);
    assertThat(driver.getContent("/to")).isEqualTo(data);
    assertThat(driver.list("/")).containsExactly("/to");
  }

  @Test
  void moveBelowTheCopyThreshold_isAtMostTwoRequests() throws Exception {
    driver.putContent("/from", new byte[300_000]);
    fixture.emulator.resetRequestCounts();
    driver.move("/from", "/to");
    assertThat(requestsSinceReset()).isLessThanOrEqualTo(2);
    assertThat(driver.getContent("/to")).hasSize(300_000);
    assertThat(driver.list("/")).containsExactly("/to");
  }
}
