package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.cli.CliHarness.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An uncommitted write at a copy's destination cannot be read to check it, so only a write this tool kept for the
 * same, unchanged source is resumed: resuming another program's upload, or a kept write of a file that changed
 * since, would commit its bytes followed by the rest of the source, a file equal to nothing.
 */
class ResumeOnlyOwnWritesTest {
  private static final int SIZE = 3 << 20;

  @TempDir
  Path dir;

  private CliHarness cli;
  private Path source;
  private Path target;
  private byte[] content;

  @BeforeEach
  void aLargeFileInTheSource() throws Exception {
    cli = new CliHarness(dir);
    source = cli.filesystem("source");
    target = cli.filesystem("target");
    content = new byte[SIZE];
    new Random(5).nextBytes(content);
    Files.createDirectories(dir.resolve("source/data"));
    Files.write(dir.resolve("source/data/file"), content);
  }

  /** Leaves an uncommitted write at {@code path} in the target, as a writer closed without commit does. */
  private void leaveAnUncommittedWrite(String path, byte[] bytes) throws Exception {
    try (StorageDriver driver = Backends.withPlugins(List.of()).open(target);
        FileWriter writer = driver.writer(path, false)) {
      writer.write(bytes);
    }
  }

  private byte[] targetFile() {
    return cli.runBytes("--config", target.toString(), "cat", "/data/file");
  }

  private Result sync() {
    return cli.run("--config", source.toString(), "sync", "/data", "/data", "--to-config", target.toString());
  }

  /** A sync to the target through a throttle, stopped by Ctrl-C part-way through the file. */
  private void interruptedSync() throws Exception {
    Path slow = cli.config("slow.conf", Files.readString(target).replace("}",
        ", layers = [{ name = throttle, write = 1MiB }] }"));
    Interruption ctrlC = new Interruption();
    CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> cli.run(new byte[0], false, ctrlC,
        "--config", source.toString(), "sync", "/data", "/data", "--to-config", slow.toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!writing() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    ctrlC.request();
    Result r = run.get(60, TimeUnit.SECONDS);
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(r.out()).contains("1 stopped part-way");
  }

  /** Whether the filesystem driver holds bytes of a write in flight (in ~tmp) or kept (in ~uploads). */
  private boolean writing() {
    try (var files = Files.walk(dir.resolve("target"))) {
      return files.anyMatch(f -> f.toString().contains("~") && f.toFile().isFile() && f.toFile().length() > 0);
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false; // not there yet, or a file moved while looking
    }
  }

  @Test
  void anotherProgramsUncommittedWrite_isNotResumed_theCopyEqualsTheSource() throws Exception {
    leaveAnUncommittedWrite("/data/file", "FOREIGN BYTES".getBytes(StandardCharsets.UTF_8));
    Result r = sync();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("resumed ");
    assertThat(Arrays.equals(targetFile(), content)).as("the copy equals its source").isTrue();
  }

  @Test
  void aWriteThisToolKept_forTheUnchangedSource_isResumed() throws Exception {
    interruptedSync();
    Result r = sync();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("resumed /data/file").contains("1 of them resumed");
    assertThat(Arrays.equals(targetFile(), content)).as("the copy equals its source").isTrue();
  }

  @Test
  void aWriteThisToolKept_forASourceThatChangedSince_isStartedOver() throws Exception {
    interruptedSync();
    byte[] changed = content.clone();
    Arrays.fill(changed, 0, 1 << 20, (byte) 'C');
    Files.write(dir.resolve("source/data/file"), changed);
    Files.setLastModifiedTime(dir.resolve("source/data/file"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    Result r = sync();
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("resumed ");
    assertThat(Arrays.equals(targetFile(), changed)).as("the copy equals its changed source").isTrue();
  }
}
