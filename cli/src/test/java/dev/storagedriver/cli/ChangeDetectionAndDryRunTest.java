package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storagedriver.cli.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cp and sync: size and time by default, --checksum, --size-only; --dry-run counts what the real run does. */
class ChangeDetectionAndDryRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private CliHarness cli;
  private String source;
  private String target;

  @BeforeEach
  void aSyncedTree() throws Exception {
    cli = new CliHarness(dir);
    source = cli.filesystem("source").toString();
    target = cli.filesystem("target").toString();
    for (int i = 0; i < 5; i++) {
      cli.runWithInput("content " + i, "--config", source, "put", "-", "/t/f" + i);
    }
    assertThat(cli.run("--config", source, "sync", "/t", "/t", "--to-config", target).code()).isZero();
  }

  /** Rewrites a source file with other bytes of the same length, and sets its time (on disk, the driver's time). */
  private void changeKeepingTheSize(String name, Instant time) throws Exception {
    cli.runWithInput("CONTENT 0", "--config", source, "put", "-", "/t/" + name);
    Files.setLastModifiedTime(dir.resolve("source/t/" + name), FileTime.from(time));
  }

  private String sync(String... options) {
    List<String> args = new ArrayList<>(List.of("--config", source, "sync", "-q", "--to-config", target));
    args.addAll(List.of(options));
    args.addAll(List.of("/t", "/t"));
    return cli.run(args.toArray(String[]::new)).out();
  }

  @Test
  void byDefault_aSameSizeFileChangedAfterTheCopy_isCopiedAgain() throws Exception {
    changeKeepingTheSize("f0", Instant.now().plusSeconds(3600));
    assertThat(sync()).contains("copied 1 file (").contains("skipped 4 unchanged")
        .contains("compared by size and modification time");
    assertThat(cli.run("--config", target, "cat", "/t/f0").out()).isEqualTo("CONTENT 0");
  }

  @Test
  void sizeOnly_skipsASameSizeChange_andSaysSo() throws Exception {
    changeKeepingTheSize("f0", Instant.now().plusSeconds(3600));
    assertThat(sync("--size-only")).contains("copied 0 files").contains("skipped 5 unchanged")
        .contains("compared by size only");
  }

  @Test
  void checksum_findsASameSizeChange_thatTheTimesHide() throws Exception {
    changeKeepingTheSize("f0", Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(sync()).contains("copied 0 files").contains("skipped 5 unchanged");
    assertThat(sync("--checksum")).contains("copied 1 file (").contains("skipped 4 unchanged")
        .contains("compared by SHA-256 checksum of both sides");
    assertThat(cli.run("--config", target, "cat", "/t/f0").out()).isEqualTo("CONTENT 0");
  }

  @Test
  void checksumAndSizeOnly_together_isAUsageError() {
    Result r = cli.run("--config", source, "sync", "--checksum", "--size-only", "/t", "/t", "--to-config", target);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void dryRun_countsWhatTheRealRunDoes_andChangesNothing() throws Exception {
    changeKeepingTheSize("f1", Instant.now().plusSeconds(3600));
    cli.runWithInput("new", "--config", source, "put", "-", "/t/new/a");
    cli.runWithInput("new", "--config", source, "put", "-", "/t/new/b");
    cli.runWithInput("stray", "--config", target, "put", "-", "/t/stray");
    Result dry = cli.run("--config", source, "sync", "--delete", "--dry-run", "/t", "/t", "--to-config", target);
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("would copy /t/new/a (3 B)").contains("would delete /t/stray")
        .contains("dry run: would copy 3 files (15 B), skip 4 unchanged, delete 1 file");
    assertThat(cli.run("--config", target, "cat", "/t/stray").out()).isEqualTo("stray");
    assertThat(cli.run("--config", target, "stat", "/t/new").code()).isEqualTo(ExitCodes.NOT_FOUND);

    JsonNode wouldDo = JSON.readTree(cli.run("--config", source, "sync", "--delete", "--dry-run", "--json", "/t",
        "/t", "--to-config", target).out());
    JsonNode did = JSON.readTree(cli.run("--config", source, "sync", "--delete", "--yes", "--json", "/t", "/t",
        "--to-config", target).out());
    assertThat(wouldDo.get("dryRun").asBoolean()).isTrue();
    for (String count : new String[] {"planned", "copied", "skipped", "failed", "deleted", "bytes"}) {
      assertThat(did.get(count).asLong()).as(count).isEqualTo(wouldDo.get(count).asLong());
    }
    assertThat(did.get("copied").asInt()).isEqualTo(3);
    assertThat(did.get("deleted").asInt()).isEqualTo(1);
  }

  @Test
  void syncDelete_withoutATerminal_andWithoutYes_refusesBeforeCopyingAnything() {
    cli.runWithInput("new", "--config", source, "put", "-", "/t/new");
    cli.runWithInput("stray", "--config", target, "put", "-", "/t/stray");
    Result r = cli.run("--config", source, "sync", "--delete", "/t", "/t", "--to-config", target);
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("delete 1 file (5 B) below /t that /t lacks").contains("--yes");
    assertThat(cli.run("--config", target, "stat", "/t/new").code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli.run("--config", target, "stat", "/t/stray").code()).isZero();
  }

  @Test
  void syncDelete_onATerminal_asks_andDeletesOnYes() {
    cli.runWithInput("stray", "--config", target, "put", "-", "/t/stray");
    Result r = cli.runOnTerminal("yes\n", "--config", source, "sync", "--delete", "/t", "/t", "--to-config",
        target);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("delete 1 file (5 B) below /t that /t lacks, after copying? [y/N]");
    assertThat(r.out()).contains("deleted 1 file");
    assertThat(cli.run("--config", target, "stat", "/t/stray").code()).isEqualTo(ExitCodes.NOT_FOUND);
  }
}
