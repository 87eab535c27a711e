package dev.storagedriver.examples.tour;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tour, run as its main runs it, on each driver application.conf can choose. */
class TourTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** application.conf with {@code overrides} on top, as -D system properties would be. */
  private static Config config(Map<String, Object> overrides) {
    return ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load());
  }

  private int run(Config config) {
    return Tour.run(config, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void applicationConf_choosesTheFilesystemDriverUnderData() {
    Config config = ConfigFactory.load();
    assertThat(config.getString("storagedriver.driver")).isEqualTo("filesystem");
    assertThat(config.getString("storagedriver.filesystem.rootdirectory")).isEqualTo("data/tour");
  }

  @Test
  void filesystem_tourTakesEveryStep_andLeavesNoFileBehind() throws Exception {
    int status = run(config(Map.of("storagedriver.filesystem.rootdirectory", dir.toString())));

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(output()).contains("opened driver \"filesystem\"")
        .contains("put", "write", "3 chunks, 21 bytes", "list", "walk", "stat", "move", "url", "delete")
        .contains("/tour/logs/today.log").contains("is gone: true");
    try (var left = Files.walk(dir)) {
      assertThat(left.filter(Files::isRegularFile)).as("files left under the root").isEmpty();
    }
  }

  @Test
  void oss_withoutEndpoint_startsTheEmulator_andOffersARedirectUrl() {
    int status = run(config(Map.of("storagedriver.driver", "oss")));

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(output()).contains("started the OSS emulator at http://127.0.0.1:")
        .contains("opened driver \"oss\"").containsPattern("url +/tour/archive/hello.txt +http://127\\.0\\.0\\.1:");
  }

  @Test
  void zip_theThirdPartyDriver_isChosenByNameFromConfig() {
    int status = run(config(Map.of("storagedriver.driver", "zip",
        "storagedriver.zip.file", dir.resolve("tour.zip").toString())));

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(output()).contains("opened driver \"zip\"").contains("none: zip offers no redirect URL");
  }

  @Test
  void unknownDriver_failsWithOneLineNamingTheRegisteredOnes() {
    int status = run(config(Map.of("storagedriver.driver", "nosuch")));

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tour: ").contains("nosuch", "filesystem", "zip")
        .hasLineCount(1);
  }
}
