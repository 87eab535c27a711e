package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storagedriver.Capability;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.UnsupportedMethodException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Listing and purging uncommitted writes ({@link Capability#PENDING_WRITES}). The instants used are a day away
 * from now, so a store whose clock is off by minutes (an object store's server time) still passes.
 */
public interface PendingWritesContract extends DriverContract {

  private void requirePendingWrites() {
    assumeTrue(driver().capabilities().contains(Capability.PENDING_WRITES),
        "driver does not declare PENDING_WRITES; list and purge the uncommitted writes it keeps "
            + "(pendingWrites, purgePendingWrites) and declare it to run this test");
  }

  private static Instant dayAhead() {
    return Instant.now().plus(Duration.ofDays(1));
  }

  private static Instant dayAgo() {
    return Instant.now().minus(Duration.ofDays(1));
  }

  /** Leaves an uncommitted write of {@code size} bytes at {@code path}, its writer closed. */
  private void leavePending(String path, int size) throws Exception {
    try (FileWriter writer = driver().writer(path, false)) {
      writer.write(Fixtures.randomBytes(size, path.hashCode()));
    }
  }

  /**
   * A writer closed without commit is listed as a pending write, with its path and its size (or -1 if unknown).
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void pendingWrites_listAWriteClosedWithoutCommit() throws Exception {
    requirePendingWrites();
    leavePending("/pending/a", 10);
    assertThat(driver().pendingWrites("/")).singleElement().satisfies(write -> {
      assertThat(write.path()).isEqualTo("/pending/a");
      assertThat(write.size()).as("size, or -1 when unknown").isIn(10L, -1L);
    });
    driver().purgePendingWrites("/", dayAhead());
  }

  /**
   * Committed and cancelled writes are not listed as pending.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void pendingWrites_omitCommittedAndCancelledWrites() throws Exception {
    requirePendingWrites();
    try (FileWriter writer = driver().writer("/pending/committed", false)) {
      writer.write(new byte[] {1, 2, 3});
      writer.commit();
    }
    try (FileWriter writer = driver().writer("/pending/cancelled", false)) {
      writer.write(new byte[] {1, 2, 3});
      writer.cancel();
    }
    assertThat(driver().pendingWrites("/")).isEmpty();
    driver().delete("/pending");
  }

  /**
   * The pending writes of a directory are only those below it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void pendingWrites_ofADirectory_listOnlyThoseBelowIt() throws Exception {
    requirePendingWrites();
    leavePending("/pending/x/a", 5);
    leavePending("/pending/x-y/b", 5);
    leavePending("/pending/y", 5);
    assertThat(driver().pendingWrites("/pending/x")).extracting(PendingWrite::path).containsExactly("/pending/x/a");
    assertThat(driver().pendingWrites("/pending")).extracting(PendingWrite::path)
        .containsExactly("/pending/x/a", "/pending/x-y/b", "/pending/y");
    assertThat(driver().pendingWrites("/nothing/here")).isEmpty();
    driver().purgePendingWrites("/", dayAhead());
  }

  /**
   * Purging removes the writes older than the instant given, so resuming them starts empty.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void purgePendingWrites_removesOlderWrites_soNothingIsLeftToResume() throws Exception {
    requirePendingWrites();
    leavePending("/pending/old", 10);
    assertThat(driver().purgePendingWrites("/", dayAhead())).extracting(PendingWrite::path)
        .containsExactly("/pending/old");
    assertThat(driver().pendingWrites("/")).isEmpty();
    if (driver().capabilities().contains(Capability.RESUMABLE_APPEND)) {
      try (FileWriter writer = driver().writer("/pending/old", true)) {
        assertThat(writer.size()).as("size of a resumed write after its purge").isZero();
        writer.cancel();
      }
    }
  }

  /**
   * Purging keeps the writes changed after the instant given.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void purgePendingWrites_keepsNewerWrites() throws Exception {
    requirePendingWrites();
    leavePending("/pending/new", 10);
    assertThat(driver().purgePendingWrites("/", dayAgo())).isEmpty();
    assertThat(driver().pendingWrites("/")).extracting(PendingWrite::path).containsExactly("/pending/new");
    driver().purgePendingWrites("/", dayAhead());
  }

  /**
   * Purging a directory keeps the pending writes outside it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void purgePendingWrites_ofADirectory_keepsWritesElsewhere() throws Exception {
    requirePendingWrites();
    leavePending("/pending/x/a", 5);
    leavePending("/pending/xy", 5);
    assertThat(driver().purgePendingWrites("/pending/x", dayAhead())).extracting(PendingWrite::path)
        .containsExactly("/pending/x/a");
    assertThat(driver().pendingWrites("/")).extracting(PendingWrite::path).containsExactly("/pending/xy");
    driver().purgePendingWrites("/", dayAhead());
  }

  /**
   * Purging never changes committed content.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void purgePendingWrites_neverTouchesCommittedContent() throws Exception {
    requirePendingWrites();
    byte[] committed = Fixtures.randomBytes(100, 7);
    driver().putContent("/pending/file", committed);
    leavePending("/pending/file", 10);
    driver().purgePendingWrites("/", dayAhead());
    assertThat(driver().getContent("/pending/file")).isEqualTo(committed);
    driver().delete("/pending");
  }

  /**
   * Purging the write of a writer still open makes its next write or commit fail with a typed error and leaves
   * nothing at the path; a driver that holds the bytes until commit may instead commit exactly what was written.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void purgePendingWrites_ofAnOpenWriter_makesItsCommitFail() throws Exception {
    requirePendingWrites();
    StorageDriver d = driver();
    try (FileWriter writer = d.writer("/pending/open", false)) {
      writer.write(new byte[] {1, 2, 3});
      writer.flush();
      d.purgePendingWrites("/", dayAhead());
      Throwable failure = catchThrowable(() -> {
        writer.write(new byte[] {4});
        writer.commit();
      });
      if (failure == null) {
        // A driver that keeps the open writer's bytes in memory until commit may commit them whole; it must
        // then hold exactly what the writer wrote, never a mix with what the purge removed.
        assertThat(d.getContent("/pending/open")).containsExactly(1, 2, 3, 4);
        d.delete("/pending");
      } else {
        assertThat(failure).isInstanceOf(StorageDriverException.class);
        Fixtures.assertPathNotFound(d, "/pending/open", () -> d.stat("/pending/open"));
      }
    }
    d.purgePendingWrites("/", dayAhead());
  }

  /**
   * A driver that does not declare {@code PENDING_WRITES} rejects both calls with {@code
   * UnsupportedMethodException}.
   */
  @Test
  default void pendingWrites_withoutCapability_areUnsupported() {
    assumeFalse(driver().capabilities().contains(Capability.PENDING_WRITES), "driver declares PENDING_WRITES");
    assertThat(catchThrowable(() -> driver().pendingWrites("/"))).isInstanceOf(UnsupportedMethodException.class);
    assertThat(catchThrowable(() -> driver().purgePendingWrites("/", dayAhead())))
        .isInstanceOf(UnsupportedMethodException.class);
  }
}
