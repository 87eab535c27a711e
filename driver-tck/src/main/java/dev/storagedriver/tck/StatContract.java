package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileInfo;
import dev.storagedriver.StorageDriver;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code stat}: what is at a path. */
public interface StatContract extends DriverContract {

  /**
   * {@code stat} of a path that holds nothing throws {@code PathNotFoundException}.
   */
  @Test
  default void stat_ofMissingPath_throwsPathNotFound() {
    Fixtures.assertPathNotFound(driver(), "/missing", () -> driver().stat("/missing"));
  }

  /**
   * {@code stat} of a file gives its path and size, and says it is not a directory.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void stat_ofFile_givesPathSizeAndNotDirectory() throws Exception {
    driver().putContent("/dir/file", Fixtures.randomBytes(123, 41));
    FileInfo info = driver().stat("/dir/file");
    assertThat(info.path()).isEqualTo("/dir/file");
    assertThat(info.size()).isEqualTo(123);
    assertThat(info.isDirectory()).isFalse();
    driver().delete("/dir");
  }

  /**
   * {@code stat} of a directory says it is one, of size 0.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void stat_ofDirectory_givesDirectoryOfSizeZero() throws Exception {
    driver().putContent("/dir/file", Fixtures.randomBytes(123, 42));
    FileInfo info = driver().stat("/dir");
    assertThat(info.path()).isEqualTo("/dir");
    assertThat(info.isDirectory()).isTrue();
    assertThat(info.size()).isZero();
    driver().delete("/dir");
  }

  /**
   * Distribution's 2015 OSS driver called {@code /a} a directory as soon as {@code /ab} existed.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void stat_ofPrefixOfAnotherPath_isNotFound() throws Exception {
    driver().putContent("/ab", new byte[] {1});
    driver().putContent("/ac/file", new byte[] {1});
    Fixtures.assertPathNotFound(driver(), "/a", () -> driver().stat("/a"));
    driver().delete("/ab");
    driver().delete("/ac");
  }

  /**
   * A file's modification time is close to the time it was committed.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void stat_modTime_isNearNow() throws Exception {
    Instant before = Instant.now().minus(Duration.ofMinutes(1));
    driver().putContent("/time", new byte[] {1});
    Instant modTime = driver().stat("/time").modTime();
    assertThat(modTime).isAfter(before).isBefore(Instant.now().plus(Duration.ofMinutes(1)));
    driver().delete("/time");
  }

  /**
   * Waits {@link TckSettings#modTimeGranularity()} between the writes.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void stat_modTime_advancesWhenContentIsRewritten() throws Exception {
    StorageDriver d = driver();
    d.putContent("/time", new byte[] {1});
    Instant first = d.stat("/time").modTime();
    Thread.sleep(tckSettings().modTimeGranularity().toMillis() + 50);
    d.putContent("/time", new byte[] {2});
    assertThat(d.stat("/time").modTime()).isAfter(first);
    d.delete("/time");
  }
}
