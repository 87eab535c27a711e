package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidOffsetException;
import dev.storagedriver.StorageDriver;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code writer} and {@code reader}: streamed writes made visible by commit, and reads from an offset. */
public interface StreamContract extends DriverContract {

  /**
   * What a writer commits, a reader returns, for every payload.
   *
   * @param payload the name of one of the kit's test payloads (empty, one byte, UTF-8, random, 1 MiB, ...)
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"singleByte", "utf8", "random32", "nonUtf8", "oneMiB", "empty"})
  default void writerCommit_thenReader_returnsTheSameBytes(String payload) throws Exception {
    byte[] content = Fixtures.payload(payload);
    Fixtures.write(driver(), "/stream/file", content);
    assertThat(Fixtures.readAll(driver().reader("/stream/file", 0))).isEqualTo(content);
    assertThat(driver().getContent("/stream/file")).isEqualTo(content);
    driver().delete("/stream");
  }

  /**
   * Size from {@link TckSettings#largeStreamSize()}; neither side holds the whole content in memory.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void largeStream_roundTrips_checkedBySha256() throws Exception {
    long size = tckSettings().largeStreamSize();
    MessageDigest written = Fixtures.sha256();
    byte[] block = new byte[1 << 16];
    Random random = new Random(5);
    try (FileWriter writer = driver().writer("/large", false)) {
      for (long left = size; left > 0; left -= block.length) {
        random.nextBytes(block);
        int n = (int) Math.min(block.length, left);
        writer.write(block, 0, n);
        written.update(block, 0, n);
      }
      assertThat(writer.size()).isEqualTo(size);
      writer.commit();
    }
    MessageDigest read = Fixtures.sha256();
    long count = 0;
    try (InputStream in = driver().reader("/large", 0)) {
      for (int n; (n = in.read(block)) > 0; ) {
        read.update(block, 0, n);
        count += n;
      }
    }
    assertThat(count).isEqualTo(size);
    assertThat(read.digest()).isEqualTo(written.digest());
    assertThat(driver().stat("/large").size()).isEqualTo(size);
    driver().delete("/large");
  }

  /**
   * A reader at offset 0 returns the whole content.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void reader_atOffsetZero_returnsWholeContent() throws Exception {
    byte[] content = Fixtures.randomBytes(96, 6);
    driver().putContent("/offset", content);
    assertThat(Fixtures.readAll(driver().reader("/offset", 0))).isEqualTo(content);
    driver().delete("/offset");
  }

  /**
   * A reader at an offset inside the content returns the content from there to the end.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void reader_atMiddleOffset_returnsTheRest() throws Exception {
    byte[] content = Fixtures.randomBytes(96, 7);
    driver().putContent("/offset", content);
    assertThat(Fixtures.readAll(driver().reader("/offset", 32))).isEqualTo(Arrays.copyOfRange(content, 32, 96));
    assertThat(Fixtures.readAll(driver().reader("/offset", 64))).isEqualTo(Arrays.copyOfRange(content, 64, 96));
    driver().delete("/offset");
  }

  /**
   * A reader at the size minus one returns the last byte only.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void reader_atSizeMinusOne_returnsTheLastByte() throws Exception {
    byte[] content = Fixtures.randomBytes(96, 8);
    driver().putContent("/offset", content);
    try (InputStream in = driver().reader("/offset", 95)) {
      assertThat(in.read()).isEqualTo(content[95] & 0xff);
      assertThat(in.read()).isEqualTo(-1);
    }
    driver().delete("/offset");
  }

  /**
   * A reader at exactly the size returns an empty stream.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void reader_atSize_returnsImmediateEndOfStream() throws Exception {
    driver().putContent("/offset", Fixtures.randomBytes(96, 9));
    try (InputStream in = driver().reader("/offset", 96)) {
      assertThat(in.read()).isEqualTo(-1);
    }
    driver().delete("/offset");
  }

  /**
   * A reader at a negative offset throws {@code InvalidOffsetException} giving the offset and the path.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void reader_atNegativeOffset_throwsInvalidOffset_withOffsetAndPath() throws Exception {
    driver().putContent("/offset", Fixtures.randomBytes(96, 10));
    Throwable thrown = catchThrowable(() -> driver().reader("/offset", -1));
    assertThat(thrown).isInstanceOf(InvalidOffsetException.class);
    InvalidOffsetException e = (InvalidOffsetException) thrown;
    assertThat(e.offset()).isEqualTo(-1);
    assertThat(e.path()).hasValue("/offset");
    assertThat(e.driverName()).isEqualTo(driver().name());
    driver().delete("/offset");
  }

  /**
   * Distribution leaves this undefined; this contract makes it an error rather than an empty stream.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void reader_pastTheEnd_throwsInvalidOffset() throws Exception {
    driver().putContent("/offset", Fixtures.randomBytes(96, 11));
    assertThatThrownBy(() -> driver().reader("/offset", 97).close()).isInstanceOf(InvalidOffsetException.class);
    driver().delete("/offset");
  }

  /**
   * A reader of a path that holds nothing throws {@code PathNotFoundException}, at offset 0 or any other.
   */
  @Test
  default void reader_ofMissingPath_throwsPathNotFound_atAnyOffset() {
    Fixtures.assertPathNotFound(driver(), "/missing", () -> driver().reader("/missing", 0).close());
    Fixtures.assertPathNotFound(driver(), "/missing", () -> driver().reader("/missing", 64).close());
  }

