package dev.storagedriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageDriverFactory;
import org.junit.jupiter.api.Test;

/**
 * The registry over the factories in this module's test resources: {@code fake} (working, with parameters in a
 * reference.conf), {@code twin} (registered twice) and a services entry naming a class that does not exist.
 */
class StorageDriverRegistryTest {
  private final StorageDriverRegistry registry = StorageDriverRegistry.load();

  /** A factory whose parameters exercise {@link DriverConfig}. */
  public static final class FakeFactory implements StorageDriverFactory {
    static volatile DriverConfig lastConfig;

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public StorageBackend create(DriverConfig config) throws StorageDriverException {
      config.getInt("threads", 4, 1, 64);
      config.getBytes("chunksize", 1 << 20, 1 << 10, 1 << 30);
      config.getString("root");
      lastConfig = config;
      return new FakeBackend();
    }
  }

  /** Registered twice (itself and a subclass), to be detected. */
  public static class TwinFactory implements StorageDriverFactory {
    @Override
    public String name() {
      return "twin";
    }

    @Override
    public StorageBackend create(DriverConfig config) {
      return new FakeBackend();
    }
  }

  /** The same name from another class. */
  public static final class OtherTwinFactory extends TwinFactory {}

  private static Config config(String hocon) {
    return ConfigFactory.parseString(hocon);
  }

  @Test
  void load_findsRegisteredFactories_despiteABrokenServiceEntry() {
    assertThat(registry.names()).containsExactly("fake", "twin");
  }

  @Test
  void open_byConfiguredName_givesAWorkingPortableDriver() throws Exception {
    try (StorageDriver driver = registry.open(config("storagedriver { driver = fake, fake.root = /srv }"))) {
      assertThat(driver.name()).isEqualTo("fake");
      driver.putContent("/a", new byte[] {1});
      assertThat(driver.getContent("/a")).containsExactly(1);
    }
  }

  @Test
  void open_appliesReferenceDefaults_andHoconSizeUnits() throws Exception {
    registry.open(config("storagedriver { driver = fake, fake { root = /srv, chunksize = 5MiB } }")).close();
    DriverConfig used = FakeFactory.lastConfig;
    assertThat(used.getBytes("chunksize", 0, 0, Long.MAX_VALUE)).isEqualTo(5L << 20);
    assertThat(used.getInt("threads", 0, 0, 100)).isEqualTo(8); // from reference.conf
  }

