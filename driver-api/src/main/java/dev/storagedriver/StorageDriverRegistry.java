package dev.storagedriver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.spi.StorageDriverFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drivers on the class path, found with {@link ServiceLoader}, and the way to open one by name from
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
 */
public final class StorageDriverRegistry {
  /** The configuration key that names the driver to open. */
  public static final String DRIVER_KEY = "storagedriver.driver";

  private static final Logger log = LoggerFactory.getLogger(StorageDriverRegistry.class);

  private final ClassLoader classLoader;
  private final Map<String, List<StorageDriverFactory>> factories;
  private final List<String> loadFailures;

  private StorageDriverRegistry(ClassLoader classLoader, Map<String, List<StorageDriverFactory>> factories,
      List<String> loadFailures) {
    this.classLoader = classLoader;
    this.factories = factories;
    this.loadFailures = loadFailures;
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
   * @param classLoader where {@link ServiceLoader} looks for factories, and where {@code reference.conf} files
   *     are read from
   * @return the registry; factories that failed to load are left out and logged
   */
  public static StorageDriverRegistry load(ClassLoader classLoader) {
    Map<String, List<StorageDriverFactory>> found = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    Iterator<StorageDriverFactory> it = ServiceLoader.load(StorageDriverFactory.class, classLoader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        StorageDriverFactory factory = it.next();
        found.computeIfAbsent(factory.name(), n -> new ArrayList<>()).add(factory);
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        log.warn("a storage driver factory failed to load and is left out: {}", e.toString());
        failures.add(e.toString());
      }
    }
    found.forEach((name, list) -> {
      if (list.size() > 1) {
        log.warn("storage driver name '{}' is registered by {} factories: {}", name, list.size(), classNames(list));
      }
    });
    return new StorageDriverRegistry(classLoader, Collections.unmodifiableMap(found), List.copyOf(failures));
  }

  /**
   * The registered driver names, sorted.
   *
   * @return every name some factory registered, including names registered twice (which cannot be opened)
   */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(factories.keySet()));
  }

  /**
   * The factory registered under {@code name}, if exactly one is.
   *
   * @param name a driver name
   * @return the factory, or empty when none or several are registered under the name
   */
  public Optional<StorageDriverFactory> factory(String name) {
    List<StorageDriverFactory> list = factories.get(name);
    return list == null || list.size() != 1 ? Optional.empty() : Optional.of(list.get(0));
  }

  /**
   * Opens the driver that {@code storagedriver.driver} names in {@code config}.
   *
   * @param config the whole configuration; the drivers' {@code reference.conf} defaults are added beneath it
   * @return the portable driver, open
   * @throws StorageDriverException an {@link InvalidConfigException} if {@code storagedriver.driver} is missing or
   *     names no registered driver, or a parameter is unknown or not allowed; or whatever the factory throws
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
   * under {@code storagedriver.<name>}), ignoring {@code storagedriver.driver}.
   *
   * @param name the registered name of the driver
   * @param config the whole configuration; the driver's {@code reference.conf} defaults are added beneath it
   * @return the portable driver, open
   * @throws StorageDriverException an {@link InvalidConfigException} if no driver (or more than one) is
   *     registered under {@code name}, or a parameter is unknown or not allowed; or whatever the factory throws
   */
  public StorageDriver open(String name, Config config) throws StorageDriverException {
    StorageDriverFactory factory = resolveFactory(name);
    Config resolved = withDefaults(name, config);
    checkKnownParameters(name, resolved);
    StorageBackend backend = factory.create(new DriverConfig(name, resolved));
    return StorageDrivers.portable(backend);
  }

  private StorageDriverFactory resolveFactory(String name) throws InvalidConfigException {
    List<StorageDriverFactory> list = factories.get(name);
    if (list == null) {
      String message = "unknown driver \"" + name + "\"; registered drivers: " + names();
      if (!loadFailures.isEmpty()) {
        message += "; factories that failed to load: " + loadFailures;
      }
      throw new InvalidConfigException(name, DRIVER_KEY, message, null);
    }
    if (list.size() > 1) {
      throw new InvalidConfigException(name, DRIVER_KEY,
          "driver name \"" + name + "\" is registered by more than one factory: " + classNames(list)
              + "; remove all but one from the class path", null);
    }
    return list.get(0);
  }

  /**
   * A parameter the driver's {@code reference.conf} does not declare is most likely misspelt: fail rather than
   * run with a default the user did not mean.
   */
  private void checkKnownParameters(String name, Config resolved) throws InvalidConfigException {
    String prefix = "storagedriver." + name;
    Config reference = ConfigFactory.defaultReference(classLoader);
    if (!reference.hasPathOrNull(prefix) || !resolved.hasPathOrNull(prefix)) {
      return;
    }
    Set<String> known = reference.getConfig(prefix).root().keySet();
    Set<String> given = new TreeSet<>(resolved.getConfig(prefix).root().keySet());
    given.removeAll(known);
    if (!given.isEmpty()) {
      throw new InvalidConfigException(name, prefix + "." + given.iterator().next(),
          "unknown parameter; parameters of driver " + name + ": " + new TreeSet<>(known), null);
    }
  }

  /** The configuration over every module's defaults, with substitutions (such as {@code ${?ENV}}) resolved. */
  private Config withDefaults(String driver, Config config) throws InvalidConfigException {
    try {
      return config.withFallback(ConfigFactory.defaultReference(classLoader)).resolve();
    } catch (ConfigException e) {
      // e.g. ${OSS_ACCESS_KEY_SECRET} with the variable unset: the config library's message names it and where.
      throw new InvalidConfigException(driver, "storagedriver", e.getMessage(), e);
    }
  }

  private static String classNames(List<StorageDriverFactory> list) {
    return list.stream().map(f -> f.getClass().getName()).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    Map<String, String> view = new LinkedHashMap<>();
    factories.forEach((n, l) -> view.put(n, classNames(l)));
    return "StorageDriverRegistry" + view;
  }
}