  /**
   * Before commit nothing written is visible: not to {@code stat}, {@code list}, {@code getContent}, {@code
   * reader} or {@code walk}.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void writer_beforeCommit_contentIsInvisibleToEveryRead() throws Exception {
    StorageDriver d = driver();
    try (FileWriter writer = d.writer("/pending/file", false)) {
      writer.write(Fixtures.randomBytes(1024, 12));
      Fixtures.assertPathNotFound(d, "/pending/file", () -> d.getContent("/pending/file"));
      Fixtures.assertPathNotFound(d, "/pending/file", () -> d.reader("/pending/file", 0).close());
      Fixtures.assertPathNotFound(d, "/pending/file", () -> d.stat("/pending/file"));
      assertThat(d.list("/")).isEmpty();
      List<String> walked = new ArrayList<>();
      d.walk("/", info -> {
        walked.add(info.path());
        return FileVisitResult.CONTINUE;
      });
      assertThat(walked).isEmpty();
      writer.cancel();
    }
  }

  /**
   * Before commit the previously committed content stays what every read sees.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void writer_beforeCommit_previousContentStaysVisible() throws Exception {
    StorageDriver d = driver();
    byte[] old = Fixtures.randomBytes(100, 13);
    d.putContent("/replace", old);
    try (FileWriter writer = d.writer("/replace", false)) {
      writer.write(Fixtures.randomBytes(200, 14));
      assertThat(d.getContent("/replace")).isEqualTo(old);
      writer.commit();
    }
    assertThat(d.stat("/replace").size()).isEqualTo(200);
    d.delete("/replace");
  }

  /**
   * Cancelling a writer discards what it wrote and keeps the committed content.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void writer_cancel_discardsWrite_andKeepsCommittedContent() throws Exception {
    StorageDriver d = driver();
    byte[] old = Fixtures.randomBytes(100, 15);
    d.putContent("/cancel", old);
    try (FileWriter writer = d.writer("/cancel", false)) {
      writer.write(Fixtures.randomBytes(200, 16));
      writer.cancel();
    }
    assertThat(d.getContent("/cancel")).isEqualTo(old);
    d.delete("/cancel");
  }

  /**
   * Cancelling a writer to a new path leaves nothing at the path or above it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void writer_cancelOfNewPath_leavesNoTrace() throws Exception {
    StorageDriver d = driver();
    try (FileWriter writer = d.writer("/trace/file", false)) {
      writer.write(Fixtures.randomBytes(200, 17));
      writer.cancel();
    }
    Fixtures.assertPathNotFound(d, "/trace/file", () -> d.stat("/trace/file"));
    assertThat(d.list("/")).isEmpty();
  }

  /**
   * A writer's {@code size()} counts the bytes written so far.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void writer_size_countsBytesWritten() throws Exception {
    try (FileWriter writer = driver().writer("/size", false)) {
      assertThat(writer.size()).isZero();
      writer.write(new byte[10]);
      writer.write(7);
      writer.write(new byte[100], 20, 30);
      assertThat(writer.size()).isEqualTo(41);
      writer.cancel();
    }
  }

  /**
   * After commit a writer rejects write, commit and cancel with {@code IllegalStateException}.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void writer_afterCommit_rejectsWriteCommitAndCancel() throws Exception {
    try (FileWriter writer = driver().writer("/done", false)) {
      writer.write(new byte[] {1});
      writer.commit();
      assertThatThrownBy(() -> writer.write(new byte[] {2})).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(writer::cancel).isInstanceOf(IllegalStateException.class);
    }
    assertThat(driver().getContent("/done")).containsExactly(1);
    driver().delete("/done");
  }

  /**
   * After close a writer rejects commit; closing it again does nothing.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void writer_afterClose_rejectsCommit_andCloseTwiceIsHarmless() throws Exception {
    FileWriter writer = driver().writer("/closed", false);
    writer.write(new byte[] {1});
    writer.close();
    writer.close();
    assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
    Fixtures.assertPathNotFound(driver(), "/closed", () -> driver().stat("/closed"));
    if (driver().capabilities().contains(dev.storagedriver.Capability.RESUMABLE_APPEND)) {
      try (FileWriter resumed = driver().writer("/closed", true)) {
        resumed.cancel();
      }
    }
  }
}
