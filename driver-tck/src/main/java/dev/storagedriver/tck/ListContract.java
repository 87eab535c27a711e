package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.StorageDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code list}: the direct children of a directory. */
public interface ListContract extends DriverContract {

  /**
   * {@code list} of a path that holds nothing throws {@code PathNotFoundException}.
   */
  @Test
  default void list_ofMissingPath_throwsPathNotFound() {
    Fixtures.assertPathNotFound(driver(), "/missing", () -> driver().list("/missing"));
  }

  /**
   * {@code list} shows direct children only, one level of a nested tree at a time.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void list_nestedDirectories_showsOneLevelEach() throws Exception {
    StorageDriver d = driver();
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String file = "/root/parent/file" + String.format("%02d", i);
      files.add(file);
      d.putContent(file, new byte[] {(byte) i});
    }
    assertThat(d.list("/")).containsExactly("/root");
    assertThat(d.list("/root")).containsExactly("/root/parent");
    assertThat(d.list("/root/parent")).containsExactlyElementsOf(files);
    d.delete("/root");
  }

  /**
   * {@code list} returns the absolute paths of files and directories alike, sorted.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void list_returnsSortedAbsolutePaths_ofFilesAndDirectories() throws Exception {
    StorageDriver d = driver();
    d.putContent("/dir/b", new byte[] {1});
    d.putContent("/dir/a/x", new byte[] {1});
    d.putContent("/dir/c.d", new byte[] {1});
    d.putContent("/dir/a-b", new byte[] {1});
    assertThat(d.list("/dir")).containsExactly("/dir/a", "/dir/a-b", "/dir/b", "/dir/c.d");
    d.delete("/dir");
  }

  /**
   * {@code list} of a file throws {@code PathNotFoundException}: there is no directory there.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void list_ofFile_throwsPathNotFound() throws Exception {
    driver().putContent("/file", new byte[] {1});
    Fixtures.assertPathNotFound(driver(), "/file", () -> driver().list("/file"));
    driver().delete("/file");
  }

  /**
   * {@code list("/a")} does not show {@code /ab}, which only shares its prefix.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void list_ofDirectory_excludesPathsThatOnlyShareItsPrefix() throws Exception {
    StorageDriver d = driver();
    d.putContent("/a/inner", new byte[] {1});
    d.putContent("/ab/other", new byte[] {1});
    d.putContent("/abc", new byte[] {1});
    assertThat(d.list("/a")).containsExactly("/a/inner");
    assertThat(d.list("/")).containsExactly("/a", "/ab", "/abc");
    d.delete("/a");
    d.delete("/ab");
    d.delete("/abc");
  }
}
