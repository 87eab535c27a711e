package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.cli.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cp and sync between two filesystem backends: parallel, skipping unchanged files, summarised. */
class CopyCommandsTest {
  @TempDir
  Path dir;

  private CliHarness cli;
  private String source;
  private String target;

  @BeforeEach
  void twoBackendsWithATreeInTheFirst() throws Exception {
    cli = new CliHarness(dir);
    source = cli.filesystem("source").toString();
    target = cli.filesystem("target").toString();
    for (int i = 0; i < 12; i++) {
      cli.runWithInput("file " + i, "--config", source, "put", "-", "/tree/d" + (i % 3) + "/f" + i);
    }
  }

  @Test
  void sync_copiesTheWholeTree_andSummarises() {
    Result r = cli.run("--config", source, "sync", "/tree", "/copy", "--to-config", target, "-j", "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("planned 12 files").contains("copied  /copy/d0/f0")
        .contains("copied 12 files (").contains("skipped 0 unchanged, 0 failed");
    assertThat(cli.run("--config", target, "cat", "/copy/d2/f11").out()).isEqualTo("file 11");
  }

  @Test
  void sync_again_skipsUnchangedFiles_andCopiesOnlyTheRest() {
    cli.run("--config", source, "sync", "/tree", "/copy", "--to-config", target);
    cli.runWithInput("changed size", "--config", source, "put", "-", "/tree/d0/f0");
    Result r = cli.run("--config", source, "sync", "/tree", "/copy", "--to-config", target);
    assertThat(r.out()).contains("copied 1 file (").contains("skipped 11 unchanged")
        .contains("compared by size and modification time");
    assertThat(cli.run("--config", target, "cat", "/copy/d0/f0").out()).isEqualTo("changed size");
  }

  @Test
  void sync_withDelete_removesWhatTheSourceLacks() {
    cli.runWithInput("stray", "--config", target, "put", "-", "/copy/stray");
    Result r = cli.run("--config", source, "sync", "--delete", "--yes", "-q", "/tree", "/copy", "--to-config",
        target);
    assertThat(r.code()).isZero();
    assertThat(r.out()).doesNotContain("copied  ").contains("deleted 1 file");
    assertThat(cli.run("--config", target, "stat", "/copy/stray").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void sync_ofAFile_isAUsageError() {
    Result r = cli.run("--config", source, "sync", "/tree/d0/f0", "/x");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("use cp for a file");
  }

  @Test
  void sync_toUnreadableConfig_exitsConfig() {
    Result r = cli.run("--config", source, "sync", "/tree", "/x", "--to-config", dir.resolve("none.conf").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("does not exist").hasLineCount(1);
  }

  @Test
  void cp_file_withinOneBackend() {
    Result r = cli.run("--config", source, "cp", "/tree/d1/f1", "/single");
    assertThat(r.code()).isZero();
    assertThat(cli.run("--config", source, "cat", "/single").out()).isEqualTo("file 1");
  }

  @Test
  void cp_fileOntoDirectory_landsInside() {
    cli.runWithInput("x", "--config", target, "put", "-", "/dir/existing");
    assertThat(cli.run("--config", source, "cp", "/tree/d1/f1", "/dir", "--to-config", target).code()).isZero();
    assertThat(cli.run("--config", target, "cat", "/dir/f1").out()).isEqualTo("file 1");
  }

  @Test
  void cp_directoryWithoutRecursive_isAUsageError() {
    Result r = cli.run("--config", source, "cp", "/tree", "/x");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("use cp -r");
  }

  @Test
  void cp_recursive_force_copiesEvenUnchangedFiles() {
    cli.run("--config", source, "cp", "-r", "/tree", "/", "--to-config", target);
    Result r = cli.run("--config", source, "cp", "-r", "--force", "/tree", "/", "--to-config", target);
    assertThat(r.out()).contains("copied 12 files").contains("skipped 0 unchanged");
    assertThat(cli.run("--config", target, "cat", "/d0/f3").out()).isEqualTo("file 3");
  }

  @Test
  void cp_force_ontoItself_skipsTheFile_leavingItIntact() {
    Result r = cli.run("--config", source, "cp", "--force", "/tree/d0/f0", "/tree/d0/f0");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("copied 0 files").contains("skipped 1 unchanged");
    assertThat(cli.run("--config", source, "cat", "/tree/d0/f0").out()).isEqualTo("file 0");
  }

  @Test
  void cp_ofMissingSource_exitsNotFound() {
    assertThat(cli.run("--config", source, "cp", "/nope", "/x").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void cp_withZeroParallel_isAUsageError() {
    assertThat(cli.run("--config", source, "cp", "-j", "0", "/tree/d0/f0", "/x").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void progressBar_onATerminal_drawsOnStandardError() throws Exception {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int code = Main.run(new Io(java.io.InputStream.nullInputStream(), new java.io.PrintStream(out, true),
        new java.io.PrintStream(err, true), true), "--config", source, "sync", "/tree", "/bar", "--to-config", target);
    assertThat(code).isZero();
    assertThat(err.toString()).contains("100%").contains("12/12 files");
    assertThat(out.toString()).doesNotContain("copied  ").contains("copied 12 files");
    assertThat(Files.exists(dir.resolve("target/bar/d0/f0"))).isTrue();
  }

  @Test
  void cpRecursive_ontoAFile_isAUsageError_inOneLine_copyingNothing() {
    cli.runWithInput("a file", "--config", target, "put", "-", "/file");
    Result r = cli.run("--config", source, "cp", "-r", "/tree", "/file", "--to-config", target);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("/file is a file").hasLineCount(1);
    assertThat(cli.run("--config", target, "cat", "/file").out()).isEqualTo("a file");
  }

  @Test
  void sync_ontoAFile_isAUsageError() {
    cli.runWithInput("a file", "--config", target, "put", "-", "/file");
    Result r = cli.run("--config", source, "sync", "--delete", "--yes", "/tree", "/file", "--to-config", target);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cli.run("--config", target, "cat", "/file").out()).isEqualTo("a file");
  }

  @Test
  void syncWithDelete_whoseDeletesFail_reportsEachOne_andSummarisesWhatWasDone() throws Exception {
    cli.runWithInput("stray 1", "--config", target, "put", "-", "/copy/stray1");
    cli.runWithInput("stray 2", "--config", target, "put", "-", "/copy/stray2");
    String refusing = cli.config("refusing.conf", java.nio.file.Files.readString(Path.of(target)).replace("}",
        ", layers = [{ name = faults, operations = [delete], errorrate = 1.0 }] }")).toString();
    Result r = cli.run("--config", source, "sync", "--delete", "--yes", "-q", "/tree", "/copy", "--to-config",
        refusing);
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("cannot delete /copy/stray1").contains("cannot delete /copy/stray2");
    assertThat(r.out()).contains("copied 12 files").contains("2 failed");
    assertThat(cli.run("--config", target, "cat", "/copy/d0/f0").out()).isEqualTo("file 0");
  }

  @Test
  void sync_ofAnEmptyFile_copiesIt_andTheNextRunSkipsIt() {
    cli.runWithInput("", "--config", source, "put", "-", "/tree/empty");
    Result first = cli.run("--config", source, "sync", "-q", "/tree", "/copy", "--to-config", target);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("copied 13 files");
    assertThat(cli.run("--config", target, "stat", "--json", "/copy/empty").out()).contains("\"size\":0");
    Result second = cli.run("--config", source, "sync", "-q", "/tree", "/copy", "--to-config", target);
    assertThat(second.out()).contains("copied 0 files").contains("skipped 13 unchanged");
  }

  @Test
  void sync_toAConfigWithoutADriver_exitsConfig_inTheRegistrysWords() throws Exception {
    String noDriver = cli.config("nodriver.conf", "storagedriver { filesystem.rootdirectory = \"x\" }").toString();
    Result r = cli.run("--config", source, "sync", "/tree", "/copy", "--to-config", noDriver);
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("storagedriver.driver").doesNotContain("No configuration setting").hasLineCount(1);
  }
}
