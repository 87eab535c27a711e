package dev.storagedriver.oss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.Capability;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.StorageDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Uploads the driver leaves and takes: concurrent writers to one key, resume of the newest closed writer only,
 * pending writes listed and purged by age (explicitly and by uploadpurging), lost Initiate answers.
 */
class OssPendingWritesTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture();
  private StorageDriver driver;
  private String root;

  @BeforeEach
  void open() throws Exception {
    root = EmulatorFixture.freshRoot();
    driver = fixture.open("v4", root);
  }

  @AfterEach
  void nothingDanglesAfterAPurge() throws Exception {
    fixture.emulator.faults().clear();
    driver.purgePendingWrites("/", Instant.now().plusSeconds(1));
    driver.close();
    assertThat(fixture.emulator.inProgressUploads()).as("multipart uploads in progress").isEmpty();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void sixteenConcurrentWritersToOneKey_fromFourDrivers_allCommit_andTheContentIsOneOfThem() throws Exception {
    int writers = 16;
    List<StorageDriver> drivers = new ArrayList<>(List.of(driver));
    for (int i = 1; i < 4; i++) {
      drivers.add(fixture.open(i % 2 == 0 ? "v4" : "v1", root)); // as separate processes: no shared state
    }
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      contents.add(random(6 << 20, 100 + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        StorageDriver d = drivers.get(i % drivers.size());
        byte[] content = contents.get(i);
        done.add(pool.submit((Callable<Void>) () -> {
          try (FileWriter w = d.writer("/same", false)) {
            w.write(content);
            w.commit();
          }
          return null;
        }));
      }
      int committed = 0;
      for (Future<Void> f : done) {
        f.get();
        committed++;
      }
      assertThat(committed).isEqualTo(writers);
    } finally {
      pool.shutdown();
      for (StorageDriver d : drivers.subList(1, drivers.size())) {
        d.close();
      }
    }
    byte[] stored = driver.getContent("/same");
    assertThat(contents).anySatisfy(c -> assertThat(Arrays.equals(c, stored)).isTrue());
    assertThat(fixture.emulator.inProgressUploads()).isEmpty();
  }

  @Test
  void writerWithoutAppend_neverAbortsAnotherWritersUpload() throws Exception {
    byte[] first = random((5 << 20) + 3, 1);
    try (FileWriter closed = driver.writer("/k", false)) {
      closed.write(first);
    }
    fixture.emulator.resetRequestCounts();
    try (FileWriter other = driver.writer("/k", false)) {
      other.write(new byte[] {7});
      other.commit();
    }
    assertThat(fixture.emulator.requestCount("AbortMultipartUpload")).isZero();
    assertThat(fixture.emulator.requestCount("ListMultipartUploads")).isZero();
    assertThat(fixture.emulator.inProgressUploads()).hasSize(1);
  }

  @Test
  void resume_afterALaterCommit_findsNothing_soNonEmptyContentIsAConflict() throws Exception {
    try (FileWriter closed = driver.writer("/k", false)) {
      closed.write(new byte[64]);
    }
    driver.putContent("/k", new byte[] {1, 2, 3});
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> driver.writer("/k", true))
        .isInstanceOfSatisfying(dev.storagedriver.DriverException.class,
            e -> assertThat(e.code()).isEqualTo(dev.storagedriver.ErrorCode.CONFLICT));
    assertThat(driver.getContent("/k")).containsExactly(1, 2, 3);
  }

  @Test
  void resume_takesTheNewestClosedWriter_evenFromAnotherDriver() throws Exception {
    try (FileWriter a = driver.writer("/k", false)) {
      a.write(random(100, 2));
    }
    byte[] newest = random((5 << 20) + 10, 3);
    try (StorageDriver other = fixture.open("v1", root); FileWriter b = other.writer("/k", false)) {
      b.write(newest);
    }
    try (FileWriter resumed = driver.writer("/k", true)) {
      assertThat(resumed.size()).isEqualTo(newest.length);
      resumed.commit();
    }
    assertThat(driver.getContent("/k")).isEqualTo(newest);
  }

  @Test
  void pendingWrites_listsClosedWritersBelowTheDirectory_andPurgeRemovesThoseOlderThanTheInstant()
      throws Exception {
    assertThat(driver.capabilities()).contains(Capability.PENDING_WRITES);
    try (FileWriter w = driver.writer("/d/a", false)) {
      w.write(new byte[10]);
    }
    try (FileWriter w = driver.writer("/e/b", false)) {
      w.write(random((5 << 20) + 1, 4));
    }
    assertThat(driver.pendingWrites("/")).extracting(PendingWrite::path).containsExactly("/d/a", "/e/b");
    assertThat(driver.pendingWrites("/d")).extracting(PendingWrite::path).containsExactly("/d/a");
    assertThat(driver.purgePendingWrites("/", Instant.now().minus(Duration.ofHours(1)))).isEmpty();
    assertThat(driver.purgePendingWrites("/d", Instant.now().plusSeconds(1))).extracting(PendingWrite::path)
        .containsExactly("/d/a");
    assertThat(driver.pendingWrites("/")).extracting(PendingWrite::path).containsExactly("/e/b");
    try (FileWriter resumed = driver.writer("/d/a", true)) {
      assertThat(resumed.size()).as("the purged write is gone, tail included").isZero();
      resumed.cancel();
    }
    driver.purgePendingWrites("/", Instant.now().plusSeconds(1));
    assertThat(driver.pendingWrites("/")).isEmpty();
    assertThat(fixture.rawKeys(root)).as("hidden tails left").isEmpty();
  }

  @Test
  void purgeBelowADirectory_leavesThePendingWriteOfTheDirectoryPathItself() throws Exception {
    try (FileWriter w = driver.writer("/d", false)) {
      w.write(new byte[] {1, 2, 3});
    }
    try (FileWriter w = driver.writer("/d/x", false)) {
      w.write(new byte[] {4});
    }
    assertThat(driver.purgePendingWrites("/d", Instant.now().plusSeconds(1))).extracting(PendingWrite::path)
        .containsExactly("/d/x");
    try (FileWriter resumed = driver.writer("/d", true)) {
      assertThat(resumed.size()).isEqualTo(3);
      resumed.cancel();
    }
  }

  @Test
  void lostInitiateAnswers_leaveUploadsThatAPurgeRemoves() throws Exception {
    byte[] content = random((5 << 20) + 100, 5);
    fixture.emulator.faults().on("InitiateMultipartUpload").resetConnection();
    try (FileWriter w = driver.writer("/f", false)) {
      w.write(content);
      w.commit();
    }
    fixture.emulator.faults().on("InitiateMultipartUpload").cutBody();
    try (FileWriter w = driver.writer("/g", false)) {
      w.write(content);
      w.commit();
    }
    assertThat(driver.getContent("/f")).isEqualTo(content);
    assertThat(driver.getContent("/g")).isEqualTo(content);
    assertThat(fixture.emulator.inProgressUploads()).as("uploads whose Initiate answer was lost").hasSize(2);
    assertThat(driver.purgePendingWrites("/", Instant.now().plusSeconds(1))).hasSize(2);
    assertThat(fixture.emulator.inProgressUploads()).isEmpty();
  }

  @Test
  void uploadPurging_removesAbandonedUploadsInTheBackground() throws Exception {
    try (StorageDriver purging = fixture.open("v4", root, "uploadpurging", java.util.Map.of("age", "1s",
        "interval", "100ms"))) {
      try (FileWriter w = purging.writer("/abandoned", false)) {
        w.write(new byte[10]);
      }
      assertThat(driver.pendingWrites("/")).extracting(PendingWrite::path).containsExactly("/abandoned");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!driver.pendingWrites("/").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(driver.pendingWrites("/")).isEmpty();
      assertThat(fixture.emulator.inProgressUploads()).isEmpty();
      assertThat(fixture.rawKeys(root)).as("hidden tails left").isEmpty();
    }
  }

  @Test
  void uploadPurgingDryRun_logsWhatWouldGo_andRemovesNothing() throws Exception {
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try (StorageDriver purging = fixture.open("v4", root, "uploadpurging", java.util.Map.of("age", "1s",
        "interval", "100ms", "dryrun", true))) {
      try (FileWriter w = purging.writer("/kept", false)) {
        w.write(new byte[10]);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!captured.toString(java.nio.charset.StandardCharsets.UTF_8).contains("dry run")
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } finally {
      System.setErr(err);
    }
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("dry run").contains("/kept");
    assertThat(driver.pendingWrites("/")).extracting(PendingWrite::path).containsExactly("/kept");
  }
}
