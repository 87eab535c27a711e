package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.StorageDriver;
import org.junit.jupiter.api.Test;

/** {@code delete}: a file, or a directory and everything below it, and nothing else. */
public interface DeleteContract extends DriverContract {

  /**
   * Deleting a file removes it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void delete_file_removesIt() throws Exception {
    StorageDriver d = driver();
    d.putContent("/file", new byte[] {1});
    d.delete("/file");
    Fixtures.assertPathNotFound(d, "/file", () -> d.getContent("/file"));
  }

  /**
   * Deleting a directory removes every file and directory below it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void delete_directory_removesEverythingBelow() throws Exception {
    StorageDriver d = driver();
    d.putContent("/dir/a", new byte[] {1});
    d.putContent("/dir/sub/b", new byte[] {1});
    d.putContent("/dir/sub/deeper/c", new byte[] {1});
    d.delete("/dir");
    Fixtures.assertPathNotFound(d, "/dir", () -> d.stat("/dir"));
    Fixtures.assertPathNotFound(d, "/dir/sub/deeper/c", () -> d.getContent("/dir/sub/deeper/c"));
    assertThat(d.list("/")).isEmpty();
  }

  /**
   * Deleting a path that holds nothing throws {@code PathNotFoundException}.
   */
  @Test
  default void delete_ofMissingPath_throwsPathNotFound() {
    Fixtures.assertPathNotFound(driver(), "/missing", () -> driver().delete("/missing"));
  }

  /**
   * Deleting one file of three leaves the other two; deleting their directory then removes them.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void delete_oneOfThreeFiles_thenTheFolder() throws Exception {
    StorageDriver d = driver();
    d.putContent("/folder/file1", new byte[] {1});
    d.putContent("/folder/file2", new byte[] {2});
    d.putContent("/folder/file3", new byte[] {3});
    d.delete("/folder/file2");
    assertThat(d.list("/folder")).containsExactly("/folder/file1", "/folder/file3");
    d.delete("/folder");
    Fixtures.assertPathNotFound(d, "/folder/file1", () -> d.getContent("/folder/file1"));
  }

  /**
   * Deleting {@code /a} leaves {@code /ab}: only paths below it go, not paths that merely share its prefix.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void delete_touchesOnlyTrueSubpaths_notPathsSharingThePrefix() throws Exception {
    StorageDriver d = driver();
    d.putContent("/a", new byte[] {1});
    d.putContent("/ab", new byte[] {2});
    d.putContent("/a-b/file", new byte[] {3});
    d.putContent("/root/dir/file", new byte[] {4});
    d.putContent("/root/dirsuffix/file", new byte[] {5});
    d.delete("/a");
    d.delete("/root/dir");
    assertThat(d.getContent("/ab")).containsExactly(2);
    assertThat(d.getContent("/a-b/file")).containsExactly(3);
    assertThat(d.getContent("/root/dirsuffix/file")).containsExactly(5);
    assertThat(d.list("/root")).containsExactly("/root/dirsuffix");
    d.delete("/ab");
    d.delete("/a-b");
    d.delete("/root");
  }

  /**
   * Deleting the last file of a directory makes the directory disappear (directories are implied).
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void delete_lastFileOfDirectory_directoryDisappears() throws Exception {
    StorageDriver d = driver();
    d.putContent("/dir/sub/file", new byte[] {1});
    d.delete("/dir/sub/file");
    assertThat(d.list("/")).isEmpty();
    Fixtures.assertPathNotFound(d, "/dir", () -> d.stat("/dir"));
  }
}
