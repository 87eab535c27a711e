package dev.storagedriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PortableStorageDriverTest {
  private final FakeBackend backend = new FakeBackend();
  private final StorageDriver driver = StorageDrivers.portable(backend);

  @Test
  void invalidPath_neverReachesTheBackend() {
    assertThatThrownBy(() -> driver.getContent("/a/../b")).isInstanceOf(InvalidPathException.class);
    assertThatThrownBy(() -> driver.putContent("relative", new byte[0])).isInstanceOf(InvalidPathException.class);
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void pendingWrites_withoutTheCapability_isUnsupportedAndNeverReachesTheBackend() {
    assertThatThrownBy(() -> driver.pendingWrites("/")).isInstanceOf(UnsupportedMethodException.class);
    assertThatThrownBy(() -> driver.purgePendingWrites("/", java.time.Instant.now()))
        .isInstanceOf(UnsupportedMethodException.class);
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void pendingWrites_comeInWalkOrderOfTheirPaths() throws Exception {
    backend.capabilities.add(Capability.PENDING_WRITES);
    StorageDriver driver = StorageDrivers.portable(backend);
    java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
    backend.pending.add(new PendingWrite("/b", "1", 5, t));
    backend.pending.add(new PendingWrite("/\uD83D\uDE00", "2", -1, t));
    backend.pending.add(new PendingWrite("/a/x", "3", 0, t));
    backend.pending.add(new PendingWrite("/a b", "4", 0, t));
    assertThat(driver.pendingWrites("/")).extracting(PendingWrite::path)
        .containsExactly("/a/x", "/a b", "/b", "/\uD83D\uDE00");
  }

  @Test
  void purgePendingWrites_returnsWhatWentAndChecksTheDirectory() throws Exception {
    backend.capabilities.add(Capability.PENDING_WRITES);
    StorageDriver driver = StorageDrivers.portable(backend);
    java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
    backend.pending.add(new PendingWrite("/old", "1", 5, t));
    backend.pending.add(new PendingWrite("/new", "2", 5, t.plusSeconds(3600)));
    assertThat(driver.purgePendingWrites("/", t.plusSeconds(60))).extracting(PendingWrite::id).containsExactly("1");
    assertThat(driver.pendingWrites("/")).extracting(PendingWrite::id).containsExactly("2");
    assertThatThrownBy(() -> driver.purgePendingWrites("/a/", t)).isInstanceOf(InvalidPathException.class);
  }

  @Test
  void invalidPathError_namesDriverPathAndReason() {
    InvalidPathException e = (InvalidPathException) catchThrowable(() -> driver.stat("/a//b"));
    assertThat(e.driverName()).isEqualTo("fake");
    assertThat(e.path()).hasValue("/a//b");
    assertThat(e.getMessage()).isEqualTo("fake: invalid path \"/a//b\": path has an empty segment");
  }

  @Test
  void negativeOffset_isRejectedBeforeTheBackend() {
    InvalidOffsetException e = (InvalidOffsetException) catchThrowable(() -> driver.reader("/a", -5));
    assertThat(e.offset()).isEqualTo(-5);
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void noSuchFile_becomesPathNotFound_withTheCallersPathNotTheBackendsFile() {
    PathNotFoundException e = (PathNotFoundException) catchThrowable(() -> driver.getContent("/missing"));
    assertThat(e.path()).hasValue("/missing");
    assertThat(e.getMessage()).isEqualTo("fake: path not found: /missing");
    assertThat(e.getCause()).isInstanceOf(java.nio.file.NoSuchFileException.class);
  }

  @Test
  void accessDenied_becomesPermissionDenied() {
    backend.plantedFailure = new AccessDeniedException("/x");
    DriverException e = (DriverException) catchThrowable(() -> driver.putContent("/x", new byte[0]));
    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    assertThat(e.path()).hasValue("/x");
  }

  @Test
  void runtimeException_becomesUnknownDriverError_keepingTheCause() {
    IllegalArgumentException bug = new IllegalArgumentException("boom");
    backend.plantedFailure = bug;
    DriverException e = (DriverException) catchThrowable(() -> driver.putContent("/x", new byte[0]));
    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(e.getCause()).isSameAs(bug);
    assertThat(e.getMessage()).startsWith("fake: putContent /x failed");
  }

  @Test
  void unsupportedOperation_becomesUnsupportedMethod() {
    backend.plantedFailure = new UnsupportedOperationException();
    UnsupportedMethodException e = (UnsupportedMethodException) catchThrowable(() -> driver.delete("/x"));
    assertThat(e.method()).isEqualTo("delete");
  }

  @Test
  void typedException_passesThroughUnchanged() {
    DriverException planted = new DriverException("fake", "/x", ErrorCode.NO_SPACE, "full", null);
    backend.plantedFailure = planted;
    assertThat(catchThrowable(() -> driver.putContent("/x", new byte[0]))).isSameAs(planted);
  }

  @Test
  void retryable_followsTheCode() {
    assertThat(new DriverException("d", null, ErrorCode.UNAVAILABLE, "m", null).isRetryable()).isTrue();
    assertThat(new PathNotFoundException("d", "/a").isRetryable()).isFalse();
  }

  @Test
  void list_isSortedWhateverTheBackendReturns() throws Exception {
    backend.files.put("/b", new byte[0]);
    backend.files.put("/a/x", new byte[0]);
    backend.files.put("/c", new byte[0]);
    assertThat(driver.list("/")).containsExactly("/a", "/b", "/c");
  }

  @Test
  void closedDriver_rejectsCalls_andClosesTheBackendOnce() throws Exception {
    driver.close();
    driver.close();
    assertThat(backend.closed).isTrue();
    assertThatThrownBy(() -> driver.stat("/")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void writerOfAClosedDriver_rejectsWriteCommitAndCancel_asTheDriverRejectsCalls() throws Exception {
    FileWriter writer = driver.writer("/w", false);
    writer.write(new byte[] {1, 2});
    driver.close();
    for (ThrowingCallable call : List.<ThrowingCallable>of(() -> writer.write(new byte[] {3}), writer::commit,
        writer::cancel)) {
      assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessageContaining("driver is closed");
    }
    writer.close();
  }

  @Test
  void writer_stateMachine_isEnforcedForTheBackend() throws Exception {
    FileWriter writer = driver.writer("/w", false);
    writer.write(new byte[] {1, 2});
    writer.cancel();
    assertThatThrownBy(() -> writer.write(new byte[] {3})).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cancelled");
    assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
    writer.close();
    assertThat(backend.files).doesNotContainKey("/w");
  }

  @Test
  void appendWithoutCapability_isUnsupported() {
    assertThatThrownBy(() -> driver.writer("/w", true)).isInstanceOf(UnsupportedMethodException.class);
  }

  @Test
  void redirectUrl_withoutCapability_isEmptyWithoutAskingTheBackend() throws Exception {
    assertThat(driver.redirectUrl("/x", RedirectMethod.GET)).isEmpty();
    assertThat(backend.calls).isEmpty();
  }

  @Test
  void readerFailure_midStream_isTyped() throws Exception {
    StorageDriver failing = StorageDrivers.portable(new FakeBackend() {
      @Override
      public InputStream reader(String path, long offset) {
        return new InputStream() {
          @Override
          public int read() throws IOException {
            throw new java.net.SocketTimeoutException("read timed out");
          }
        };
      }
    });
    InputStream in = failing.reader("/x", 0);
    DriverException e = (DriverException) catchThrowable(in::read);
    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.isRetryable()).isTrue();
    assertThat(e.path()).hasValue("/x");
  }

  @Test
  void walkVisitorException_reachesTheCallerUnchanged() throws Exception {
    backend.files.put("/d/f", new byte[0]);
    IllegalStateException planted = new IllegalStateException("visitor");
    assertThat(catchThrowable(() -> driver.walk("/d", info -> {
      throw planted;
    }))).isSameAs(planted);
  }

  @Test
  void walk_generic_visitsInWalkOrder() throws Exception {
    backend.files.put("/d/a-b", new byte[0]);
    backend.files.put("/d/a/x", new byte[0]);
    List<String> seen = new ArrayList<>();
    driver.walk("/", info -> {
      seen.add(info.path());
      return FileVisitResult.CONTINUE;
    });
    assertThat(seen).containsExactly("/d", "/d/a", "/d/a/x", "/d/a-b");
  }

  @Test
  void maxConcurrentOperations_boundsCallsInFlight() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(2);
    FakeBackend slow = new FakeBackend() {
      @Override
      public void delete(String path) throws IOException {
        int now = inFlight.incrementAndGet();
        highest.accumulateAndGet(now, Math::max);
        started.countDown();
        try {
          Thread.sleep(30);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
      }
    };
    slow.maxConcurrent = 2;
    StorageDriver bounded = StorageDrivers.portable(slow);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        futures.add(pool.submit(() -> {
          bounded.delete("/x");
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(highest.get()).isEqualTo(2);
  }

  @Test
  void plainIoExceptionOfAFullDisk_becomesNoSpace() {
    backend.plantedFailure = new IOException("No space left on device");
    DriverException e = (DriverException) catchThrowable(() -> driver.putContent("/x", new byte[0]));
    assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE);
    assertThat(e.path()).hasValue("/x");
  }

  @Test
  void operationNotPermitted_becomesPermissionDenied() {
    backend.plantedFailure = new java.nio.file.FileSystemException("/root/x", null, "Operation not permitted");
    DriverException e = (DriverException) catchThrowable(() -> driver.delete("/x"));
    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
  }
}
