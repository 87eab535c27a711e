package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.cli.CliHarness.Result;
import dev.storagedriver.cli.testplugin.BrokenDriverFactory;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tck against configured backends, plug-ins, and the errors every command shares. */
class TckAndErrorsTest {
  @TempDir
  Path dir;

  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
  }

  @Test
  void tck_onInMemory_passes_andReportsSkipsWithReasons() throws Exception {
    Path config = cli.config("mem.conf", "storagedriver.driver = inmemory");
    Result r = cli.run("--config", config.toString(), "tck");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("running the conformance kit against driver \"inmemory\"")
        .containsPattern("SKIP  redirectUrl_get_fetchesTheContent: .*REDIRECT_URL")
        .containsPattern("kit: \\d{3} passed, 0 failed, \\d+ skipped");
  }

  @Test
  void tck_onFilesystem_worksInFreshRoots_andRemovesThem() throws Exception {
    Path config = cli.filesystem("shared");
    Result r = cli.run("--config", config.toString(), "tck", "--only", "append");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).containsPattern("kit: \\d+ passed, 0 failed, 1 skipped");
    try (var left = Files.list(dir.resolve("shared"))) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith("tck-"))).isEmpty();
    }
  }

  @Test
  void tck_onOssEmulator_underARootDirectory_holdsTheLongestPathItsKeysAllow() throws Exception {
    try (OssEmulator oss = OssEmulator.builder().bucket("kit-bucket").build().start()) {
      Path config = cli.oss(oss, "kit-bucket", "rootdirectory = \"/some/root\"");
      Result r = cli.run("--config", config.toString(), "tck", "--only", "longestPath");
      assertThat(r.code()).as(r.out()).isZero();
      assertThat(r.out()).contains("kit: 1 passed, 0 failed");
    }
  }

  @Test
  void tck_onOssEmulator_runsTheRedirectTests() throws Exception {
    try (OssEmulator oss = OssEmulator.builder().bucket("kit-bucket").build().start()) {
      Path config = cli.oss(oss, "kit-bucket", "");
      Result r = cli.run("--config", config.toString(), "tck", "--only", "redirect");
      assertThat(r.code()).as(r.out()).isZero();
      assertThat(r.out()).contains("kit: 2 passed, 0 failed, 1 skipped");
    }
  }

  @Test
  void tck_onBrokenPluginDriver_listsFailuresOnePerLine_andExitsFailure() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    writePluginJar(plugins.resolve("broken.jar"));
    Path config = cli.config("broken.conf", "storagedriver.driver = broken");
    Result r = cli.run("--plugins", plugins.toString(), "--config", config.toString(), "tck", "--only", "stat_");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
    assertThat(r.out()).containsPattern("FAIL  stat_ofFile_givesPathSizeAndNotDirectory: .*124.*123|FAIL  "
        + "stat_ofFile_givesPathSizeAndNotDirectory: .*123.*124").contains("-- FAILED");
  }

  @Test
  void tck_withUnknownTestName_isAUsageError() throws Exception {
    Path config = cli.config("mem.conf", "storagedriver.driver = inmemory");
    assertThat(cli.run("--config", config.toString(), "tck", "--only", "noSuchTest").code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void drivers_includesPluginDrivers_onlyWithPlugins() throws Exception {
    Path jar = dir.resolve("broken.jar");
    writePluginJar(jar);
    assertThat(cli.run("drivers").out().lines()).containsExactly("filesystem", "inmemory", "oss", "s3");
    assertThat(cli.run("--plugins", jar.toString(), "drivers").out().lines())
        .containsExactly("broken", "filesystem", "inmemory", "oss", "s3");
  }

  @Test
  void missingPlugin_exitsConfig() {
    Result r = cli.run("--plugins", dir.resolve("nope").toString(), "drivers");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("does not exist").hasLineCount(1);
  }

  /** The oss driver probes its endpoint at start-up; a refused connection is retryable, not a config error. */
  @Test
  void unreachableBackend_atStartUp_exitsUnavailable_withOneLineNamingTheEndpoint() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path config = cli.config("dead.conf", "storagedriver { driver = oss, oss { endpoint = \"http://127.0.0.1:"
        + closedPort + "\", bucket = nowhere, region = cn-hangzhou, accesskeyid = k, accesskeysecret = s, "
        + "maxretries = 0, connecttimeout = 1s } }");
    for (String[] command : new String[][] {{"ls", "/"}, {"tck"}, {"sync", "/", "/"}}) {
      Result r = cli.run(CliHarness.concat(new String[] {"--config", config.toString()}, command));
      assertThat(r.code()).as(String.join(" ", command) + ": " + r.err()).isEqualTo(ExitCodes.UNAVAILABLE);
      assertThat(r.err()).startsWith("storagedriver: ").contains("cannot reach http://127.0.0.1:" + closedPort)
          .hasLineCount(1);
    }
  }

  @Test
  void backendFailingTransiently_exitsUnavailable_withOneLine() throws Exception {
    try (OssEmulator oss = OssEmulator.builder().bucket("busy-bucket").build().start()) {
      Path config = cli.oss(oss, "busy-bucket", "maxretries = 0");
      cli.runWithInput("x", "--config", config.toString(), "put", "-", "/file");
      oss.faults().on("GetObject").always().failWith(503, "ServiceUnavailable");
      Result r = cli.run("--config", config.toString(), "cat", "/file");
      assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.UNAVAILABLE);
      assertThat(r.err()).startsWith("storagedriver: ").hasLineCount(1);
    }
  }

  @Test
  void unknownDriver_exitsConfig_namingTheRegisteredOnes() throws Exception {
    Path config = cli.config("x.conf", "storagedriver.driver = nosuch");
    Result r = cli.run("--config", config.toString(), "ls");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("nosuch").contains("filesystem").hasLineCount(1);
  }

  @Test
  void misspeltParameter_exitsConfig() throws Exception {
    Path config = cli.config("typo.conf", "storagedriver { driver = filesystem, filesystem.rootdir = /tmp }");
    Result r = cli.run("--config", config.toString(), "ls");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("storagedriver.filesystem.rootdir");
  }

  @Test
  void configThatIsNotHocon_exitsConfig() throws Exception {
    Path config = cli.config("bad.conf", "storagedriver { driver = ");
    Result r = cli.run("--config", config.toString(), "ls");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).startsWith("storagedriver: ").hasLineCount(1);
  }

  @Test
  void verbose_addsTheStackTrace() throws Exception {
    Path config = cli.config("x.conf", "storagedriver.driver = nosuch");
    Result r = cli.run("--verbose", "--config", config.toString(), "ls");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err().lines().count()).isGreaterThan(3);
    assertThat(r.err()).contains("\tat ");
  }

  @Test
  void noCommand_isAUsageError() {
    Result r = cli.run();
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("a command is required");
  }

  @Test
  void unknownCommand_isAUsageError() {
    assertThat(cli.run("frobnicate").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void help_listsCommandsAndExitCodes() {
    Result r = cli.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("sync", "tck", "Exit codes:").containsPattern("5 +backend unreachable")
        .containsPattern("130 +interrupted");
  }

  @Test
  void withoutConfig_usesTheFilesystemUnderData() {
    assertThat(Backends.withPlugins(java.util.List.of()).load(null).getString("storagedriver.filesystem"
        + ".rootdirectory")).isEqualTo("data");
  }


  /** A plug-in jar: only the service registration; the class itself comes from the test class path. */
  private static void writePluginJar(Path jar) throws Exception {
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/dev.storagedriver.spi.StorageDriverFactory"));
      out.write((BrokenDriverFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }
}
