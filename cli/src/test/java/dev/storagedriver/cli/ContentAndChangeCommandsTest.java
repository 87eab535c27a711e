package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.cli.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cat, put, get, rm, mv through the entry point. */
class ContentAndChangeCommandsTest {
  @TempDir
  Path dir;

  private CliHarness cli;
  private String config;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    config = cli.filesystem("store").toString();
  }

  @Test
  void put_fromLocalFile_thenCat_givesTheBytes() throws Exception {
    Path local = Files.writeString(dir.resolve("local.txt"), "from a file");
    assertThat(cli.run("--config", config, "put", local.toString(), "/f.txt").err()).contains("stored /f.txt");
    Result r = cli.run("--config", config, "cat", "/f.txt");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("from a file");
  }

  @Test
  void put_fromStdin_optionsAfterTheCommandWorkToo() {
    assertThat(cli.runWithInput("piped", "put", "-", "/p.txt", "--config", config).code()).isZero();
    assertThat(cli.run("cat", "/p.txt", "--config", config).out()).isEqualTo("piped");
  }

  @Test
  void put_ofMissingLocalFile_exitsNotFound() {
    Result r = cli.run("--config", config, "put", dir.resolve("absent").toString(), "/x");
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.err()).contains("local file").hasLineCount(1);
  }

  @Test
  void put_withOneArgument_isAUsageError() {
    assertThat(cli.run("--config", config, "put", "/only").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void cat_atOffset_givesTheRest() {
    cli.runWithInput("0123456789", "--config", config, "put", "-", "/n");
    assertThat(cli.run("--config", config, "cat", "--offset", "7", "/n").out()).isEqualTo("789");
  }

  @Test
  void cat_withNonNumericOffset_isAUsageError() {
    assertThat(cli.run("--config", config, "cat", "--offset", "x", "/n").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void get_toLocalFile_writesTheContent() throws Exception {
    cli.runWithInput("payload", "--config", config, "put", "-", "/d/file.bin");
    Path target = dir.resolve("out.bin");
    Result r = cli.run("--config", config, "get", "/d/file.bin", target.toString());
    assertThat(r.code()).isZero();
    assertThat(Files.readString(target)).isEqualTo("payload");
  }

  @Test
  void get_intoLocalDirectory_keepsTheName() throws Exception {
    cli.runWithInput("payload", "--config", config, "put", "-", "/d/file.bin");
    assertThat(cli.run("--config", config, "get", "/d/file.bin", dir.toString()).code()).isZero();
    assertThat(dir.resolve("file.bin")).hasContent("payload");
  }

  @Test
  void get_ofMissingPath_exitsNotFound_andWritesNothing() {
    Result r = cli.run("--config", config, "get", "/missing", dir.resolve("never").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void rm_withYes_deletesTheTree() {
    cli.runWithInput("a", "--config", config, "put", "-", "/t/a");
    cli.runWithInput("b", "--config", config, "put", "-", "/t/sub/b");
    assertThat(cli.run("--config", config, "rm", "--yes", "/t").code()).isZero();
    assertThat(cli.run("--config", config, "stat", "/t").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void rm_onATerminal_asksFirst_andDeletesOnYes() {
    cli.runWithInput("a", "--config", config, "put", "-", "/t/a");
    Result r = cli.runOnTerminal("y\n", "--config", config, "rm", "/t");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("delete 1 file (1 B) below /t? [y/N]");
    assertThat(r.out()).contains("deleted 1 file below /t");
    assertThat(cli.run("--config", config, "stat", "/t").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void rm_onATerminal_withoutYesForAnswer_deletesNothing() {
    cli.runWithInput("a", "--config", config, "put", "-", "/t/a");
    Result r = cli.runOnTerminal("n\n", "--config", config, "rm", "/t");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("not confirmed; nothing deleted");
    assertThat(cli.run("--config", config, "cat", "/t/a").out()).isEqualTo("a");
  }

  @Test
  void rm_withoutATerminal_andWithoutYes_refuses_deletingNothing() {
    cli.runWithInput("a", "--config", config, "put", "-", "/t/a");
    Result r = cli.runWithInput("y\n", "--config", config, "rm", "/t");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("no terminal to ask").contains("--yes").hasLineCount(1);
    assertThat(cli.run("--config", config, "cat", "/t/a").out()).isEqualTo("a");
  }

  @Test
  void rm_dryRun_announcesTheCountOfTheRealRun_andDeletesNothing() {
    cli.runWithInput("a", "--config", config, "put", "-", "/t/a");
    cli.runWithInput("bb", "--config", config, "put", "-", "/t/sub/b");
    cli.runWithInput("ccc", "--config", config, "put", "-", "/t/sub/c.log");
    Result dry = cli.run("--config", config, "rm", "--dry-run", "/t");
    assertThat(dry.code()).isZero();
    assertThat(dry.out()).contains("would delete /t/sub/b").contains("would delete 3 files (6 B) below /t");
    assertThat(cli.run("--config", config, "walk", "/t").out().lines()).hasSize(4);
    Result real = cli.run("--config", config, "rm", "--yes", "/t");
    assertThat(real.out()).contains("deleted 3 files below /t");
  }

  @Test
  void rm_withExclude_deletesOnlyTheSelectedFiles() {
    cli.runWithInput("a", "--config", config, "put", "-", "/t/a.log");
    cli.runWithInput("b", "--config", config, "put", "-", "/t/sub/b.txt");
    Result r = cli.run("--config", config, "rm", "--yes", "--exclude", "*.txt", "/t");
    assertThat(r.out()).contains("deleted 1 file below /t");
    assertThat(cli.run("--config", config, "walk", "/t").out().lines()).containsExactly("/t/sub/", "/t/sub/b.txt");
  }

  @Test
  void cat_withNegativeOffset_isAUsageError() {
    cli.runWithInput("0123456789", "--config", config, "put", "-", "/n");
    Result r = cli.run("--config", config, "cat", "--offset", "-1", "/n");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--offset").hasLineCount(1);
  }

  @Test
  void cat_ofADirectory_saysItIsADirectory() {
    cli.runWithInput("a", "--config", config, "put", "-", "/t/a");
    Result r = cli.run("--config", config, "cat", "/t");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("/t is a directory").hasLineCount(1);
  }

  @Test
  void get_withoutArguments_namesOnlyTheRequiredPath() {
    Result r = cli.run("--config", config, "get");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'PATH'").doesNotContain("DESTINATION");
  }

  @Test
  void put_dryRun_storesNothing() throws Exception {
    Path local = Files.writeString(dir.resolve("local.txt"), "12345");
    Result r = cli.run("--config", config, "put", "--dry-run", local.toString(), "/f.txt");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("would store").contains("(5 B) at /f.txt");
    assertThat(cli.run("--config", config, "stat", "/f.txt").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void mv_dryRun_listsTheMoves_andMovesNothing() {
    cli.runWithInput("1", "--config", config, "put", "-", "/old/a");
    cli.runWithInput("2", "--config", config, "put", "-", "/old/deep/b");
    Result r = cli.run("--config", config, "mv", "--dry-run", "/old", "/new");
    assertThat(r.out().lines()).containsExactly("would move /old/a to /new/a", "would move /old/deep/b to /new/deep/b");
    assertThat(r.err()).contains("would move 2 files");
    assertThat(cli.run("--config", config, "stat", "/new").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void rm_ofMissingPath_exitsNotFound() {
    assertThat(cli.run("--config", config, "rm", "-y", "/missing").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void mv_file_movesIt() {
    cli.runWithInput("m", "--config", config, "put", "-", "/from");
    assertThat(cli.run("--config", config, "mv", "/from", "/to/here").code()).isZero();
    assertThat(cli.run("--config", config, "cat", "/to/here").out()).isEqualTo("m");
    assertThat(cli.run("--config", config, "stat", "/from").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void mv_directory_movesEveryFileBelowIt() {
    cli.runWithInput("1", "--config", config, "put", "-", "/old/a");
    cli.runWithInput("2", "--config", config, "put", "-", "/old/deep/b");
    assertThat(cli.run("--config", config, "mv", "/old", "/new").code()).isZero();
    assertThat(cli.run("--config", config, "walk", "/").out().lines())
        .containsExactly("/new/", "/new/a", "/new/deep/", "/new/deep/b");
  }

  @Test
  void mv_intoItself_isAUsageError() {
    cli.runWithInput("1", "--config", config, "put", "-", "/old/a");
    assertThat(cli.run("--config", config, "mv", "/old", "/old/inner").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void put_ontoADirectory_isAUsageError_andKeepsWhatIsBelowIt() {
    cli.runWithInput("inside", "--config", config, "put", "-", "/dir/inside");
    Result r = cli.runWithInput("over", "--config", config, "put", "-", "/dir");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("/dir is a directory").hasLineCount(1);
    assertThat(cli.run("--config", config, "cat", "/dir/inside").out()).isEqualTo("inside");
  }

  @Test
  void mv_ofAFileOntoADirectory_movesItInside_asCpDoes() {
    cli.runWithInput("f", "--config", config, "put", "-", "/f");
    cli.runWithInput("inside", "--config", config, "put", "-", "/dir/inside");
    Result r = cli.run("--config", config, "mv", "/f", "/dir");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(cli.run("--config", config, "cat", "/dir/f").out()).isEqualTo("f");
    assertThat(cli.run("--config", config, "stat", "/f").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void mv_ofADirectoryOntoAFile_isAUsageError_movingNothing() {
    cli.runWithInput("f", "--config", config, "put", "-", "/f");
    cli.runWithInput("inside", "--config", config, "put", "-", "/dir/inside");
    Result r = cli.run("--config", config, "mv", "/dir", "/f");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("/f is a file").hasLineCount(1);
    assertThat(cli.run("--config", config, "cat", "/dir/inside").out()).isEqualTo("inside");
  }

  @Test
  void get_ofAFileWithTheLongestName_intoALocalDirectory_keepsTheName() throws Exception {
    String name = "n".repeat(255);
    cli.runWithInput("long", "--config", config, "put", "-", "/" + name);
    Path local = Files.createDirectories(dir.resolve("downloads"));
    Result r = cli.run("--config", config, "get", "/" + name, local.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(local.resolve(name))).isEqualTo("long");
    try (var left = Files.list(local)) {
      assertThat(left).as("no temporary file left").hasSize(1);
    }
  }

  @Test
  void mv_thatFailsPartWay_saysHowManyFilesMoved_andKeepsTheExitCodeOfTheFailure() throws Exception {
    cli.runWithInput("1", "--config", config, "put", "-", "/src/a");
    cli.runWithInput("2", "--config", config, "put", "-", "/src/b");
    cli.runWithInput("blocker", "--config", config, "put", "-", "/dst/b/x"); // /dst/b is a directory: b cannot land
    Result r = cli.run("--config", config, "mv", "/src", "/dst");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("moved 1 of 2 files from /src to /dst, then /src/b: ").hasLineCount(1);
    assertThat(cli.run("--config", config, "cat", "/dst/a").out()).isEqualTo("1");
    assertThat(cli.run("--config", config, "cat", "/src/b").out()).isEqualTo("2");
  }
}
