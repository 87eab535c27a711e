package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.StorageLayers;
import org.junit.jupiter.api.Test;

/** The built-in layers as applications meet them: named in configuration, opened through the registry. */
class BuiltInLayersConfigTest {
  private static StorageDriver open(String layers) throws Exception {
    return StorageDriverRegistry.load().open(ConfigFactory.parseString(
        "storagedriver { driver = inmemory, layers = " + layers + " }"));
  }

  @Test
  void everyBuiltInLayer_isRegistered() {
    assertThat(StorageLayers.load().names()).contains("cdn", "concurrency", "faults", "logging", "prefix",
        "readonly", "redirect", "retry", "throttle", "timeout");
  }

  @Test
  void aConfiguredStack_opensAWorkingDriver() throws Exception {
    try (StorageDriver driver = open("[ retry, { name = timeout, operation = 5s }, "
        + "{ name = prefix, path = /app } ]")) {
      driver.putContent("/a", new byte[] {1});
      assertThat(driver.getContent("/a")).containsExactly(1);
      assertThat(driver.list("/")).containsExactly("/a");
    }
  }

  @Test
  void aMisspeltParameter_namesItAndListsTheLayersParameters() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> open("[ { name = retry, maxattempt = 5 } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].maxattempt");
    assertThat(e.getMessage())
        .contains("parameters of layer retry: [basedelay, budget, maxattempts, maxdelay]");
  }

  @Test
  void aParameterGivenToALayerWithoutParameters_isReported() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> open("[ { name = readonly, enabled = true } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].enabled");
  }

  @Test
  void aBadValue_namesTheFullKeyTheValueAndWhatIsAllowed() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> open("[ { name = retry, maxattempts = 0 } ]"));
    assertThat(e.getMessage()).isEqualTo("retry: invalid configuration storagedriver.layers[0].maxattempts: "
        + "value 0 is not allowed; expected an integer from 1 to 100");
  }

  @Test
  void anUnknownLayer_listsTheRegisteredOnes() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> open("[ retyr ]"));
    assertThat(e.getMessage()).contains("unknown layer \"retyr\"").contains("retry").contains("readonly");
  }

  @Test
  void aFraction_whereAnIntegerIsExpected_isRefused_notTruncated() {
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> open("[ { name = retry, maxattempts = 3.5 } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].maxattempts");
    assertThat(e.getMessage()).contains("value 3.5 is not allowed; expected an integer from 1 to 100");
  }

  @Test
  void aDurationTooLongToCountInNanoseconds_isRefused_notSaturated() {
    // 1,000,000 days overflows a long of nanoseconds; the config library would silently make it 292 years
    InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
        () -> open("[ { name = timeout, operation = 1000000d } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].operation");
    assertThat(e.getMessage()).contains("at most 36500d");
  }
}
