package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storagedriver.Capability;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.UnsupportedMethodException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code writer(path, true)}: resuming an uncommitted write ({@link Capability#RESUMABLE_APPEND}). */
public interface AppendContract extends DriverContract {

  private void requireAppend() {
    assumeTrue(driver().capabilities().contains(Capability.RESUMABLE_APPEND),
        "driver does not declare RESUMABLE_APPEND; resume uncommitted writes in writer(path, true) and declare it "
            + "to run this test");
  }

  private void appendInThreeSessions(StorageDriver first, StorageDriver later, int chunkSize) throws Exception {
    byte[][] chunks = {
      Fixtures.randomBytes(chunkSize, 21), Fixtures.randomBytes(chunkSize, 22), Fixtures.randomBytes(chunkSize, 23)
    };
    try (FileWriter writer = first.writer("/append/file", false)) {
      writer.write(chunks[0]);
      assertThat(writer.size()).isEqualTo(chunkSize);
    }
    try (FileWriter writer = later.writer("/append/file", true)) {
      assertThat(writer.size()).as("size after resuming").isEqualTo(chunkSize);
      writer.write(chunks[1]);
      assertThat(writer.size()).isEqualTo(2L * chunkSize);
    }
    Fixtures.assertPathNotFound(later, "/append/file", () -> later.stat("/append/file"));
    try (FileWriter writer = later.writer("/append/file", true)) {
      assertThat(writer.size()).as("size after resuming twice").isEqualTo(2L * chunkSize);
      writer.write(chunks[2]);
      writer.commit();
    }
    byte[] expected = Fixtures.concat(chunks);
    assertThat(later.stat("/append/file").size()).isEqualTo(expected.length);
    assertThat(later.getContent("/append/file")).isEqualTo(expected);
    later.delete("/append");
  }

  /**
   * A write resumed twice with {@code append = true}, in chunks of 32 bytes, commits the three chunks in order.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void append_continuedOverThreeSessions_smallChunks() throws Exception {
    requireAppend();
    appendInThreeSessions(driver(), driver(), 32);
  }

  /**
   * As the small-chunk test, in chunks of {@link TckSettings#appendChunkSize()}: larger than an object store's
   * minimum part, so every session uploads whole parts.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void append_continuedOverThreeSessions_multiChunk() throws Exception {
    requireAppend();
    appendInThreeSessions(driver(), driver(), tckSettings().appendChunkSize());
  }

  /**
   * An uncommitted write survives a restart: a driver from {@link StorageDriverTck#reopen} resumes it. Skipped
   * when the test class does not override {@code reopen}.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void append_resumesFromNewDriverInstance() throws Exception {
    requireAppend();
    Optional<StorageDriver> second = reopenedDriver();
    assumeTrue(second.isPresent(),
        "the test class does not override reopen(StorageDriver); do so to test resuming after a restart");
    appendInThreeSessions(driver(), second.get(), 32);
  }

  /**
   * Appending to content committed empty through a writer extends it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void append_afterZeroByteCommittedStream_extendsIt() throws Exception {
    requireAppend();
    try (FileWriter writer = driver().writer("/zero", false)) {
      writer.commit();
    }
    assertThat(driver().stat("/zero").size()).isZero();
    byte[] more = Fixtures.randomBytes(32, 24);
    try (FileWriter writer = driver().writer("/zero", true)) {
      assertThat(writer.size()).isZero();
      writer.write(more);
      writer.commit();
    }
    assertThat(driver().getContent("/zero")).isEqualTo(more);
    driver().delete("/zero");
  }

  /**
   * Appending to content put empty with {@code putContent} extends it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void append_afterEmptyPutContent_extendsIt() throws Exception {
    requireAppend();
    driver().putContent("/zero", new byte[0]);
    byte[] more = Fixtures.randomBytes(32, 25);
    try (FileWriter writer = driver().writer("/zero", true)) {
      writer.write(more);
      writer.commit();
    }
    assertThat(driver().getContent("/zero")).isEqualTo(more);
    driver().delete("/zero");
  }

  /**
   * Distribution leaves this undefined; this contract refuses it so committed data is never mixed up.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void append_toNonEmptyCommittedContent_throwsConflict_andKeepsContent() throws Exception {
    requireAppend();
    byte[] content = Fixtures.randomBytes(32, 26);
    driver().putContent("/full", content);
    Throwable thrown = catchThrowable(() -> driver().writer("/full", true).close());
    assertThat(thrown).isInstanceOf(DriverException.class);
    assertThat(((DriverException) thrown).code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(driver().getContent("/full")).isEqualTo(content);
    driver().delete("/full");
  }

  /**
   * Appending to a path that holds nothing starts an empty write.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void append_ofMissingPath_startsEmpty() throws Exception {
    requireAppend();
    try (FileWriter writer = driver().writer("/fresh", true)) {
      assertThat(writer.size()).isZero();
      writer.write(new byte[] {9});
      writer.commit();
    }
    assertThat(driver().getContent("/fresh")).containsExactly(9);
    driver().delete("/fresh");
  }

  /**
   * A writer opened with {@code append = false} discards an uncommitted write to the same path.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void writerWithoutAppend_discardsPendingUncommittedWrite() throws Exception {
    requireAppend();
    try (FileWriter writer = driver().writer("/restart", false)) {
      writer.write(Fixtures.randomBytes(64, 27));
    }
    byte[] fresh = Fixtures.randomBytes(16, 28);
    try (FileWriter writer = driver().writer("/restart", false)) {
      assertThat(writer.size()).isZero();
      writer.write(fresh);
    }
    try (FileWriter writer = driver().writer("/restart", true)) {
      assertThat(writer.size()).as("only the second write remains pending").isEqualTo(16);
      writer.commit();
    }
    assertThat(driver().getContent("/restart")).isEqualTo(fresh);
    driver().delete("/restart");
  }

  /**
   * A driver that does not declare {@code RESUMABLE_APPEND} rejects {@code writer(path, true)} with {@code
   * UnsupportedMethodException}.
   */
  @Test
  default void append_withoutCapability_throwsUnsupportedMethod() {
    assumeFalse(driver().capabilities().contains(Capability.RESUMABLE_APPEND),
        "driver declares RESUMABLE_APPEND; the resume tests cover it");
    assertThat(catchThrowable(() -> driver().writer("/x", true))).isInstanceOf(UnsupportedMethodException.class);
  }
}
