package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.cli.CliHarness.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ls, stat, tree, walk, du, url: read-only commands over a filesystem backend with a few files. */
class BrowseCommandsTest {
  @TempDir
  Path dir;

  private CliHarness cli;
  private String config;

  @BeforeEach
  void storeAFewFiles() throws Exception {
    cli = new CliHarness(dir);
    config = cli.filesystem("store").toString();
    assertThat(cli.runWithInput("hello\n", "--config", config, "put", "-", "/docs/a.txt").code()).isZero();
    assertThat(cli.runWithInput("0123456789", "--config", config, "put", "-", "/docs/sub/b.bin").code()).isZero();
  }

  @Test
  void ls_printsChildrenOnePerLine() {
    Result r = cli.run("--config", config, "ls", "/docs");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("/docs/a.txt\n/docs/sub\n".replace("\n", System.lineSeparator()));
  }

  @Test
  void ls_long_showsTypeAndSize() {
    Result r = cli.run("--config", config, "ls", "-l", "/docs");
    assertThat(r.out()).containsPattern("- +6 \\S+ /docs/a.txt").containsPattern("d +0 \\S+ /docs/sub");
  }

  @Test
  void ls_ofMissingPath_exitsNotFound_withOneLine() {
    Result r = cli.run("--config", config, "ls", "/nope");
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.err()).startsWith("storagedriver: ").contains("/nope").hasLineCount(1);
  }

  @Test
  void ls_withInvalidPath_isAUsageError_withOneLine() {
    Result r = cli.run("--config", config, "ls", "relative");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("storagedriver: ").contains("must start with '/'").hasLineCount(1);
  }

  @Test
  void pathEndingInSlash_isAUsageError() {
    Result r = cli.run("--config", config, "ls", "/docs/");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("must not end with '/'").hasLineCount(1);
  }

  @Test
  void rejectedPath_isPrintedWithItsControlCharactersEscaped() {
    Result r = cli.run("--config", config, "ls", "/evil\u001b[2Jname");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("/evil\\x1B[2Jname").doesNotContain("\u001b").hasLineCount(1);
  }

  @Test
  void ls_long_humanReadable_showsUnits() {
    Result r = cli.run("--config", config, "ls", "-l", "-h", "/docs/sub");
    assertThat(r.out()).containsPattern("- +10 B \\S+ /docs/sub/b.bin");
  }

  @Test
  void walk_sizes_humanReadable_showsUnits() {
    Result r = cli.run("--config", config, "walk", "--sizes", "-h", "/docs/sub");
    assertThat(r.out().lines()).containsExactly("/docs/sub/b.bin\t10 B");
  }

  @Test
  void tree_ofMissingPath_printsNothing_beforeTheError() {
    Result r = cli.run("--config", config, "tree", "/nope");
    assertThat(r.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).hasLineCount(1);
  }

  @Test
  void du_ofOneFile_saysFileInTheSingular() {
    Result r = cli.run("--config", config, "du", "/docs/a.txt");
    assertThat(r.out()).isEqualTo("6\t1 file\t/docs/a.txt" + System.lineSeparator());
  }

  @Test
  void stat_ofFile_showsTypeAndSize() {
    Result r = cli.run("--config", config, "stat", "/docs/sub/b.bin");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("type:     file").contains("size:     10 (10 B)");
  }

  @Test
  void stat_withoutPath_isAUsageError() {
    Result r = cli.run("--config", config, "stat");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Missing required parameter").contains("stat --help");
  }

  @Test
  void tree_indentsByDepth() {
    Result r = cli.run("--config", config, "tree", "/docs");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).containsExactly("/docs", "  a.txt  6 B", "  sub/", "    b.bin  10 B");
  }

  @Test
  void walk_printsEveryPathInWalkOrder_directoriesWithSlash() {
    Result r = cli.run("--config", config, "walk", "--sizes", "/");
    assertThat(r.out().lines()).containsExactly("/docs/", "/docs/a.txt\t6", "/docs/sub/", "/docs/sub/b.bin\t10");
  }

  @Test
  void du_sumsSizesAndCountsFiles() {
    Result r = cli.run("--config", config, "du", "/docs");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("16\t2 files\t/docs" + System.lineSeparator());
  }

  @Test
  void url_onDriverWithoutRedirects_exitsFailure_sayingSo() {
    Result r = cli.run("--config", config, "url", "/docs/a.txt");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.err()).contains("offers no redirect URLs").hasLineCount(1);
  }

  @Test
  void url_withUnknownMethod_isAUsageError() {
    Result r = cli.run("--config", config, "url", "--method", "PUT", "/docs/a.txt");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void walk_ofAFile_printsTheFile_ratherThanNotFound() {
    Result r = cli.run("--config", config, "walk", "--sizes", "/docs/a.txt");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("/docs/a.txt\t6" + System.lineSeparator());
  }

  @Test
  void aNameWithABidiOverride_isPrintedWithTheOverrideEscaped_soItCannotReorderWhatIsShown() {
    // shown raw, "invoice\u202Efdp.exe" reads as "invoiceexe.pdf"
    String name = "/docs/invoice\u202Efdp.exe";
    cli.runWithInput("x", "--config", config, "put", "-", name);
    Result ls = cli.run("--config", config, "ls", "/docs");
    assertThat(ls.out()).contains("/docs/invoice\\u202Efdp.exe").doesNotContain("\u202E");
    assertThat(cli.run("--config", config, "walk", "/docs").out()).contains("/docs/invoice\\u202Efdp.exe")
        .doesNotContain("\u202E");
  }

  @Test
  void aNameWithBidiIsolates_isPrintedEscaped_butJsonCarriesTheRealName() throws Exception {
    String name = "/docs/a\u2067b\u2069c";
    cli.runWithInput("x", "--config", config, "put", "-", name);
    assertThat(cli.run("--config", config, "walk", "/docs").out()).contains("/docs/a\\u2067b\\u2069c");
    String json = cli.run("--config", config, "stat", "--json", name).out();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("path").asText())
        .isEqualTo(name);
  }

  @Test
  void aNameWithJoinersAndRightToLeftText_isPrintedAsItIs() {
    String name = "/docs/\uD83D\uDC69\u200D\uD83D\uDCBB \u05E9\u05DC\u05D5\u05DD \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
    cli.runWithInput("x", "--config", config, "put", "-", name);
    assertThat(cli.run("--config", config, "ls", "/docs").out()).contains(name);
  }
}
