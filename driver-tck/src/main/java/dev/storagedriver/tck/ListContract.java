package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.StorageDriver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code list}: the direct children of a directory. */
public interface ListContract extends DriverContract {

  @Test
  default void list_ofMissingPath_throwsPathNotFound() {
    Fixtures.assertPathNotFound(driver(), "/missing", () -> driver().list("/missing"));
  }

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

  @Test
  default void list_ofFile_throwsPathNotFound() throws Exception {
    driver().putContent("/file", new byte[] {1});
    Fixtures.assertPathNotFound(driver(), "/file", () -> driver().list("/file"));
    driver().delete("/file");
  }

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
