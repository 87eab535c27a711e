package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.spi.DriverConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver as users select it: by name, with Distribution's parameters. */
class FactoryTest {
  @TempDir
  Path temp;

  private Config config(String key, Object value) {
    return ConfigFactory.empty()
        .withValue("storagedriver.driver", ConfigValueFactory.fromAnyRef("filesystem"))
        .withValue("storagedriver.filesystem.rootdirectory", ConfigValueFactory.fromAnyRef(temp.toString()))
        .withValue("storagedriver.filesystem." + key, ConfigValueFactory.fromAnyRef(value));
  }

  @Test
  void registry_findsTheDriverByName() {
    assertThat(StorageDriverRegistry.load().names()).contains("filesystem");
  }

  @Test
  void open_withRootDirectory_keepsFilesThere() throws Exception {
    try (StorageDriver driver = StorageDriverRegistry.load().open(config("maxthreads", 25))) {
      assertThat(driver.name()).isEqualTo("filesystem");
      driver.putContent("/a/b", new byte[] {1});
    }
    assertThat(Files.readAllBytes(temp.resolve("a").resolve("b"))).containsExactly(1);
  }

  @Test
  void maxthreads_belowTwentyFive_isRejectedNamingTheKey() {
    assertThatThrownBy(() -> StorageDriverRegistry.load().open(config("maxthreads", 24)))
        .isInstanceOfSatisfying(InvalidConfigException.class,
            e -> assertThat(e.key()).isEqualTo("storagedriver.filesystem.maxthreads"));
  }

  @Test
  void misspeltParameter_isRejected() {
    assertThatThrownBy(() -> StorageDriverRegistry.load().open(config("rootdir", "/x")))
        .isInstanceOf(InvalidConfigException.class);
  }

  @Test
  void rootDirectory_givenEmptyOrBlank_isRejectedNamingTheKey_ratherThanFallingBackToTheDefault() {
    for (String empty : new String[] {"", "  "}) {
      assertThatThrownBy(() -> StorageDriverRegistry.load().open(config("rootdirectory", empty)))
          .isInstanceOfSatisfying(InvalidConfigException.class,
              e -> assertThat(e.key()).isEqualTo("storagedriver.filesystem.rootdirectory"));
    }
  }

  @Test
  void defaults_areDistributions() throws Exception {
    FilesystemConfig defaults = FilesystemConfig.from(new DriverConfig("filesystem", ConfigFactory.load()));
    assertThat(defaults.rootDirectory()).isEqualTo(Path.of("/var/lib/registry"));
    assertThat(defaults.maxThreads()).isEqualTo(100);
  }

  @Test
  void maxthreads_isTheBackendsConcurrencyBound() throws Exception {
    assertThat(FilesystemDriver.backend(temp, 40).maxConcurrentOperations()).isEqualTo(40);
  }

  @Test
  void rootDirectory_thatIsAFile_isRejectedAtStart() throws Exception {
    Path file = Files.write(temp.resolve("file"), new byte[] {1});
    assertThatThrownBy(() -> FilesystemDriver.open(file)).isInstanceOf(dev.storagedriver.DriverException.class)
        .hasMessageContaining(file.toString());
  }
}
