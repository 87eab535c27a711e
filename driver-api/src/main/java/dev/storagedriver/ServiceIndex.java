package dev.storagedriver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named plug-ins (driver factories, layer factories) found with {@link ServiceLoader}. One that fails to load
 * does not hide the others: its failure is logged and reported if its name is asked for. Two with one name are an
 * error when that name is asked for, never a silent pick.
 *
 * @param <F> the plug-in type
 */
final class ServiceIndex<F> {
  private static final Logger log = LoggerFactory.getLogger(ServiceIndex.class);

  /** What the plug-ins are, in messages: {@code driver} or {@code layer}. */
  private final String noun;
  private final Map<String, List<F>> byName;
  private final List<String> loadFailures;

  private ServiceIndex(String noun, Map<String, List<F>> byName, List<String> loadFailures) {
    this.noun = noun;
    this.byName = byName;
    this.loadFailures = loadFailures;
  }

  static <F> ServiceIndex<F> load(Class<F> type, ClassLoader classLoader, Function<F, String> nameOf,
      String noun) {
    Map<String, List<F>> found = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    Iterator<F> it = ServiceLoader.load(type, classLoader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        F plugin = it.next();
        found.computeIfAbsent(nameOf.apply(plugin), n -> new ArrayList<>()).add(plugin);
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        log.warn("a storage {} factory failed to load and is left out: {}", noun, e.toString());
        failures.add(e.toString());
      }
    }
    found.forEach((name, list) -> {
      if (list.size() > 1) {
        log.warn("storage {} name '{}' is registered by {} factories: {}", noun, name, list.size(),
            classNames(list));
      }
    });
    return new ServiceIndex<>(noun, Collections.unmodifiableMap(found), List.copyOf(failures));
  }

  Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
  }

  Optional<F> single(String name) {
    List<F> list = byName.get(name);
    return list == null || list.size() != 1 ? Optional.empty() : Optional.of(list.get(0));
  }

  Map<String, List<F>> all() {
    return byName;
  }

  /**
   * The one plug-in named {@code name}; otherwise an error for {@code key} that lists the registered names or
   * the classes claiming the name.
   */
  F resolve(String name, String component, String key) throws InvalidConfigException {
    List<F> list = byName.get(name);
    if (list == null) {
      String message = "unknown " + noun + " \"" + name + "\"; registered " + noun + "s: " + names();
      if (!loadFailures.isEmpty()) {
        message += "; factories that failed to load: " + loadFailures;
      }
      throw new InvalidConfigException(component, key, message, null);
    }
    if (list.size() > 1) {
      throw new InvalidConfigException(component, key,
          noun + " name \"" + name + "\" is registered by more than one factory: " + classNames(list)
              + "; remove all but one from the class path", null);
    }
    return list.get(0);
  }

  /**
   * A parameter in {@code given} that {@code reference} (the component's defaults from the modules' {@code
   * reference.conf}) does not declare is most likely misspelt: fail rather than run with a default the user did
   * not mean.
   *
   * @param keyPrefix where {@code given} sits in the user's configuration, for the error's key
   * @param ignored keys of {@code given} that are not parameters (a layer entry's {@code name})
   */
  void checkKnownParameters(String name, Config reference, Config given, String keyPrefix, Set<String> ignored)
      throws InvalidConfigException {
    Set<String> known = reference.root().keySet();
    Set<String> unknown = new TreeSet<>(given.root().keySet());
    unknown.removeAll(known);
    unknown.removeAll(ignored);
    if (!unknown.isEmpty()) {
      throw new InvalidConfigException(name, keyPrefix + "." + unknown.iterator().next(),
          "unknown parameter; parameters of " + noun + " " + name + ": " + new TreeSet<>(known), null);
    }
  }

  /**
   * {@code key} given as something other than a section ({@code storagedriver.<driver> = 5}, {@code = null}) is
   * said as a configuration error of {@code component} naming the key, rather than the config library's exception
   * escaping from a later read, or a value silently hiding the defaults below it.
   *
   * @param expected what belongs there, e.g. {@code "the parameters of driver x as an object, such as ..."}
   */
  static void requireSection(Config config, String key, String component, String expected)
      throws InvalidConfigException {
    if (!config.hasPathOrNull(key)) {
      return;
    }
    if (config.getIsNull(key) || config.getValue(key).valueType() != ConfigValueType.OBJECT) {
      String given = config.getIsNull(key) ? "null" : config.getValue(key).render(ConfigRenderOptions.concise());
      throw new InvalidConfigException(component, key, "value " + given + " is not allowed; expected " + expected,
          null);
    }
  }

  static String classNames(List<?> list) {
    return list.stream().map(f -> f.getClass().getName()).collect(Collectors.joining(", "));
  }
}
