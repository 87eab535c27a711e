package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.StorageDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code getContent} and {@code putContent}: whole-content reads and writes. */
public interface ContentContract extends DriverContract {

  /**
   * {@code getContent} returns exactly what {@code putContent} stored, for empty, binary and multi-MiB payloads.
   *
   * @param payload the name of one of the kit's test payloads (empty, one byte, UTF-8, random, 1 MiB, ...)
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"singleByte", "utf8", "random32", "nonUtf8", "oneMiB", "empty"})
  default void putContent_thenGetContent_returnsTheSameBytes(String payload) throws Exception {
    byte[] content = Fixtures.payload(payload);
    driver().putContent("/content/file", content);
    assertThat(driver().getContent("/content/file")).isEqualTo(content);
    driver().delete("/content");
  }

  /**
   * {@code putContent} over larger content replaces it whole: the old tail is gone.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void putContent_overSmallerContent_truncates() throws Exception {
    StorageDriver d = driver();
    d.putContent("/truncate", Fixtures.randomBytes(1 << 20, 1));
    byte[] small = Fixtures.randomBytes(1024, 2);
    d.putContent("/truncate", small);
    assertThat(d.getContent("/truncate")).isEqualTo(small);
    assertThat(d.stat("/truncate").size()).isEqualTo(1024);
    d.delete("/truncate");
  }

  /**
   * Of two {@code putContent} calls to one path, the second one's content remains.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void putContent_repeated_lastContentWins() throws Exception {
    StorageDriver d = driver();
    d.putContent("/repeat/file", Fixtures.randomBytes(4096, 3));
    byte[] second = Fixtures.randomBytes(2048, 4);
    d.putContent("/repeat/file", second);
    assertThat(d.getContent("/repeat/file")).isEqualTo(second);
    d.delete("/repeat");
  }

  /**
   * {@code putContent} makes every directory above the file exist.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void putContent_createsParentDirectories() throws Exception {
    StorageDriver d = driver();
    d.putContent("/a/b/c/file", new byte[] {7});
    assertThat(d.stat("/a").isDirectory()).isTrue();
    assertThat(d.stat("/a/b/c").isDirectory()).isTrue();
    d.delete("/a");
  }

  /**
   * {@code getContent} of a path that holds nothing throws {@code PathNotFoundException} naming it.
   */
  @Test
  default void getContent_ofMissingPath_throwsPathNotFound() {
    Fixtures.assertPathNotFound(driver(), "/missing", () -> driver().getContent("/missing"));
  }

  /**
   * {@code getContent} of a directory throws {@code PathNotFoundException}: there is no file there.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void getContent_ofDirectory_throwsPathNotFound() throws Exception {
    driver().putContent("/dir/file", new byte[] {1});
    Fixtures.assertPathNotFound(driver(), "/dir", () -> driver().getContent("/dir"));
    driver().delete("/dir");
  }

  /**
   * {@code putContent} below a path that is a file either fails with {@code CONFLICT} and changes nothing (a file
   * system cannot hold both), or, where the store can hold both (an object store's keys {@code f} and {@code
   * f/below}), keeps both readable and visible: {@code stat} gives the file, {@code list} of it what lies below,
   * and a walk visits the file and then what lies below it. Nothing written is hidden from a walk.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void putContent_belowAFile_conflictsOrKeepsBothVisible() throws Exception {
    StorageDriver d = driver();
    byte[] file = Fixtures.randomBytes(16, 40);
    byte[] below = Fixtures.randomBytes(8, 41);
    d.putContent("/shape/f", file);
    try {
      Throwable thrown = catchThrowable(() -> d.putContent("/shape/f/below", below));
      assertThat(d.getContent("/shape/f")).isEqualTo(file);
      assertThat(d.stat("/shape/f").isDirectory()).isFalse();
      assertThat(d.list("/shape")).containsExactly("/shape/f");
      if (thrown != null) {
        assertConflict(thrown);
        Fixtures.assertPathNotFound(d, "/shape/f/below", () -> d.getContent("/shape/f/below"));
        assertThat(Fixtures.walked(d, "/")).containsExactly("/shape/", "/shape/f");
      } else {
        assertThat(d.getContent("/shape/f/below")).isEqualTo(below);
        assertThat(d.list("/shape/f")).containsExactly("/shape/f/below");
        assertThat(Fixtures.walked(d, "/")).containsExactly("/shape/", "/shape/f", "/shape/f/below");
      }
    } finally {
      Fixtures.deleteIfPresent(d, "/shape");
    }
  }

  /**
   * {@code putContent} at a path that is a directory either fails with {@code CONFLICT} and changes nothing, or,
   * where the store can hold both, keeps both readable and visible, as {@link
   * #putContent_belowAFile_conflictsOrKeepsBothVisible} describes: {@code stat} then gives the file.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void putContent_atADirectory_conflictsOrKeepsBothVisible() throws Exception {
    StorageDriver d = driver();
    byte[] inside = Fixtures.randomBytes(16, 42);
    byte[] file = Fixtures.randomBytes(8, 43);
    d.putContent("/shape/d/inside", inside);
    try {
      Throwable thrown = catchThrowable(() -> d.putContent("/shape/d", file));
      assertThat(d.getContent("/shape/d/inside")).isEqualTo(inside);
      assertThat(d.list("/shape")).containsExactly("/shape/d");
      assertThat(d.list("/shape/d")).containsExactly("/shape/d/inside");
      if (thrown != null) {
        assertConflict(thrown);
        assertThat(d.stat("/shape/d").isDirectory()).isTrue();
        Fixtures.assertPathNotFound(d, "/shape/d", () -> d.getContent("/shape/d"));
        assertThat(Fixtures.walked(d, "/")).containsExactly("/shape/", "/shape/d/", "/shape/d/inside");
      } else {
        assertThat(d.getContent("/shape/d")).isEqualTo(file);
        assertThat(d.stat("/shape/d").isDirectory()).isFalse();
        assertThat(Fixtures.walked(d, "/")).containsExactly("/shape/", "/shape/d", "/shape/d/inside");
      }
    } finally {
      Fixtures.deleteIfPresent(d, "/shape");
    }
  }

  private static void assertConflict(Throwable thrown) {
    assertThat(thrown).isInstanceOf(DriverException.class);
    assertThat(((DriverException) thrown).code()).as("error code").isEqualTo(ErrorCode.CONFLICT);
  }
}
