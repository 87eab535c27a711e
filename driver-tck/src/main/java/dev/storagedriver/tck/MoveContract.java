package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import org.junit.jupiter.api.Test;

/** {@code move}: a file to a new path, replacing what was there. */
public interface MoveContract extends DriverContract {

  /**
   * Moving a file puts its content at the destination and removes the source.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void move_file_contentArrivesAndSourceIsGone() throws Exception {
    StorageDriver d = driver();
    byte[] content = Fixtures.randomBytes(32, 31);
    d.putContent("/src/file", content);
    d.move("/src/file", "/dst/dir/file");
    assertThat(d.getContent("/dst/dir/file")).isEqualTo(content);
    Fixtures.assertPathNotFound(d, "/src/file", () -> d.getContent("/src/file"));
    d.delete("/dst");
  }

  /**
   * A file moved into a new subdirectory of a directory just listed and read arrives there: a driver that keeps
   * state per directory (open handles, a cache) must not lose it to the new directory.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void move_intoANewSubdirectoryOfADirectoryJustRead_arrives() throws Exception {
    StorageDriver d = driver();
    byte[] content = Fixtures.randomBytes(32, 32);
    d.putContent("/src/file", content);
    d.putContent("/src/other/file", new byte[] {1});
    d.list("/src");
    d.stat("/src/other/file");
    d.move("/src/file", "/src/new/file");
    assertThat(d.getContent("/src/new/file")).isEqualTo(content);
    assertThat(d.list("/src")).containsExactly("/src/new", "/src/other");
    d.delete("/src");
  }

  /**
   * Moving the last file out of a directory makes the directory disappear.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void move_lastFileOfDirectory_directoryDisappears() throws Exception {
    StorageDriver d = driver();
    d.putContent("/src/deep/file", new byte[] {1});
    d.move("/src/deep/file", "/dst");
    assertThat(d.list("/")).containsExactly("/dst");
    d.delete("/dst");
  }

  /**
   * Moving onto an existing file replaces its content.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void move_overExistingFile_replacesIt() throws Exception {
    StorageDriver d = driver();
    byte[] content = Fixtures.randomBytes(32, 32);
    d.putContent("/src", content);
    d.putContent("/dst", Fixtures.randomBytes(64, 33));
    d.move("/src", "/dst");
    assertThat(d.getContent("/dst")).isEqualTo(content);
    assertThat(d.stat("/dst").size()).isEqualTo(32);
    Fixtures.assertPathNotFound(d, "/src", () -> d.stat("/src"));
    d.delete("/dst");
  }

  /**
   * Moving from a path that holds nothing throws {@code PathNotFoundException} and leaves the destination as it
   * was.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void move_ofMissingSource_throwsPathNotFound_andLeavesDestinationUntouched() throws Exception {
    StorageDriver d = driver();
    byte[] content = Fixtures.randomBytes(32, 34);
    d.putContent("/dst", content);
    Fixtures.assertPathNotFound(d, "/missing", () -> d.move("/missing", "/dst"));
    assertThat(d.getContent("/dst")).isEqualTo(content);
    d.delete("/dst");
  }

  /**
   * Moving from below a file (a path that cannot exist) fails with a typed error.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void move_ofSourceUnderAFile_fails() throws Exception {
    StorageDriver d = driver();
    d.putContent("/notadir", Fixtures.randomBytes(32, 35));
    assertThat(catchThrowable(() -> d.move("/notadir/foo", "/notadir/bar")))
        .isInstanceOf(StorageDriverException.class);
    assertThat(d.getContent("/notadir")).isEqualTo(Fixtures.randomBytes(32, 35));
    d.delete("/notadir");
  }

  /**
   * Moving a file onto itself leaves it as it is.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void move_ontoItself_keepsTheFile() throws Exception {
    StorageDriver d = driver();
    byte[] content = Fixtures.randomBytes(32, 36);
    d.putContent("/same", content);
    d.move("/same", "/same");
    assertThat(d.getContent("/same")).isEqualTo(content);
    d.delete("/same");
  }
}
