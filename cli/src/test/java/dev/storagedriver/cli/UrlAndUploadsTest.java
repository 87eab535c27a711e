package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.Capability;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.cli.CliHarness.Result;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** url --expires, checked by the driver; uploads list and purge over the pending-writes API. */
class UrlAndUploadsTest {
  @TempDir
  Path dir;

  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
  }

  private String ossConfig(OssEmulator oss) throws Exception {
    return cli.oss(oss, "url-bucket", "").toString();
  }

  @Test
  void url_expires_setsHowLongThePresignedUrlLasts() throws Exception {
    try (OssEmulator oss = OssEmulator.builder().bucket("url-bucket").build().start()) {
      String config = ossConfig(oss);
      cli.runWithInput("x", "--config", config, "put", "-", "/f");
      Result r = cli.run("--config", config, "url", "--expires", "90s", "/f");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(expirySeconds(r.out())).isBetween(88L, 90L);
      Result byDefault = cli.run("--config", config, "url", "/f");
      assertThat(expirySeconds(byDefault.out())).isBetween(1198L, 1200L);
    }
  }

  @Test
  void url_expires_belowTheDriversLimit_isAUsageError() throws Exception {
    try (OssEmulator oss = OssEmulator.builder().bucket("url-bucket").build().start()) {
      String config = ossConfig(oss);
      cli.runWithInput("x", "--config", config, "put", "-", "/f");
      Result r = cli.run("--config", config, "url", "--expires", "0s", "/f");
      assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).contains("--expires").contains("redirectexpiry").hasLineCount(1);
    }
  }

  @Test
  void url_expires_onADriverWithoutExpiringUrls_isAUsageError() throws Exception {
    String config = cli.filesystem("store").toString();
    Result r = cli.run("--config", config, "url", "--expires", "10m", "/f");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("driver filesystem has no redirectexpiry parameter");
  }

  @Test
  void url_expires_thatIsNotADuration_isAUsageError() throws Exception {
    String config = cli.filesystem("store").toString();
    assertThat(cli.run("--config", config, "url", "--expires", "soon", "/f").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void uploads_onADriverWithoutPendingWrites_saysSo() throws Exception {
    assumeThat(capabilities("filesystem")).doesNotContain(Capability.PENDING_WRITES);
    String config = cli.filesystem("store").toString();
    for (String[] command : new String[][] {{"uploads", "list"}, {"uploads", "purge", "--older-than", "7d"}}) {
      Result r = cli.run(CliHarness.concat(new String[] {"--config", config}, command));
      assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
      assertThat(r.err()).contains("driver filesystem does not list pending writes");
    }
  }

  @Test
  void uploads_withoutSubcommand_isAUsageError() {
    assertThat(cli.run("uploads").code()).isEqualTo(ExitCodes.USAGE);
  }

  /**
   * Runs where the oss driver declares PENDING_WRITES (the oss branch implements it; on a main without it this
   * test is skipped, and says why).
   */
  @Test
  void uploads_listsAndPurgesAWriteClosedWithoutCommit() throws Exception {
    try (OssEmulator oss = OssEmulator.builder().bucket("url-bucket").build().start()) {
      Path configFile = cli.oss(oss, "url-bucket", "");
      String config = configFile.toString();
      try (StorageDriver driver = StorageDriverRegistry.load().open(ConfigFactory.load(
          ConfigFactory.parseFile(configFile.toFile())))) {
        assumeThat(driver.capabilities()).as("oss driver with PENDING_WRITES (oss branch)")
            .contains(Capability.PENDING_WRITES);
        FileWriter writer = driver.writer("/dir/left behind.bin", false);
        writer.write("half".getBytes(StandardCharsets.UTF_8));
        writer.close(); // without commit: kept for resuming
      }
      Result list = cli.run("--config", config, "uploads", "list");
      assertThat(list.code()).as(list.err()).isZero();
      assertThat(list.out()).contains("/dir/left behind.bin");
      assertThat(list.err()).contains("1 pending write below /");
      Result json = cli.run("--config", config, "uploads", "list", "--json");
      assertThat(json.out()).contains("\"path\":\"/dir/left behind.bin\"").contains("\"lastModified\":");
      Result dry = cli.run("--config", config, "uploads", "purge", "--older-than", "0s", "--dry-run");
      assertThat(dry.out()).contains("would purge 1 pending write below / older than PT0S (dry run)");
      assertThat(cli.run("--config", config, "uploads", "purge", "--older-than", "0s").code())
          .as("no terminal, no --yes").isEqualTo(ExitCodes.USAGE);
      Result purge = cli.run("--config", config, "uploads", "purge", "--older-than", "0s", "--yes");
      assertThat(purge.out()).contains("purged 1 pending write below /");
      assertThat(cli.run("--config", config, "uploads", "list").err()).contains("0 pending writes below /");
    }
  }

  /** The lifetime a presigned URL states: V4's x-oss-expires (seconds from signing; the driver rounds down). */
  private static long expirySeconds(String url) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)[?&]x-oss-expires=(\\d+)").matcher(url);
    assertThat(m.find()).as(url).isTrue();
    return Long.parseLong(m.group(1));
  }

  private java.util.Set<Capability> capabilities(String driver) throws Exception {
    String text = driver.equals("filesystem")
        ? "storagedriver { driver = filesystem, filesystem.rootdirectory = \""
            + dir.resolve("probe").toString().replace("\\", "/") + "\" }"
        : "storagedriver.driver = " + driver;
    try (StorageDriver d = StorageDriverRegistry.load().open(ConfigFactory.load(ConfigFactory.parseString(text)))) {
      return d.capabilities();
    }
  }


  @Test
  void uploadsPurge_withANegativeAge_isAUsageError_ratherThanPurgingWritesInFlight() throws Exception {
    Result r = cli.run("--config", cli.filesystem("store").toString(), "uploads", "purge", "--older-than", "-1d",
        "--yes");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("negative");
  }

  @Test
  void url_ofADirectory_isAUsageError_ratherThanAUrlThatFindsNothing() throws Exception {
    try (OssEmulator oss = OssEmulator.builder().bucket("url-bucket").build().start()) {
      String config = ossConfig(oss);
      cli.runWithInput("x", "--config", config, "put", "-", "/dir/f");
      Result r = cli.run("--config", config, "url", "/dir");
      assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).contains("/dir is a directory").hasLineCount(1);
    }
  }
}
