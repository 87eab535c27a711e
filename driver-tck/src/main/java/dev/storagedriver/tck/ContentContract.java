package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;

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
}
