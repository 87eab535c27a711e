package dev.storagedriver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageLayerFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The layers on the class path ({@link StorageLayerFactory}, found with {@link java.util.ServiceLoader}) and the
 * way to stack them over a driver from configuration:
 *
 * <pre>{@code
 * storagedriver {
 *   driver = filesystem
 *   layers = [
 *     { name = metrics }                      # outermost: sees every call as the application makes it
 *     { name = retry, maxattempts = 5 }       # each attempt below it is a separate call
 *     { name = timeout, operation = 10s }     # innermost: bounds one attempt
 *   ]
 * }
 * }</pre>
 *
 * <p><b>Order.</b> The first layer listed is the outermost: a call passes through the layers in the order they
 * are listed and then reaches the driver; results and failures come back in the opposite order. The portable
 * layer (path checks, typed errors) stays in front of them all, so layers see valid paths only. An entry may be
 * a bare name ({@code layers = [retry, logging]}) when the defaults suit.
 *
 * <p><b>Parameters.</b> A layer's defaults sit in its module's {@code reference.conf} under {@code
 * storagedriver.layer.<name>} (an application may override them there for every use of the layer); an entry's
 * own keys override them. A key the defaults do not declare is reported as misspelt, a bad value names the full
 * key ({@code storagedriver.layers[1].maxattempts}), and an unknown name lists the registered layers, exactly as
 * for drivers.
 */
public final class StorageLayers {
  /** The configuration key that lists the layers, outermost first. */
  public static final String LAYERS_KEY = "storagedriver.layers";
  /** Where each layer's defaults sit: {@code storagedriver.layer.<name>}. */
  public static final String DEFAULTS_KEY = "storagedriver.layer";
  /** The key of an entry that names its layer. */
  public static final String NAME_KEY = "name";

  private final ClassLoader classLoader;
  private final ServiceIndex<StorageLayerFactory> factories;

  private StorageLayers(ClassLoader classLoader, ServiceIndex<StorageLayerFactory> factories) {
    this.classLoader = classLoader;
    this.factories = factories;
  }

  /**
   * The layers visible to this library's class loader.
   *
   * @return the layers
   */
  public static StorageLayers load() {
    return load(StorageLayers.class.getClassLoader());
  }

  /**
   * The layers visible to {@code classLoader} (e.g. one that holds plug-in jars).
   *
   * @param classLoader where to look for layer factories and their {@code reference.conf}
   * @return the layers
   */
  public static StorageLayers load(ClassLoader classLoader) {
    return new StorageLayers(classLoader,
        ServiceIndex.load(StorageLayerFactory.class, classLoader, StorageLayerFactory::name, "layer"));
  }

  /**
   * The registered layer names, sorted.
   *
   * @return the names
   */
  public Set<String> names() {
    return factories.names();
  }

  /**
   * The factory registered under {@code name}, if exactly one is.
   *
   * @param name a layer name
   * @return the factory, or empty
   */
  public Optional<StorageLayerFactory> factory(String name) {
    return factories.single(name);
  }

  /**
   * The defaults of layer {@code name} from the modules' {@code reference.conf}, for listing its parameters.
   *
   * @param name a layer name
   * @return its parameters with their defaults ({@code null} for an optional one without a default), empty when
   *     the layer ships none
   */
  public Config defaults(String name) {
    Config reference = ConfigFactory.defaultReference(classLoader);
    String path = DEFAULTS_KEY + "." + name;
    return reference.hasPathOrNull(path) ? reference.getConfig(path) : ConfigFactory.empty();
  }

  /**
   * Stacks the layers that {@code storagedriver.layers} in {@code config} names over {@code driver}. On failure
   * the layers made so far and {@code driver} are closed.
   *
   * @param driver the driver's backend, the bottom of the stack
   * @param config the whole configuration; every module's defaults are added beneath it
   * @return the outermost layer, or {@code driver} itself when no layer is configured
   * @throws StorageDriverException when the layer configuration is invalid or a layer cannot start
   */
  public StorageBackend stack(StorageBackend driver, Config config) throws StorageDriverException {
    List<Entry> entries;
    try {
      entries = entries(withDefaults("registry", config, classLoader));
    } catch (StorageDriverException e) {
      closeQuietly(driver, e);
      throw e;
    }
    return stack(driver, entries);
  }

  /** One checked entry of {@code storagedriver.layers}. */
  record Entry(int index, String name, StorageLayerFactory factory, DriverConfig config) {}

