package dev.storagedriver.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.StorageDrivers;
import org.junit.jupiter.api.Test;

/** The in-memory driver reached by name from configuration, as applications reach it. */
class InMemoryRegistryTest {

  @Test
  void configNamingInmemory_yieldsAWorkingDriver() throws Exception {
    try (StorageDriver driver = StorageDrivers.open(ConfigFactory.parseString("storagedriver.driver = inmemory"))) {
      assertThat(driver.name()).isEqualTo("inmemory");
      driver.putContent("/hello", "world".getBytes());
      assertThat(new String(driver.getContent("/hello"))).isEqualTo("world");
    }
  }

  @Test
  void registry_listsInmemory() {
    assertThat(StorageDriverRegistry.load().names()).contains("inmemory");
  }

  @Test
  void unknownDriverName_listsInmemoryAmongTheKnown() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(
        () -> StorageDrivers.open(ConfigFactory.parseString("storagedriver.driver = inmemroy")));
    assertThat(e.getMessage()).contains("unknown driver \"inmemroy\"").contains("inmemory");
  }

  @Test
  void badMaxsize_namesKeyValueAndWhatIsAllowed() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(() -> StorageDrivers.open(
        ConfigFactory.parseString("storagedriver { driver = inmemory, inmemory.maxsize = -1 }")));
    assertThat(e.key()).isEqualTo("storagedriver.inmemory.maxsize");
    assertThat(e.getMessage()).contains("value -1 is not allowed").contains("a size from 0 to");
  }

  @Test
  void maxsize_acceptsUnits_andAFullStoreRefusesWritesKeepingData() throws Exception {
    try (StorageDriver driver = StorageDrivers.open(
        ConfigFactory.parseString("storagedriver { driver = inmemory, inmemory.maxsize = 1KiB }"))) {
      driver.putContent("/a", new byte[1000]);
      DriverException e = (DriverException) catchThrowable(() -> driver.putContent("/b", new byte[100]));
      assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE);
      assertThat(e.path()).hasValue("/b");
      assertThat(driver.getContent("/a")).hasSize(1000);
      assertThat(driver.list("/")).containsExactly("/a");
    }
  }

  @Test
  void writingBelowAFile_isAConflict_andKeepsTheFile() throws Exception {
    StorageDriver driver = new InMemoryStore(0).newDriver();
    driver.putContent("/a", new byte[] {1});
    DriverException e = (DriverException) catchThrowable(() -> driver.putContent("/a/b", new byte[] {2}));
    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(e.getMessage()).contains("/a is a file");
    assertThat(driver.getContent("/a")).containsExactly(1);
  }
}
