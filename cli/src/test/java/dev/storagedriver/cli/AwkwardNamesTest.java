package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.cli.CliHarness.Result;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's done-when for the CLI: a tree of real-world names goes from a filesystem store to OSS (the emulator)
 * and back byte for byte with matching counts, and rm deletes exactly what it announced.
 *
 * <p>It depends on the drivers carrying every valid name (the filesystem driver's reversible on-disk escapes, on
 * main since its issue-11 merge; the oss driver's UTF-8 keys and listings). Where a driver does not carry a name,
 * this test fails, naming it: that is the point of it.
 */
class AwkwardNamesTest {
  /** Spaces, scripts, emoji above U+FFFF, NFC and NFD of one letter, URL and shell specials, escape look-alikes. */
  private static final List<String> NAMES = List.of(
      "plain.txt", "bad name.txt", " leading space", "trailing space ", "ünï.txt", "日本語のファイル.txt",
      "emoji 😀🎉.bin", "مرحبا.txt", "привет.txt", "नमस्ते.txt", "caf\u00e9 NFC", "cafe\u0301 NFD", "100%.txt",
      "%2F", "%41", "a+b&c=d?e#f@g", "back\\slash", "quote'\"", "$HOME", "~tmp", "~uploads", "name~tmp",
      "UPPER.txt", "upper.txt", "dir with space/sub ü/file 1", "dir with space/~tmp/x", "-dash", "semi;colon",
      "tab-free ⟨brackets⟩");

  @TempDir
  Path dir;

  private OssEmulator oss;
  private CliHarness cli;
  private String local;
  private String bucket;
  private String back;

  @BeforeEach
  void aTreeOfAwkwardNames_inAFilesystemStore() throws Exception {
    oss = OssEmulator.builder().bucket("names-bucket").build().start();
    cli = new CliHarness(dir);
    local = cli.filesystem("local").toString();
    back = cli.filesystem("back").toString();
    bucket = cli.oss(oss, "names-bucket", "").toString();
    for (String name : NAMES) {
      Result put = cli.runWithInput("content of " + name, "--config", local, "put", "-", "/names/" + name);
      assertThat(put.code()).as("put " + name + ": " + put.err()).isZero();
    }
  }

  @AfterEach
  void stopTheEmulator() {
    oss.close();
  }

  private List<String> files(String config, String root) {
    Result walk = cli.run("--config", config, "walk", "--include", "**", root);
    assertThat(walk.code()).as(walk.err()).isZero();
    return walk.out().lines().map(p -> p.substring(root.length() + 1)).toList();
  }

  @Test
  void syncToOssAndBack_isByteIdentical_withMatchingCounts() {
    assertThat(files(local, "/names")).as("every name listed").hasSameElementsAs(NAMES);

    Result up = cli.run("--config", local, "sync", "-q", "/names", "/names", "--to-config", bucket);
    assertThat(up.code()).as(up.out() + up.err()).isZero();
    assertThat(up.out()).contains("copied " + NAMES.size() + " files").contains(", 0 failed");
    assertThat(files(bucket, "/names")).hasSameElementsAs(NAMES);

    Result down = cli.run("--config", bucket, "sync", "-q", "/names", "/names", "--to-config", back);
    assertThat(down.code()).as(down.out() + down.err()).isZero();
    assertThat(down.out()).contains("copied " + NAMES.size() + " files").contains(", 0 failed");
    for (String name : NAMES) {
      assertThat(cli.runBytes("--config", back, "cat", "/names/" + name)).as(name)
          .isEqualTo(("content of " + name).getBytes(StandardCharsets.UTF_8));
    }
    Result again = cli.run("--config", local, "sync", "-q", "--checksum", "/names", "/names", "--to-config", back);
    assertThat(again.out()).contains("copied 0 files").contains("skipped " + NAMES.size() + " unchanged");
  }

  @Test
  void rm_deletesExactlyWhatItAnnounced() {
    assertThat(cli.run("--config", local, "sync", "-q", "/names", "/names", "--to-config", bucket).code()).isZero();
    for (String config : List.of(local, bucket)) {
      Result dry = cli.run("--config", config, "rm", "--dry-run", "/names");
      assertThat(dry.out()).contains("would delete " + NAMES.size() + " files");
      Result rm = cli.run("--config", config, "rm", "--yes", "/names");
      assertThat(rm.code()).as(rm.out() + rm.err()).isZero();
      assertThat(rm.out()).contains("deleted " + NAMES.size() + " files below /names");
      assertThat(cli.run("--config", config, "stat", "/names").code()).isEqualTo(ExitCodes.NOT_FOUND);
    }
  }
}
