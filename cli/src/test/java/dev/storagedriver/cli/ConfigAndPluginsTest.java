package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.cli.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration files (include, misspelt keys), plug-in paths, and the in-memory driver's warning. */
class ConfigAndPluginsTest {
  @TempDir
  Path dir;

  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
  }

  @Test
  void include_resolvesNextToTheConfigFile() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("backend.conf"), "storagedriver { driver = filesystem, filesystem.rootdirectory"
        + " = \"" + dir.resolve("store").toString().replace("\\", "/") + "\" }");
    Path kit = Files.writeString(conf.resolve("kit.conf"), "include \"backend.conf\"\n");
    Result r = cli.runWithInput("x", "--config", kit.toString(), "put", "-", "/f");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(dir.resolve("store/f")).hasContent("x");
  }

  /** The reported case: a bare file name, as typed in the directory that holds both files. */
  @Test
  void include_worksWhenTheConfigIsGivenAsABareFileName() throws Exception {
    String name = "kit-" + UUID.randomUUID();
    Path included = Path.of(name + "-backend.conf");
    Path kit = Path.of(name + ".conf");
    try {
      Files.writeString(included, "storagedriver { driver = filesystem, filesystem.rootdirectory = \""
          + dir.resolve("store").toString().replace("\\", "/") + "\" }");
      Files.writeString(kit, "include \"" + included + "\"\n");
      Result r = cli.runWithInput("x", "--config", kit.toString(), "put", "-", "/f");
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(dir.resolve("store/f")).hasContent("x");
    } finally {
      Files.deleteIfExists(kit);
      Files.deleteIfExists(included);
    }
  }

  @Test
  void misspeltTopLevelKey_isNamed() throws Exception {
    Path config = cli.config("typo.conf", "storagedriver { drivr = inmemory }");
    Result r = cli.run("--config", config.toString(), "ls");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("unknown key storagedriver.drivr").contains("driver").hasLineCount(1);
  }

  @Test
  void pluginThatIsNotAJar_exitsConfig() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.jar"), "not a zip");
    Result r = cli.run("--plugins", junk.toString(), "drivers");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("is not a jar").hasLineCount(1);
  }

  @Test
  void pluginDirectoryWithoutJars_exitsConfig() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("nothing"));
    Files.writeString(empty.resolve("readme.txt"), "no jars here");
    Result r = cli.run("--plugins", empty.toString(), "drivers");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("holds no .jar file");
  }

  @Test
  void pluginDirectoryWithABrokenJar_exitsConfig() throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Files.writeString(plugins.resolve("broken.jar"), "truncated");
    assertThat(cli.run("--plugins", plugins.toString(), "drivers").code()).isEqualTo(ExitCodes.CONFIG);
  }

  @Test
  void inMemory_warnsOnce_thatTheStoreLivesOnlyForTheCommand() throws Exception {
    Path config = cli.config("mem.conf", "storagedriver.driver = inmemory");
    Result put = cli.runWithInput("x", "--config", config.toString(), "put", "-", "/f");
    assertThat(put.err()).contains("keeps its store only while this command runs");
    Result sync = cli.run("--config", config.toString(), "sync", "/", "/copy", "--to-config", config.toString());
    assertThat(sync.err().split("keeps its store only", -1)).hasSize(2);
  }

  @Test
  void configThatIsADirectory_exitsConfig_sayingItIsNoFile() throws Exception {
    Path notAFile = Files.createDirectories(dir.resolve("a.conf"));
    Result r = cli.run("--config", notAFile.toString(), "ls", "/");
    assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).contains("is not a file").doesNotContain("does not exist").hasLineCount(1);
  }
}
