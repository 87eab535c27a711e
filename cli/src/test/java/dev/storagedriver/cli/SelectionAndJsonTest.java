package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storagedriver.cli.CliHarness.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --include / --exclude on ls, walk, du, cp, sync; --json output parses, with the documented fields. */
class SelectionAndJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private CliHarness cli;
  private String config;
  private String other;

  @BeforeEach
  void aTreeOfTextAndLogFiles() throws Exception {
    cli = new CliHarness(dir);
    config = cli.filesystem("store").toString();
    other = cli.filesystem("other").toString();
    for (String path : List.of("/t/a.txt", "/t/b.log", "/t/logs/c.log", "/t/logs/keep.txt", "/t/sub/d.txt")) {
      assertThat(cli.runWithInput(path, "--config", config, "put", "-", path).code()).isZero();
    }
  }

  private List<String> walk(String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "--config";
    args[1] = config;
    args[2] = "walk";
    System.arraycopy(options, 0, args, 3, options.length);
    args[args.length - 1] = "/t";
    return cli.run(args).out().lines().toList();
  }

  @Test
  void include_alone_takesOnlyWhatMatches_atAnyDepth() {
    assertThat(walk("--include", "*.txt")).containsExactly("/t/a.txt", "/t/logs/keep.txt", "/t/sub/d.txt");
  }

  @Test
  void exclude_alone_leavesOutWhatMatches() {
    assertThat(walk("--exclude", "*.log")).containsExactly("/t/a.txt", "/t/logs/keep.txt", "/t/sub/d.txt");
  }

  @Test
  void theLastMatchingRuleDecides() {
    assertThat(walk("--exclude", "logs/**", "--include", "logs/keep.txt"))
        .containsExactly("/t/a.txt", "/t/b.log", "/t/logs/keep.txt", "/t/sub/d.txt");
    assertThat(walk("--include", "logs/keep.txt", "--exclude", "logs/**")).isEmpty();
  }

  @Test
  void aGlobWithASlash_matchesTheWholeRelativePath() {
    assertThat(walk("--include", "sub/*")).containsExactly("/t/sub/d.txt");
    assertThat(walk("--include", "/*.txt")).containsExactly("/t/a.txt");
  }

  @Test
  void ls_filtersChildrenByName() {
    Result r = cli.run("--config", config, "ls", "--exclude", "*.log", "--exclude", "logs", "/t");
    assertThat(r.out().lines()).containsExactly("/t/a.txt", "/t/sub");
  }

  @Test
  void du_countsOnlySelectedFiles() {
    Result r = cli.run("--config", config, "du", "--include", "*.log", "/t");
    assertThat(r.out()).startsWith("21\t2 files\t/t");
  }

  @Test
  void sync_copiesOnlySelectedFiles() {
    Result r = cli.run("--config", config, "sync", "--exclude", "*.log", "/t", "/t", "--to-config", other, "-q");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("copied 3 files");
    assertThat(cli.run("--config", other, "walk", "--include", "*", "/").out().lines())
        .containsExactly("/t/a.txt", "/t/logs/keep.txt", "/t/sub/d.txt");
  }

  @Test
  void syncDelete_keepsExcludedDestinationFiles() {
    cli.runWithInput("x", "--config", other, "put", "-", "/t/stray.txt");
    cli.runWithInput("x", "--config", other, "put", "-", "/t/kept.log");
    Result r = cli.run("--config", config, "sync", "--delete", "--yes", "--exclude", "*.log", "/t", "/t",
        "--to-config", other, "-q");
    assertThat(r.out()).contains("deleted 1 file");
    assertThat(cli.run("--config", other, "stat", "/t/kept.log").code()).isZero();
    assertThat(cli.run("--config", other, "stat", "/t/stray.txt").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void cp_recursive_withInclude() {
    Result r = cli.run("--config", config, "cp", "-r", "--include", "*.log", "/t", "/c", "-q");
    assertThat(r.out()).contains("copied 2 files");
  }

  @Test
  void badGlob_isAUsageError() {
    assertThat(cli.run("--config", config, "walk", "--include", "{a,b", "/t").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void ls_json_givesOneObjectPerEntry() throws Exception {
    Result r = cli.run("--config", config, "ls", "--json", "/t");
    List<JsonNode> entries = r.out().lines().map(SelectionAndJsonTest::parse).toList();
    assertThat(entries).extracting(e -> e.get("path").asText())
        .containsExactly("/t/a.txt", "/t/b.log", "/t/logs", "/t/sub");
    JsonNode file = entries.get(0);
    assertThat(file.get("type").asText()).isEqualTo("file");
    assertThat(file.get("size").asLong()).isEqualTo(8);
    assertThat(java.time.Instant.parse(file.get("modified").asText())).isNotNull();
    assertThat(entries.get(2).get("type").asText()).isEqualTo("directory");
  }

  @Test
  void walk_json_listsFilesAndDirectories() {
    Result r = cli.run("--config", config, "walk", "--json", "/t/logs");
    assertThat(r.out().lines().map(SelectionAndJsonTest::parse).map(e -> e.get("path").asText() + " "
        + e.get("type").asText())).containsExactly("/t/logs/c.log file", "/t/logs/keep.txt file");
  }

  @Test
  void du_and_stat_json() {
    JsonNode du = parse(cli.run("--config", config, "du", "--json", "/t").out().strip());
    assertThat(du.get("files").asLong()).isEqualTo(5);
    assertThat(du.get("bytes").asLong()).isEqualTo(8 + 8 + 13 + 16 + 12);
    JsonNode stat = parse(cli.run("--config", config, "stat", "--json", "/t/a.txt").out().strip());
    assertThat(stat.get("size").asLong()).isEqualTo(8);
  }

  @Test
  void sync_json_printsOnlyTheSummaryObject() {
    Result r = cli.run("--config", config, "sync", "--json", "/t", "/t", "--to-config", other);
    assertThat(r.out().lines()).hasSize(1);
    JsonNode s = parse(r.out().strip());
    assertThat(s.get("command").asText()).isEqualTo("sync");
    assertThat(s.get("copied").asInt()).isEqualTo(5);
    assertThat(s.get("bytes").asLong()).isEqualTo(57);
    assertThat(s.get("compare").asText()).isEqualTo("size-and-modtime");
    assertThat(s.get("dryRun").asBoolean()).isFalse();
    assertThat(s.get("interrupted").asBoolean()).isFalse();
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  @Test
  void anUnclosedBrace_isAUsageError_namingTheGlob_inOneLineOfItsOwn() {
    Result r = cli.run("--config", config, "ls", "--include", "{a,b", "/t");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("storagedriver: glob {a,b: unclosed '{'").doesNotContain("invoke")
        .doesNotContain("Exception");
  }

  @Test
  void aReversedRange_isAUsageError_namingTheGlob() {
    Result r = cli.run("--config", config, "walk", "--exclude", "[z-a]", "/t");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("storagedriver: glob [z-a]: ").doesNotContain("invoke")
        .doesNotContain("Exception");
  }
}