  /** Every entry of {@code storagedriver.layers}, checked, outermost first, before anything is opened. */
  List<Entry> entries(Config resolved) throws InvalidConfigException {
    if (!resolved.hasPath(LAYERS_KEY)) {
      return List.of();
    }
    ServiceIndex.requireSection(resolved, DEFAULTS_KEY, "registry",
        "the layers' defaults by name, such as " + DEFAULTS_KEY + ".retry { maxattempts = 5 }");
    List<? extends ConfigValue> list;
    try {
      list = resolved.getList(LAYERS_KEY);
    } catch (ConfigException e) {
      throw new InvalidConfigException("registry", LAYERS_KEY,
          "expected a list of layers, outermost first, such as [ { name = retry }, { name = logging } ]; "
              + "registered layers: " + names(), e);
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      entries.add(entry(i, list.get(i), resolved));
    }
    return entries;
  }

  private Entry entry(int index, ConfigValue value, Config resolved) throws InvalidConfigException {
    String key = LAYERS_KEY + "[" + index + "]";
    Config given;
    if (value.valueType() == ConfigValueType.STRING) {
      given = ConfigFactory.empty().withValue(NAME_KEY, value);
    } else if (value.valueType() == ConfigValueType.OBJECT) {
      given = ((ConfigObject) value).toConfig();
    } else {
      throw new InvalidConfigException("registry", key,
          "expected a layer: a name or { name = ..., parameters }; registered layers: " + names(), null);
    }
    if (!given.hasPath(NAME_KEY) || given.getValue(NAME_KEY).valueType() != ConfigValueType.STRING) {
      throw new InvalidConfigException("registry", key + "." + NAME_KEY,
          "is required; expected one of the registered layers " + names(), null);
    }
    String name = given.getString(NAME_KEY);
    StorageLayerFactory factory = factories.resolve(name, "registry", key + "." + NAME_KEY);
    String defaultsPath = DEFAULTS_KEY + "." + name;
    ServiceIndex.requireSection(resolved, defaultsPath, name,
        "the layer's parameters, such as " + defaultsPath + " { ... }");
    Config shared = resolved.hasPath(defaultsPath) ? resolved.getConfig(defaultsPath) : ConfigFactory.empty();
    // A layer that declares its parameters (even none: an empty section) has every other key reported, in its
    // entry and in the section of application.conf that changes its defaults for every use.
    if (ConfigFactory.defaultReference(classLoader).hasPathOrNull(defaultsPath)) {
      Config reference = defaults(name);
      factories.checkKnownParameters(name, reference, given, key, Set.of(NAME_KEY));
      factories.checkKnownParameters(name, reference, shared, defaultsPath, Set.of());
    }
    Config parameters = given.withoutPath(NAME_KEY).withFallback(shared);
    return new Entry(index, name, factory, new DriverConfig(name, key, parameters));
  }

  /** Makes the layers of {@code entries} over {@code driver}, innermost first. */
  StorageBackend stack(StorageBackend driver, List<Entry> entries) throws StorageDriverException {
    StorageBackend top = driver;
    for (int i = entries.size() - 1; i >= 0; i--) {
      Entry entry = entries.get(i);
      StorageBackend layer;
      try {
        layer = entry.factory().create(top, entry.config());
        checkCapabilities(entry, top, layer);
      } catch (StorageDriverException | RuntimeException e) {
        closeQuietly(top, e);
        throw e;
      }
      top = layer;
    }
    return top;
  }

  /** A layer may only take away what it says it takes away, and never promise what the backend below lacks. */
  private static void checkCapabilities(Entry entry, StorageBackend below, StorageBackend layer) {
    Set<Capability> added = EnumSet.noneOf(Capability.class);
    added.addAll(layer.capabilities());
    added.removeAll(below.capabilities());
    Set<Capability> removed = EnumSet.noneOf(Capability.class);
    removed.addAll(below.capabilities());
    removed.removeAll(layer.capabilities());
    removed.removeAll(entry.factory().removedCapabilities());
    if (!added.isEmpty() || !removed.isEmpty()) {
      throw new IllegalStateException("layer " + entry.name() + " (" + entry.factory().getClass().getName()
          + ") breaks its capability promise: it adds " + added + " the backend below lacks and removes " + removed
          + " without declaring it in removedCapabilities()");
    }
  }

  private static void closeQuietly(StorageBackend backend, Exception failure) {
    try {
      backend.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** {@code config} over every module's defaults, with substitutions (such as {@code ${?ENV}}) resolved. */
  static Config withDefaults(String component, Config config, ClassLoader classLoader)
      throws InvalidConfigException {
    try {
      return config.withFallback(ConfigFactory.defaultReference(classLoader)).resolve();
    } catch (ConfigException e) {
      // e.g. ${OSS_ACCESS_KEY_SECRET} with the variable unset: the config library's message names it and where.
      throw new InvalidConfigException(component, "storagedriver", e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "StorageLayers" + names();
  }
}