  @Test
  void open_unknownName_listsTheRegisteredDrivers() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(
        () -> registry.open(config("storagedriver.driver = s3")));
    assertThat(e.key()).isEqualTo("storagedriver.driver");
    assertThat(e.getMessage()).contains("unknown driver \"s3\"").contains("[fake, twin]")
        .contains("failed to load").contains("NoSuchFactory");
  }

  @Test
  void open_unknownName_isTheRegistrysError_notOneOfADriverOfThatName() {
    for (String name : new String[] {"s3", "", " fake"}) {
      InvalidConfigException e = (InvalidConfigException) catchThrowable(
          () -> registry.open(config("storagedriver.driver = \"" + name + "\"")));
      assertThat(e.driverName()).isEqualTo("registry");
      assertThat(e.getMessage()).startsWith("registry: ").contains("unknown driver \"" + name + "\"");
    }
  }

  @Test
  void open_withoutDriverKey_saysWhichKeyIsMissing() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(() -> registry.open(config("")));
    assertThat(e.key()).isEqualTo("storagedriver.driver");
    assertThat(e.getMessage()).contains("is required");
  }

  @Test
  void open_nameRegisteredTwice_isAnErrorNamingBothFactories() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(
        () -> registry.open(config("storagedriver.driver = twin")));
    assertThat(e.getMessage()).contains("more than one factory").contains(TwinFactory.class.getName())
        .contains(OtherTwinFactory.class.getName());
  }

  @Test
  void badValue_namesFullKeyValueAndWhatIsAllowed() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(() -> registry.open(
        config("storagedriver { driver = fake, fake { root = /srv, threads = 100 } }")));
    assertThat(e.key()).isEqualTo("storagedriver.fake.threads");
    assertThat(e.getMessage())
        .isEqualTo("fake: invalid configuration storagedriver.fake.threads: value 100 is not allowed; "
            + "expected an integer from 1 to 64");
  }

  @Test
  void badSize_namesFullKeyValueAndWhatIsAllowed() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(() -> registry.open(
        config("storagedriver { driver = fake, fake { root = /srv, chunksize = lots } }")));
    assertThat(e.key()).isEqualTo("storagedriver.fake.chunksize");
    assertThat(e.getMessage()).contains("\"lots\"").contains("a size from 1024 to 1073741824 bytes");
  }

  @Test
  void driverSectionThatIsNoObject_isAnInvalidConfigNamingIt() {
    for (String section : new String[] {"5", "null", "[a, b]", "\"/srv\""}) {
      Throwable e = catchThrowable(() -> registry.open(config("storagedriver { driver = fake, fake = " + section
          + " }")));
      assertThat(e).as("storagedriver.fake = %s", section).isInstanceOfSatisfying(InvalidConfigException.class,
          invalid -> assertThat(invalid.key()).isEqualTo("storagedriver.fake"));
    }
  }

  @Test
  void numberWithAFraction_whereAnIntegerOrASizeIsExpected_isRejectedNotCut() {
    for (String parameter : new String[] {"threads = 8.5", "chunksize = 2048.5", "chunksize = 1e30",
        "threads = 99999999999999999999"}) {
      Throwable e = catchThrowable(() -> registry.open(config("storagedriver { driver = fake, fake { root = /srv, "
          + parameter + " } }")));
      assertThat(e).as(parameter).isInstanceOfSatisfying(InvalidConfigException.class,
          invalid -> assertThat(invalid.key()).isEqualTo("storagedriver.fake." + parameter.split(" ")[0]));
    }
  }

  @Test
  void missingRequiredParameter_namesFullKey() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(
        () -> registry.open(config("storagedriver.driver = fake")));
    assertThat(e.key()).isEqualTo("storagedriver.fake.root");
    assertThat(e.getMessage()).contains("is required");
  }

  @Test
  void parametersThatAreNotASection_areAnInvalidConfigNamingTheKey() {
    Throwable thrown = catchThrowable(() -> registry.open(config("storagedriver { driver = fake, fake = /srv }")));
    assertThat(thrown).isInstanceOf(InvalidConfigException.class);
    InvalidConfigException e = (InvalidConfigException) thrown;
    assertThat(e.key()).isEqualTo("storagedriver.fake");
  }

  @Test
  void misspeltParameter_isReportedWithTheKnownOnes() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(() -> registry.open(
        config("storagedriver { driver = fake, fake { root = /srv, chunkszie = 1MiB } }")));
    assertThat(e.key()).isEqualTo("storagedriver.fake.chunkszie");
    assertThat(e.getMessage()).contains("unknown parameter").contains("[chunksize, root, threads]");
  }

  @Test
  void parameters_canComeFromTheEnvironment() throws Exception {
    String home = System.getenv("HOME");
    org.junit.jupiter.api.Assumptions.assumeTrue(home != null, "needs HOME in the environment");
    registry.open(config("storagedriver { driver = fake, fake.root = ${?HOME} }")).close();
    assertThat(FakeFactory.lastConfig.getString("root")).isEqualTo(home);
  }

  @Test
  void unresolvableSubstitution_isAnInvalidConfigNamingTheVariable() {
    InvalidConfigException e = (InvalidConfigException) catchThrowable(() -> registry.open(
        config("storagedriver { driver = fake, fake.root = ${STORAGEDRIVER_TEST_SURELY_UNSET} }")));
    assertThat(e.getMessage()).contains("STORAGEDRIVER_TEST_SURELY_UNSET");
  }
}
