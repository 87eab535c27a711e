package dev.storagedriver.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storagedriver.Capability;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the kit cannot see: request counts, batching, OSS-specific paths, and behaviour under injected faults. */
class OssBehaviourTest {
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
  void nothingDangles() throws Exception {
    fixture.emulator.faults().clear();
    driver.close();
    assertThat(fixture.emulator.inProgressUploads()).as("multipart uploads in progress").isEmpty();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private void putAll(List<String> paths) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String p : paths) {
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
  }

  @Test
  void walk_usesOneListRequestPerThousandKeys_list_paginates_delete_batches() throws Exception {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      paths.add(String.format("/big/f%04d", i));
    }
    for (int i = 0; i < 30; i++) {
      paths.add("/d" + (i % 3) + "/sub" + (i % 5) + "/x" + i);
    }
    putAll(paths);
    fixture.emulator.resetRequestCounts();
    List<String> walked = new ArrayList<>();
    driver.walk("/", info -> {
      walked.add(info.path());
      return FileVisitResult.CONTINUE;
    });
    assertThat(fixture.emulator.requestCount("ListObjectsV2")).isEqualTo((paths.size() + 999) / 1000);
    assertThat(walked).hasSize(paths.size() + 1 + 3 + 15);

    // From a subdirectory too: the walk itself finds out whether the start exists, with no extra request.
    fixture.emulator.resetRequestCounts();
    List<String> below = new ArrayList<>();
    driver.walk("/big", info -> {
      below.add(info.path());
      return FileVisitResult.CONTINUE;
    });
    assertThat(below).hasSize(1100);
    assertThat(fixture.emulator.requestCount("ListObjectsV2")).isEqualTo(2);
    assertThat(fixture.emulator.requestCounts().values().stream().mapToLong(Number::longValue).sum())
        .as("every request of the walk").isEqualTo(2);

    assertThat(driver.list("/big")).hasSize(1100);

