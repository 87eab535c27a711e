package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.cli.CliHarness.Result;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cp -r, sync and mv where SOURCE and DESTINATION are trees of one store, one inside the other: copying would
 * overwrite files still to be read and sync --delete would delete the source, so the copies are refused (as rclone
 * refuses overlapping remotes); mv, which can do it safely, moves every file without overwriting one still to move.
 */
class OverlappingTreesTest {
  @TempDir
  Path dir;

  private CliHarness cli;
  private String store;

  @BeforeEach
  void aNestedTree() throws Exception {
    cli = new CliHarness(dir);
    store = cli.filesystem("store").toString();
    put("/a/b/x", "original x");
    put("/a/b/b/x", "nested x");
    put("/a/y", "y");
  }

  private void put(String path, String content) {
    assertThat(cli.runWithInput(content, "--config", store, "put", "-", path).code()).isZero();
  }

  private String cat(String path) {
    return cli.run("--config", store, "cat", path).out();
  }

  private String walk() {
    return cli.run("--config", store, "walk", "--sizes", "/").out();
  }

  @Test
  void syncWithDelete_fromASubtreeToItsParent_isRefused_andDeletesNothing() {
    String before = walk();
    Result r = cli.run("--config", store, "sync", "--delete", "--yes", "/a/b", "/a");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("overlap");
    assertThat(walk()).isEqualTo(before);
  }

  @Test
  void cpRecursive_fromASubtreeToItsParent_isRefused_andOverwritesNothing() {
    String before = walk();
    Result r = cli.run("--config", store, "cp", "-r", "-j", "1", "/a/b", "/a");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(cat("/a/b/x")).isEqualTo("original x");
    assertThat(walk()).isEqualTo(before);
  }

  @Test
  void cpRecursive_intoItsOwnSubtree_isRefused() {
    String before = walk();
    Result r = cli.run("--config", store, "cp", "-r", "/a", "/a/b");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("overlap");
    assertThat(walk()).isEqualTo(before);
  }

  @Test
  void sync_ofTheRootIntoADirectoryOfTheSameStore_isRefused() {
    Result r = cli.run("--config", store, "sync", "/", "/backup");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("--config", store, "stat", "/backup").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void syncWithDelete_toConfigNamingTheSameStore_isRefused() throws Exception {
    String same = cli.config("same.conf", Files.readString(Path.of(store))).toString();
    String before = walk();
    Result r = cli.run("--config", store, "sync", "--delete", "--yes", "/a/b", "/a", "--to-config", same);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(walk()).isEqualTo(before);
  }

  @Test
  void syncWithDelete_toAStoreRootedInsideTheSource_isRefused() throws Exception {
    // the destination's root is the source's /a: its / is the source's /a
    String inner = cli.config("inner.conf", "storagedriver { driver = filesystem, filesystem.rootdirectory = \""
        + dir.resolve("store").resolve("a").toString().replace("\\", "/") + "\" }").toString();
    String before = walk();
    Result r = cli.run("--config", store, "sync", "--delete", "--yes", "/a/b", "/", "--to-config", inner);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(walk()).isEqualTo(before);
  }

  @Test
  void sync_ofATreeOntoItself_skipsEveryFile() {
    String before = walk();
    Result r = cli.run("--config", store, "sync", "--delete", "--yes", "/a", "/a");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("copied 0 files").contains("skipped 3 unchanged");
    assertThat(walk()).isEqualTo(before);
  }

  @Test
  void sync_betweenSiblingTrees_ofOneStore_copies() {
    Result r = cli.run("--config", store, "sync", "/a/b", "/a-copy");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(cat("/a-copy/x")).isEqualTo("original x");
    assertThat(cat("/a-copy/b/x")).isEqualTo("nested x");
  }

  @Test
  void mv_ofASubtreeToItsParent_keepsEveryFilesContent() {
    Result r = cli.run("--config", store, "mv", "/a/b", "/a");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(cat("/a/x")).isEqualTo("original x");
    assertThat(cat("/a/b/x")).isEqualTo("nested x");
    assertThat(cat("/a/y")).isEqualTo("y");
  }

  @Test
  void sync_betweenTwoServersWithBucketsOfOneName_copiesEveryFile_ratherThanFindingThemTheSame() throws Exception {
    try (OssEmulator first = OssEmulator.builder().bucket("registry").build().start();
        OssEmulator second = OssEmulator.builder().bucket("registry").build().start()) {
      Path one = cli.oss(first, "registry", "");
      Path other = cli.config("other.conf", Files.readString(one).replace(first.endpoint(), second.endpoint()));
      assertThat(cli.run("--config", store, "sync", "/a", "/a", "--to-config", one.toString()).code()).isZero();
      Result r = cli.run("--config", one.toString(), "sync", "/", "/", "--to-config", other.toString());
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("copied 3 files");
      assertThat(cli.run("--config", other.toString(), "cat", "/a/b/x").out()).isEqualTo("original x");
    }
  }
}
