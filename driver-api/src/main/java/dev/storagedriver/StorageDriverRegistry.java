package dev.storagedriver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageDriverFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The drivers on the class path, found with {@link java.util.ServiceLoader}, and the way to open one by name from
 * configuration:
 *
 * <pre>{@code
 * storagedriver {
 *   driver = filesystem
 *   filesystem { rootdirectory = /var/lib/registry }
 * }
 * }</pre>
 *
 * <p>One factory that fails to load does not hide the others: its failure is logged and reported if its driver
 * is asked for. Two factories with one name are an error when that name is opened, never a silent pick.
 *
 * <p>The layers that {@code storagedriver.layers} names (see {@link StorageLayers}) are found the same way, from
 * the same class loader, and stacked over the driver by {@link #open(Config)}.
 */
public final class StorageDriverRegistry {
  /** The configuration key that names the driver to open. */
  public static final String DRIVER_KEY = "storagedriver.driver";

  private final ClassLoader classLoader;
  private final ServiceIndex<StorageDriverFactory> factories;
  private final StorageLayers layers;

  private StorageDriverRegistry(ClassLoader classLoader, ServiceIndex<StorageDriverFactory> factories,
      StorageLayers layers) {
    this.classLoader = classLoader;
    this.factories = factories;
    this.layers = layers;
  }

  /**
   * The factories visible to this library's class loader: on the module path, the modules that provide {@link
   * StorageDriverFactory}; on the class path, the jars that list one in {@code META-INF/services}.
   *
   * @return the registry; factories that failed to load are left out and logged
   */
  public static StorageDriverRegistry load() {
    return load(StorageDriverRegistry.class.getClassLoader());
  }

  /**
   * The factories visible to {@code classLoader} (e.g. one that holds plug-in jars).
   *
   * @param classLoader where to look for driver and layer factories and their {@code reference.conf}
   * @return the registry
   */
  public static StorageDriverRegistry load(ClassLoader classLoader) {
    return new StorageDriverRegistry(classLoader,
        ServiceIndex.load(StorageDriverFactory.class, classLoader, StorageDriverFactory::name, "driver"),
        StorageLayers.load(classLoader));
  }

  /**
   * The registered driver names, sorted.
   *
   * @return every name some factory registered, including names registered twice (which cannot be opened)
   */
  public Set<String> names() {
    return factories.names();
  }

  /**
   * The factory registered under {@code name}, if exactly one is.
   *
   * @param name a driver name
   * @return the factory, or empty when none or several are registered under the name
   */
  public Optional<StorageDriverFactory> factory(String name) {
    return factories.single(name);
  }

  /**
   * The layers found with the drivers, which {@link #open(Config)} stacks as {@code storagedriver.layers} says.
   *
   * @return the layers
   */
  public StorageLayers layers() {
    return layers;
  }

  /**
   * Opens the driver that {@code storagedriver.driver} names in {@code config}, under the layers that {@code
   * storagedriver.layers} names.
   *
   * @param config the whole configuration; every module's defaults are added beneath it
   * @return the driver, through the portable layer
   * @throws StorageDriverException when the configuration is invalid or the driver cannot start
   */
  public StorageDriver open(Config config) throws StorageDriverException {
    Config resolved = withDefaults("registry", config);
    if (!resolved.hasPath(DRIVER_KEY)) {
      throw new InvalidConfigException("registry", DRIVER_KEY,
          "is required; expected one of the registered drivers " + names(), null);
    }
    String name;
    try {
      name = resolved.getString(DRIVER_KEY);
    } catch (ConfigException e) {
      throw new InvalidConfigException("registry", DRIVER_KEY,
          "expected a driver name, one of " + names(), e);
    }
    return open(name, resolved);
  }

  /**
   * Opens driver {@code name} with its parameters from {@code config} (the whole configuration, parameters
   * under {@code storagedriver.<name>}), ignoring {@code storagedriver.driver}, under the layers that {@code
   * storagedriver.layers} names.
   *
   * @param name the driver to open
   * @param config the whole configuration; every module's defaults are added beneath it
   * @return the driver, through the portable layer
   * @throws StorageDriverException when the configuration is invalid or the driver cannot start
   */
  public StorageDriver open(String name, Config config) throws StorageDriverException {
    StorageDriverFactory factory = factories.resolve(name, "registry", DRIVER_KEY);
    Config resolved = withDefaults(name, config);
    ServiceIndex.requireSection(resolved, "storagedriver." + name, name, "the parameters of driver " + name
        + " as an object, such as storagedriver." + name + " { ... }");
    checkKnownParameters(name, resolved);
    List<StorageLayers.Entry> stack = layers.entries(resolved);
    StorageBackend backend = factory.create(new DriverConfig(name, resolved));
    return StorageDrivers.portable(layers.stack(backend, stack));
  }

  private void checkKnownParameters(String name, Config resolved) throws InvalidConfigException {
    String prefix = "storagedriver." + name;
    Config reference = ConfigFactory.defaultReference(classLoader);
    if (!reference.hasPathOrNull(prefix) || !resolved.hasPathOrNull(prefix)) {
      return;
    }
    factories.checkKnownParameters(name, reference.getConfig(prefix), resolved.getConfig(prefix), prefix, Set.of());
  }

  /** The configuration over every module's defaults, with substitutions (such as {@code ${?ENV}}) resolved. */
  private Config withDefaults(String driver, Config config) throws InvalidConfigException {
    return StorageLayers.withDefaults(driver, config, classLoader);
  }

  @Override
  public String toString() {
    Map<String, String> view = new LinkedHashMap<>();
    factories.all().forEach((n, l) -> view.put(n, ServiceIndex.classNames(l)));
    return "StorageDriverRegistry" + view;
  }
}