    fixture.emulator.resetRequestCounts();
    driver.delete("/big");
    assertThat(fixture.emulator.requestCount("DeleteMultipleObjects")).isEqualTo(2);
    assertThat(driver.list("/")).containsExactly("/d0", "/d1", "/d2");
    driver.delete("/d0");
    driver.delete("/d1");
    driver.delete("/d2");
  }

  /**
   * The native walk against the generic one (list + stat) over names where byte and walk order differ. (No file
   * here has keys below it: the generic walk cannot see those without a listing per file, the native one shows
   * them, and the kit's {@code putContent_belowAFile_conflictsOrKeepsBothVisible} holds that.)
   */
  @Test
  void nativeWalk_matchesGenericWalk_forSkipsAndHints() throws Exception {
    List<String> paths = List.of("/a/b/c", "/a/b-c", "/a/b.c/d", "/a-b/c", "/a.b", "/a/b/c-d/e", "/a/b/c.d",
        "/a0", "/a/x", "/b!", "/b-/c", "/b./d/e", "/b/c/d/e/f", "/b/c-");
    putAll(paths);
    StorageBackend backend = OssDriverFactory.create(new DriverConfig("oss",
        EmulatorFixture.config(fixture.parameters("v4", root))), Map.of());
    StorageBackend generic = new WithoutNativeWalk(backend);
    try (StorageDriver slow = StorageDrivers.portable(generic)) {
      Random random = new Random(7);
      List<String> hints = new ArrayList<>(paths);
      hints.addAll(List.of("/a", "/a/b", "/a-", "/a/b/c-", "/0", "/zz"));
      for (int round = 0; round < 60; round++) {
        long seed = random.nextLong();
        WalkOptions options = round % 3 == 0 ? WalkOptions.DEFAULTS
            : WalkOptions.startAfter(hints.get(random.nextInt(hints.size())));
        String start = round % 5 == 0 ? "/a" : "/";
        assertThat(walk(driver, start, options, seed)).as("walk %s %s seed %d", start, options, seed)
            .isEqualTo(walk(slow, start, options, seed));
      }
    }
    for (String top : driver.list("/")) {
      driver.delete(top);
    }
  }

  /** The paths a walk visits (directories with a trailing slash) when {@code seed} decides each visit's result. */
  static List<String> walk(StorageDriver d, String start, WalkOptions options, long seed) throws IOException {
    Random decide = new Random(seed);
    List<String> seen = new ArrayList<>();
    d.walk(start, info -> {
      seen.add(info.path() + (info.isDirectory() ? "/" : ""));
      int r = decide.nextInt(20);
      return r == 0 ? FileVisitResult.SKIP_SUBTREE : r == 1 ? FileVisitResult.SKIP_SIBLINGS
          : r == 2 && seen.size() > 8 ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
    }, options);
    return seen;
  }

  @Test
  void stat_isNotADirectory_justBecauseASiblingSharesThePrefix() throws Exception {
    driver.putContent("/ab", new byte[] {1});
    assertThatThrownBy(() -> driver.stat("/a")).isInstanceOf(dev.storagedriver.PathNotFoundException.class);
    driver.putContent("/a/b", new byte[] {1});
    FileInfo dir = driver.stat("/a");
    assertThat(dir.isDirectory()).isTrue();
    driver.delete("/a");
    assertThat(driver.getContent("/ab")).containsExactly(1);
    driver.delete("/ab");
  }

  @Test
  void move_aboveThreshold_usesUploadPartCopy() throws Exception {
    byte[] data = random((3 << 20) + 17, 1);
    driver.putContent("/src", data);
    fixture.emulator.resetRequestCounts();
    driver.move("/src", "/dst");
    assertThat(fixture.emulator.requestCount("UploadPartCopy")).isEqualTo(7);
    assertThat(fixture.emulator.requestCount("CopyObject")).isZero();
    assertThat(driver.getContent("/dst")).isEqualTo(data);
    driver.delete("/dst");
  }

  @Test
  void move_partCopyFailure_abortsAndLeavesBothIntact() throws Exception {
    byte[] data = random((3 << 20) + 17, 2);
    driver.putContent("/src", data);
    driver.putContent("/dst", new byte[] {9});
    fixture.emulator.faults().on("UploadPartCopy").always().failWith(403, "AccessDenied");
    assertThatThrownBy(() -> driver.move("/src", "/dst"))
        .isInstanceOfSatisfying(DriverException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    fixture.emulator.faults().clear();
    assertThat(driver.getContent("/src")).isEqualTo(data);
    assertThat(driver.getContent("/dst")).containsExactly(9);
    driver.delete("/src");
    driver.delete("/dst");
  }

  /**
   * A source replaced between two part copies must not leave a destination made of the first version's head and
   * the second version's rest: every part is copied from the version the move started with, and when that is gone
   * the move starts over from the new one.
   */
  @Test
  void move_inParts_ofASourceReplacedMidCopy_arrivesAsOneWholeVersion() throws Exception {
    byte[] first = random((3 << 20) + 17, 5);
    byte[] second = random((3 << 20) + 17, 6);
    try (StorageDriver oneAtATime = fixture.open("v4", root, "uploadconcurrency", 1)) {
      oneAtATime.putContent("/src", first);
      fixture.emulator.resetRequestCounts();
      // Each part copy is answered late, so the test can replace the source while the second one is under way.
      fixture.emulator.faults().on("UploadPartCopy").always().delay(java.time.Duration.ofMillis(300));
      ExecutorService mover = Executors.newSingleThreadExecutor();
      try {
        Future<?> move = mover.submit(() -> {
          oneAtATime.move("/src", "/dst");
          return null;
        });
        while (fixture.emulator.requestCount("UploadPartCopy") < 2 && !move.isDone()) {
          Thread.sleep(5);
        }
        // The first part was copied; the second is being answered: another client replaces the source.
        fixture.emulator.putObject(EmulatorFixture.BUCKET, root.substring(1) + "/src", second);
        move.get();
      } finally {
        mover.shutdown();
      }
      fixture.emulator.faults().clear();
      assertThat(oneAtATime.getContent("/dst")).as("the destination is the version that replaced the source, whole")
          .isEqualTo(second);
      assertThat(oneAtATime.list("/")).containsExactly("/dst");
      oneAtATime.delete("/dst");
    }
  }

  /**
   * A bucket deleted under a running driver is not a missing file: reads would call every file absent and writes
   * a bad path. (A bucket missing at start is the start-up check's, {@code OssConfigTest}.)
   */
  @Test
  void aBucketDeletedUnderTheDriver_isAConfigurationError_neverPathNotFound() throws Exception {
    fixture.emulator.createBucket("doomed-bucket");
    try (StorageDriver doomed = fixture.open("v4", root, "bucket", "doomed-bucket")) {
      com.aliyun.oss.OSS raw = fixture.rawClient();
      try {
        raw.deleteBucket("doomed-bucket");
      } finally {
        raw.shutdown();
      }
      List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(
          () -> doomed.putContent("/f", new byte[1]),
          () -> doomed.getContent("/f"),
          () -> doomed.stat("/f"),
          () -> doomed.list("/"),
          () -> doomed.delete("/f"),
          () -> doomed.walk("/", info -> FileVisitResult.CONTINUE));
      for (org.assertj.core.api.ThrowableAssert.ThrowingCallable call : calls) {
        assertThatThrownBy(call).isInstanceOfSatisfying(dev.storagedriver.StorageDriverException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG);
          assertThat(e.getMessage()).contains("bucket").contains("NoSuchBucket");
        });
      }
    }
  }

  @Test
  void writer_partsInParallel_resumeFromANewDriverWithSmallTail() throws Exception {
    byte[] first = random((11 << 20) + 5, 3);
    byte[] second = random(100, 4);
    try (FileWriter w = driver.writer("/f", false)) {
      w.write(first);
    }
    assertThat(fixture.emulator.inProgressUploads()).hasSize(1);
    try (StorageDriver other = fixture.open("v1", root); FileWriter w = other.writer("/f", true)) {
      assertThat(w.size()).isEqualTo(first.length);
      w.write(second);
      w.commit();
    }
    byte[] all = new byte[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    assertThat(driver.getContent("/f")).isEqualTo(all);
    assertThat(driver.list("/")).containsExactly("/f");
    driver.delete("/f");
  }

  @Test
  void writer_appendToCommittedContent_isAConflict() throws Exception {
    driver.putContent("/f", new byte[] {1});
    assertThatThrownBy(() -> driver.writer("/f", true)).isInstanceOfSatisfying(DriverException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    driver.delete("/f");
  }

  @Test
  void concurrentWritersToOneKey_lastCommitWins() throws Exception {
    byte[] a = random(6 << 20, 5);
    byte[] b = random(6 << 20, 6);
    try (FileWriter wa = driver.writer("/k", false); FileWriter wb = driver.writer("/k", false)) {
      wa.write(a);
      wb.write(b);
      wa.commit();
      assertThat(driver.getContent("/k")).isEqualTo(a);
      wb.commit();
    }
    assertThat(driver.getContent("/k")).isEqualTo(b);
    driver.delete("/k");
  }

  // ---- faults

  @Test
  void reader_transientErrorsAndCutBodies_areRetriedTransparently() throws Exception {
    byte[] data = random(1 << 20, 7);
    driver.putContent("/f", data);
    fixture.emulator.faults().on("GetObject").times(2).failWith(503, "ServiceUnavailable");
    assertThat(driver.getContent("/f")).isEqualTo(data);
    fixture.emulator.faults().on("GetObject").cutBody();
    assertThat(driver.getContent("/f")).isEqualTo(data);
    fixture.emulator.faults().on("GetObject").resetConnection();
    try (InputStream in = driver.reader("/f", 1000)) {
      assertThat(in.readAllBytes()).hasSize(data.length - 1000);
    }
    driver.delete("/f");
  }

  @Test
  void cutBodiesAndResets_onIdempotentRequests_areRetried() throws Exception {
    driver.putContent("/d/a", new byte[] {1});
    driver.putContent("/d/b", new byte[] {2});
    fixture.emulator.resetRequestCounts();
    fixture.emulator.faults().on("ListObjectsV2").cutBody();
    assertThat(driver.list("/d")).containsExactly("/d/a", "/d/b");
    assertThat(fixture.emulator.requestCount("ListObjectsV2")).isEqualTo(2);
    fixture.emulator.faults().on("HeadObject").resetConnection();
    assertThat(driver.stat("/d/a").size()).isEqualTo(1);
    try (FileWriter w = driver.writer("/d/w", false)) {
      w.write(random((5 << 20) + 1, 16));
    }
    fixture.emulator.faults().on("ListParts").cutBody();
    fixture.emulator.faults().on("ListObjectsV2").resetConnection();
    try (FileWriter w = driver.writer("/d/w", true)) {
      assertThat(w.size()).isEqualTo((5 << 20) + 1);
      w.commit();
    }
    fixture.emulator.faults().on("DeleteMultipleObjects").cutBody();
    driver.delete("/d");
    assertThat(driver.list("/")).isEmpty();
    assertThat(fixture.emulator.faults().pendingRules()).isZero();
  }

  @Test
  void cutBodies_thatPersist_areUnavailable() throws Exception {
    driver.putContent("/d/a", new byte[] {1});
    fixture.emulator.faults().on("ListObjectsV2").always().cutBody();
    assertThatThrownBy(() -> driver.list("/d")).isInstanceOfSatisfying(DriverException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.isRetryable()).isTrue();
    });
    fixture.emulator.faults().clear();
    driver.delete("/d");
  }

  @Test
  void reader_atAnOffset_whenTheServerIgnoresRange_returnsTheBytesFromTheOffset() throws Exception {
    byte[] data = random(300_000, 13);
    driver.putContent("/f", data);
    fixture.emulator.faults().on("GetObject").ignoreRange();
    try (InputStream in = driver.reader("/f", 1000)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 1000, data.length));
    }
    assertThat(fixture.emulator.faults().pendingRules()).isZero();
    driver.delete("/f");
  }

  @Test
  void putContent_bodyDamagedInTransit_isRefusedByItsMd5_thenRetried_andStoredExactly() throws Exception {
    byte[] data = random(300_000, 14);
    driver.putContent("/f", new byte[] {42});
    fixture.emulator.resetRequestCounts();
    fixture.emulator.faults().on("PutObject").corruptRequestBody();
    driver.putContent("/f", data);
    assertThat(fixture.emulator.requestCount("PutObject")).isEqualTo(2);
    assertThat(driver.getContent("/f")).isEqualTo(data);
    driver.delete("/f");
  }

  @Test
  void writer_partDamagedInTransit_failsItsCrcCheck_thenRetried_andCommitsExactly() throws Exception {
    byte[] data = random((5 << 20) * 2 + 7, 15);
    fixture.emulator.resetRequestCounts();
    fixture.emulator.faults().on("UploadPart").corruptRequestBody();
    try (FileWriter w = driver.writer("/f", false)) {
      w.write(data);
      w.commit();
    }
    assertThat(fixture.emulator.requestCount("UploadPart")).isEqualTo(3 + 1);
    assertThat(driver.getContent("/f")).isEqualTo(data);
    driver.delete("/f");
  }

  /** The check spans connections: the CRC of the bytes before a resume is combined with that of the rest. */
  @Test
  void reader_corruptedByteAfterAResume_isStillAnErrorNotData() throws Exception {
    byte[] data = random(1 << 20, 9);
    driver.putContent("/f", data);
    fixture.emulator.faults().on("GetObject").cutBody();
    fixture.emulator.faults().on("GetObject").corruptBody();
    assertThatThrownBy(() -> driver.getContent("/f")).isInstanceOfSatisfying(DriverException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED));
    assertThat(fixture.emulator.faults().pendingRules()).isZero();
    assertThat(driver.getContent("/f")).isEqualTo(data);
    driver.delete("/f");
  }

  @Test
  void reader_corruptedByte_isAnErrorNotData() throws Exception {
    byte[] data = random(300_000, 8);
    driver.putContent("/f", data);
    fixture.emulator.faults().on("GetObject").corruptBody();
    assertThatThrownBy(() -> driver.getContent("/f")).isInstanceOfSatisfying(DriverException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED));
    fixture.emulator.faults().on("GetObject").corruptBody();
    try (InputStream in = driver.reader("/f", 0)) {
      byte[] buf = new byte[8192];
      assertThatThrownBy(() -> {
        while (in.read(buf) >= 0) {
          // drain
        }
      }).isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED));
    }
    assertThat(driver.getContent("/f")).isEqualTo(data);
    driver.delete("/f");
  }

  @Test
  void writer_partUploadRetried_onTransientFailure() throws Exception {
    byte[] data = random((5 << 20) + 10, 9);
    fixture.emulator.faults().on("UploadPart").times(2).failWith(503, "ServiceUnavailable");
    fixture.emulator.faults().on("PutObject").resetConnection();
    driver.putContent("/small", new byte[] {1, 2});
    try (FileWriter w = driver.writer("/f", false)) {
      w.write(data);
      w.commit();
    }
    assertThat(driver.getContent("/f")).isEqualTo(data);
    driver.delete("/f");
    driver.delete("/small");
  }

  @Test
  void writer_permanentPartFailure_abortsAndKeepsOldContent() throws Exception {
    driver.putContent("/f", new byte[] {42});
    fixture.emulator.faults().on("UploadPart").always().failWith(403, "AccessDenied");
    FileWriter w = driver.writer("/f", false);
    assertThatThrownBy(() -> {
      w.write(random(11 << 20, 10));
      w.commit();
    }).isInstanceOfSatisfying(DriverException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    w.close();
    fixture.emulator.faults().clear();
    assertThat(fixture.emulator.inProgressUploads()).isEmpty();
    assertThat(driver.getContent("/f")).containsExactly(42);
    driver.delete("/f");
  }

  @Test
  void commit_failure_isTypedUnavailable_notRetried_andAborts() throws Exception {
    driver.putContent("/f", new byte[] {42});
    fixture.emulator.faults().on("CompleteMultipartUpload").failWith(503, "ServiceUnavailable");
    long completesBefore = fixture.emulator.requestCount("CompleteMultipartUpload");
    FileWriter w = driver.writer("/f", false);
    w.write(random((5 << 20) + 1, 11));
    assertThatThrownBy(w::commit).isInstanceOfSatisfying(DriverException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(e.isRetryable()).isTrue();
    });
    w.close();
    assertThat(fixture.emulator.requestCount("CompleteMultipartUpload") - completesBefore).isEqualTo(1);
    assertThat(driver.getContent("/f")).containsExactly(42);
    driver.delete("/f");
  }

  @Test
  void afterACommitThatFailed_writeAndCommitSayTheUploadWasAborted_andCancelIsHarmless() throws Exception {
    driver.putContent("/f", new byte[] {42});
    fixture.emulator.faults().on("CompleteMultipartUpload").failWith(503, "ServiceUnavailable");
    FileWriter w = driver.writer("/f", false);
    w.write(random((5 << 20) + 1, 13));
    assertThatThrownBy(w::commit).isInstanceOf(DriverException.class);
    fixture.emulator.faults().clear();

    for (ThrowingCallable again : List.<ThrowingCallable>of(w::commit, () -> w.write(new byte[] {1}))) {
      assertThatThrownBy(again).isInstanceOfSatisfying(DriverException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(e).hasMessageContaining("an earlier failure aborted its upload");
      });
    }
    w.cancel();
    assertThat(driver.getContent("/f")).containsExactly(42);
    driver.delete("/f");
  }

  @Test
  void commit_whoseResponseIsLost_succeeds_whenTheObjectHoldsTheBytesWritten() throws Exception {
    driver.putContent("/f", new byte[] {42});
    byte[] content = random((5 << 20) + 1, 12);
    fixture.emulator.faults().on("CompleteMultipartUpload").resetConnection(); // completes, then no answer
    FileWriter w = driver.writer("/f", false);
    w.write(content);
    w.commit();
    w.close();
    assertThat(driver.getContent("/f")).isEqualTo(content);
    assertThat(fixture.emulator.inProgressUploads()).isEmpty();
    driver.delete("/f");
  }

  @Test
  void delete_batchFailure_isRetried_thenReportedTyped() throws Exception {
    driver.putContent("/d/a", new byte[] {1});
    driver.putContent("/d/b", new byte[] {1});
    fixture.emulator.faults().on("DeleteMultipleObjects").failWith(503, "ServiceUnavailable");
    driver.delete("/d");
    assertThat(driver.list("/")).isEmpty();
    driver.putContent("/d/a", new byte[] {1});
    fixture.emulator.faults().on("DeleteMultipleObjects").always().failWith(403, "AccessDenied");
    assertThatThrownBy(() -> driver.delete("/d")).isInstanceOfSatisfying(DriverException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
    fixture.emulator.faults().clear();
    assertThat(driver.getContent("/d/a")).containsExactly(1);
    driver.delete("/d");
  }

  @Test
  void throttling_isRetried_thenUnavailable() throws Exception {
    driver.putContent("/f", new byte[] {1});
    fixture.emulator.faults().on("HeadObject").failWith(429, "Throttling");
    assertThat(driver.stat("/f").size()).isEqualTo(1);
    fixture.emulator.faults().on("HeadObject").always().failWith(503, "SlowDown");
    assertThatThrownBy(() -> driver.stat("/f")).isInstanceOfSatisfying(DriverException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    fixture.emulator.faults().clear();
    driver.delete("/f");
  }

  /** The same backend without its native walk, so the portable layer's walk runs over list and stat. */
  /** A backend whose walk is the portable layer's generic one (list and stat), to compare the native walk with. */
  static final class WithoutNativeWalk extends ForwardingBackend {
    WithoutNativeWalk(StorageBackend backend) {
      super(backend);
    }

    @Override
    public Set<Capability> capabilities() {
      Set<Capability> c = EnumSet.copyOf(super.capabilities());
      c.remove(Capability.NATIVE_WALK);
      return c;
    }
  }
}
