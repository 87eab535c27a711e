package dev.storagedriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageLayerFactory;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Stacking layers from configuration, with the test layers registered in this module's test resources: {@code
 * stamp} (appends its {@code mark} byte to every content read, so the order of a stack shows in the bytes) and
 * {@code dropappend} (takes away a capability without declaring it).
 */
class StorageLayersTest {
  private final StorageDriverRegistry registry = StorageDriverRegistry.load();

  /** Appends {@code mark} to what getContent returns. */
  public static final class StampFactory implements StorageLayerFactory {
    @Override
    public String name() {
      return "stamp";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) throws StorageDriverException {
      byte mark = (byte) config.getInt("mark", 0, 0, 127);
      return new ForwardingBackend(below) {
        @Override
        public byte[] getContent(String path) throws IOException {
          byte[] content = super.getContent(path);
          byte[] stamped = Arrays.copyOf(content, content.length + 1);
          stamped[content.length] = mark;
          return stamped;
        }
      };
    }
  }

  /** Removes RESUMABLE_APPEND and does not say so. */
  public static final class AppendDropperFactory implements StorageLayerFactory {
    @Override
    public String name() {
      return "dropappend";
    }

    @Override
    public StorageBackend create(StorageBackend below, DriverConfig config) {
      return new ForwardingBackend(below) {
        @Override
        public Set<Capability> capabilities() {
          Set<Capability> fewer = EnumSet.noneOf(Capability.class);
          fewer.addAll(super.capabilities());
          fewer.remove(Capability.RESUMABLE_APPEND);
          return fewer;
        }
      };
    }
  }

  private StorageDriver open(String hocon) throws StorageDriverException {
    return registry.open(ConfigFactory.parseString(
        "storagedriver { driver = fake, fake.root = /srv, " + hocon + " }"));
  }

  private static InvalidConfigException invalid(ThrowingOpen open) {
    return (InvalidConfigException) catchThrowable(open::open);
  }

  private interface ThrowingOpen {
    void open() throws Exception;
  }

  @Test
  void load_findsTheRegisteredLayers() {
    assertThat(registry.layers().names()).containsExactly("dropappend", "stamp");
  }

  @Test
  void noLayers_opensTheBareDriver() throws Exception {
    try (StorageDriver driver = open("layers = []")) {
      driver.putContent("/a", new byte[] {7});
      assertThat(driver.getContent("/a")).containsExactly(7);
    }
  }

  @Test
  void firstListedLayer_isOutermost_soItsEffectComesLast() throws Exception {
    try (StorageDriver driver = open("layers = [ { name = stamp, mark = 2 }, { name = stamp, mark = 3 } ]")) {
      driver.putContent("/a", new byte[] {7});
      // the inner layer (mark 3) stamps first, the outer (mark 2) stamps what it returned
      assertThat(driver.getContent("/a")).containsExactly(7, 3, 2);
    }
  }

  @Test
  void bareName_usesTheLayersDefaults() throws Exception {
    try (StorageDriver driver = open("layers = [stamp]")) {
      driver.putContent("/a", new byte[] {7});
      assertThat(driver.getContent("/a")).containsExactly(7, 1);
    }
  }

  @Test
  void applicationDefaultsUnderLayerKey_applyToEveryEntry() throws Exception {
    try (StorageDriver driver = open("layer.stamp.mark = 9, layers = [stamp]")) {
      driver.putContent("/a", new byte[] {7});
      assertThat(driver.getContent("/a")).containsExactly(7, 9);
    }
  }

  @Test
  void misspeltParameter_inTheApplicationDefaultsOfALayer_isReported() {
    InvalidConfigException e = invalid(() -> open("layer.stamp.makr = 9, layers = [stamp]"));
    assertThat(e.key()).isEqualTo("storagedriver.layer.stamp.makr");
    assertThat(e.getMessage()).contains("unknown parameter; parameters of layer stamp: [mark]");
  }

  @Test
  void applicationDefaultsOfALayer_thatAreNotASection_areAnInvalidConfig() {
    InvalidConfigException e = invalid(() -> open("layer.stamp = 9, layers = [stamp]"));
    assertThat(e.key()).isEqualTo("storagedriver.layer.stamp");
  }

  @Test
  void theApplicationDefaultsOfEveryLayer_thatAreNotASection_areAnInvalidConfig() {
    InvalidConfigException e = invalid(() -> open("layer = 9, layers = [stamp]"));
    assertThat(e).as("storagedriver.layer = 9 would hide every layer's defaults").isNotNull();
    assertThat(e.key()).isEqualTo("storagedriver.layer");
  }

  @Test
  void unknownLayerName_listsTheRegisteredLayers() {
    InvalidConfigException e = invalid(() -> open("layers = [ { name = retyr } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].name");
    assertThat(e.getMessage()).contains("unknown layer \"retyr\"").contains("[dropappend, stamp]");
  }

  @Test
  void misspeltLayerParameter_isReportedWithTheKnownOnes() {
    InvalidConfigException e = invalid(() -> open("layers = [ stamp, { name = stamp, makr = 2 } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[1].makr");
    assertThat(e.getMessage()).contains("unknown parameter; parameters of layer stamp: [mark]");
  }

  @Test
  void badLayerValue_namesTheFullKeyAndWhatIsAllowed() {
    InvalidConfigException e = invalid(() -> open("layers = [ { name = stamp, mark = 200 } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].mark");
    assertThat(e.getMessage()).isEqualTo("stamp: invalid configuration storagedriver.layers[0].mark: value 200 "
        + "is not allowed; expected an integer from 0 to 127");
  }

  @Test
  void entryWithoutName_saysTheNameIsRequired() {
    InvalidConfigException e = invalid(() -> open("layers = [ { mark = 2 } ]"));
    assertThat(e.key()).isEqualTo("storagedriver.layers[0].name");
    assertThat(e.getMessage()).contains("is required").contains("[dropappend, stamp]");
  }

  @Test
  void layersNotAList_isAnInvalidConfig() {
    InvalidConfigException e = invalid(() -> open("layers = stamp"));
    assertThat(e.key()).isEqualTo("storagedriver.layers");
    assertThat(e.getMessage()).contains("expected a list of layers");
  }

  @Test
  void layerRemovingACapabilityItDoesNotDeclare_isRefused() {
    FakeBackend backend = new FakeBackend();
    backend.capabilities.add(Capability.RESUMABLE_APPEND);
    Throwable e = catchThrowable(() -> StorageLayers.load().stack(backend,
        ConfigFactory.parseString("storagedriver.layers = [dropappend]")));
    assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("RESUMABLE_APPEND");
    assertThat(backend.closed).as("the driver below a refused stack is closed").isTrue();
  }

  @Test
  void stack_overABackend_isUsableThroughThePortableLayer() throws Exception {
    StorageBackend stacked = StorageLayers.load().stack(new FakeBackend(),
        ConfigFactory.parseString("storagedriver.layers = [ { name = stamp, mark = 5 } ]"));
    try (StorageDriver driver = StorageDrivers.portable(stacked)) {
      assertThat(driver.name()).isEqualTo("fake");
      driver.putContent("/a", new byte[] {1});
      assertThat(driver.getContent("/a")).containsExactly(1, 5);
    }
  }
}
