package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storagedriver.cli.CliHarness.Result;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a sync to OSS (the emulator), and the next run resuming the large file from its uncommitted
 * upload: only the parts not yet uploaded are sent, as the emulator counts them.
 */
class InterruptAndResumeTest {
  private static final int CHUNK = 5 << 20; // the oss driver's smallest chunksize
  private static final int BIG = 3 * CHUNK + (1 << 20); // four parts: 5 + 5 + 5 + 1 MiB

  @TempDir
  Path dir;

  private OssEmulator oss;
  private CliHarness cli;
  private String source;
  private String bucket;
  private byte[] big;

  @BeforeEach
  void aLargeAndASmallFile_andAnEmptyBucket() throws Exception {
    oss = OssEmulator.builder().bucket("resume-bucket").build().start();
    cli = new CliHarness(dir);
    source = cli.filesystem("local").toString();
    bucket = cli.oss(oss, "resume-bucket", "chunksize = 5MiB, uploadconcurrency = 1, maxretries = 0").toString();
    big = new byte[BIG];
    new Random(17).nextBytes(big);
    Files.createDirectories(dir.resolve("local/data"));
    Files.write(dir.resolve("local/data/a-big.bin"), big);
    Files.writeString(dir.resolve("local/data/b-small.txt"), "small");
  }

  @AfterEach
  void stopTheEmulator() {
    oss.close();
  }

  /** Interrupts the sync once the first part is on its way; that part's answer is held back meanwhile. */
  private Result interruptedSync() throws Exception {
    oss.faults().on("UploadPart").times(1).delay(Duration.ofMillis(1500));
    Interruption ctrlC = new Interruption();
    CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> cli.run(new byte[0], true, ctrlC,
        "--config", source, "sync", "-j", "1", "/data", "/data", "--to-config", bucket));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (oss.requestCount("UploadPart") == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    ctrlC.request();
    return run.get(60, TimeUnit.SECONDS);
  }

  @Test
  void ctrlC_stopsNewFiles_keepsTheOpenUpload_saysHowToContinue_andExits130() throws Exception {
    Result r = interruptedSync();
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(r.out()).contains("interrupted: copied 0 files").contains("1 file not started")
        .contains("1 stopped part-way").contains("Run the same command again to continue");
    assertThat(r.err()).as("the progress bar's line is ended").endsWith(System.lineSeparator());
    assertThat(oss.inProgressUploads()).hasSize(1);
    assertThat(oss.inProgressUploads().get(0).partCount()).as("parts uploaded before the stop")
        .isBetween(1, (BIG + CHUNK - 1) / CHUNK - 1);
    assertThat(cli.run("--config", bucket, "stat", "/data/a-big.bin").code())
        .as("nothing uncommitted is visible").isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void theNextSync_resumesTheLargeFile_sendingOnlyTheRemainingParts() throws Exception {
    assertThat(interruptedSync().code()).isEqualTo(ExitCodes.INTERRUPTED);
    int uploaded = oss.inProgressUploads().get(0).partCount();
    oss.resetRequestCounts();

    Result r = cli.run("--config", source, "sync", "--json", "/data", "/data", "--to-config", bucket);
    assertThat(r.code()).as(r.err()).isZero();
    int allParts = (BIG + CHUNK - 1) / CHUNK;
    assertThat(oss.requestCount("UploadPart")).isEqualTo(allParts - uploaded);
    JsonNode summary = new ObjectMapper().readTree(r.out());
    assertThat(summary.get("copied").asInt()).isEqualTo(2);
    assertThat(summary.get("resumed").asInt()).isEqualTo(1);
    long alreadyThere = summary.get("resumedBytes").asLong(); // the uploaded parts, plus the tail close() kept
    assertThat(alreadyThere).isGreaterThanOrEqualTo((long) uploaded * CHUNK).isLessThan(BIG);
    assertThat(summary.get("bytes").asLong()).as("sent: the small file and the rest of the big one")
        .isEqualTo("small".length() + BIG - alreadyThere);
    assertThat(cli.runBytes("--config", bucket, "cat", "/data/a-big.bin")).isEqualTo(big);
    assertThat(oss.inProgressUploads()).isEmpty();
  }
}
