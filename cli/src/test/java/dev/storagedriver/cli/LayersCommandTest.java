package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.cli.CliHarness.Result;
import dev.storagedriver.cli.testplugin.PassThroughLayerFactory;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code layers}, and layers stacked from a config file under every command. */
class LayersCommandTest {
  private static final String[] BUILT_IN = {"cdn", "concurrency", "faults", "logging", "prefix", "readonly",
      "redirect", "retry", "throttle", "timeout"};

  @TempDir
  Path dir;

  private CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
  }

  @Test
  void layers_listsTheBuiltInLayers() {
    Result r = cli.run("layers");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).containsExactly(BUILT_IN);
  }

  @Test
  void layers_withPlugins_findsThirdPartyLayersToo() throws Exception {
    Path jar = dir.resolve("layer.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/dev.storagedriver.spi.StorageLayerFactory"));
      out.write((PassThroughLayerFactory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    assertThat(cli.run("layers").out().lines()).doesNotContain("plugin-layer");
    assertThat(cli.run("--plugins", jar.toString(), "layers").out().lines()).contains("plugin-layer");
  }

  @Test
  void layersWithParameters_showsEachLayersDefaults() {
    assertThat(cli.run("layers", "--parameters").out().lines())
        .anySatisfy(l -> assertThat(l).startsWith("retry {").contains("maxattempts=3"));
  }

  @Test
  void aConfigWithLayers_appliesThemToTheCommand() throws Exception {
    Path config = cli.config("ro.conf", "storagedriver { driver = inmemory, layers = [readonly] }");
    Path file = Files.writeString(dir.resolve("in.txt"), "x");
    Result r = cli.run("--config", config.toString(), "put", file.toString(), "/a");
    assertThat(r.code()).isEqualTo(ExitCodes.PERMISSION_DENIED);
    assertThat(r.err()).contains("read-only");
  }
}
