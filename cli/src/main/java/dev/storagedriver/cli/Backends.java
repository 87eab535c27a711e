package dev.storagedriver.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigObject;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDriverRegistry;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where drivers and their configuration come from: the tool's own class path plus the {@code --plugins} jars
 * (one class loader for both the drivers and their {@code reference.conf} defaults), and a configuration file,
 * or the built-in default (the filesystem driver under {@code ./data}).
 */
final class Backends {
  /** The configuration used without {@code --config}. */
  static final String DEFAULT_CONFIG_RESOURCE = "dev/storagedriver/cli/default.conf";

  private static final String ROOT_KEY = "storagedriver";

  private final ClassLoader loader;
  private final StorageDriverRegistry registry;

  private Backends(ClassLoader loader) {
    this.loader = loader;
    this.registry = StorageDriverRegistry.load(loader);
  }

  /** The drivers on the class path plus those in {@code plugins} (jars, or directories of jars). */
  static Backends withPlugins(List<Path> plugins) {
    ClassLoader parent = Backends.class.getClassLoader();
    if (plugins.isEmpty()) {
      return new Backends(parent);
    }
    List<URL> jars = new ArrayList<>();
    for (Path plugin : plugins) {
      if (Files.isDirectory(plugin)) {
        try (Stream<Path> files = Files.list(plugin)) {
          List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
          if (found.isEmpty()) {
            throw new CliException(ExitCodes.CONFIG, "plug-in directory " + plugin + " holds no .jar file");
          }
          for (Path jar : found) {
            checkJar(jar);
            jars.add(url(jar));
          }
        } catch (IOException e) {
          throw new CliException(ExitCodes.CONFIG, "cannot read plug-in directory " + plugin + ": " + e, e);
        }
      } else if (Files.isRegularFile(plugin)) {
        checkJar(plugin);
        jars.add(url(plugin));
      } else {
        throw new CliException(ExitCodes.CONFIG, "plug-in " + plugin + " does not exist (give a jar or a directory "
            + "of jars)");
      }
    }
    // The tool's loader stays the parent, so plug-ins see the same driver API classes the registry uses.
    return new Backends(new URLClassLoader("storagedriver-plugins", jars.toArray(URL[]::new), parent));
  }

  /** A class loader skips what it cannot open, silently; a plug-in that is not a jar is a mistake to name. */
  private static void checkJar(Path jar) {
    try {
      new JarFile(jar.toFile()).close(); // it opens: a zip with a readable directory
    } catch (IOException e) {
      throw new CliException(ExitCodes.CONFIG, "plug-in " + jar + " is not a jar (" + e.getMessage() + ")", e);
    }
  }

  private static URL url(Path jar) {
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new CliException(ExitCodes.CONFIG, "bad plug-in path " + jar, e);
    }
  }

  /** The registered driver names. */
  StorageDriverRegistry registry() {
    return registry;
  }

  /**
   * The configuration in {@code file} (or the default when null) with system-property overrides on top and every
   * driver's {@code reference.conf} below, resolved.
   */
  Config load(Path file) {
    return load(file, Optional.empty());
  }

  /**
   * As {@link #load(Path)}, with {@code overrides} (HOCON) on top of the file, below system properties.
   *
   * @throws CliException with {@link ExitCodes#CONFIG} for a missing file or an unknown key under {@code
   *     storagedriver}
   */
  Config load(Path file, Optional<String> overrides) {
    Config given;
    if (file == null) {
      given = ConfigFactory.parseResources(Backends.class.getClassLoader(), DEFAULT_CONFIG_RESOURCE);
    } else {
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCodes.CONFIG, "config file " + file + (Files.exists(file)
            ? " is not a file (a directory?); give the HOCON file itself" : " does not exist"));
      }
      // Absolute, so that `include "other.conf"` resolves next to the file even when the file is given as a bare
      // name: Typesafe Config resolves includes against the file's parent, and a bare name has none.
      given = ConfigFactory.parseFile(file.toAbsolutePath().toFile(),
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false).setClassLoader(loader));
      checkTopLevelKeys(file, given);
    }
    if (overrides.isPresent()) {
      given = ConfigFactory.parseString(overrides.get()).withFallback(given);
    }
    return ConfigFactory.load(loader, given);
  }

  /**
   * The registry names a misspelt parameter inside a driver's section, but a misspelt top-level key ({@code drivr
   * = oss}) would only show as "storagedriver.driver is required": name it.
   */
  private void checkTopLevelKeys(Path file, Config given) {
    // through root(), not getObject: the file is not resolved yet (it may hold ${?ENV} substitutions)
    if (!(given.root().get(ROOT_KEY) instanceof ConfigObject section)) {
      return;
    }
    Set<String> known = new TreeSet<>(registry.names());
    known.add("driver");
    known.add("tck"); // the kit's sizes (TckSettings)
    // and whatever the reference.conf files on the class path and in plug-ins define (e.g. layers)
    if (ConfigFactory.defaultReference(loader).root().get(ROOT_KEY) instanceof ConfigObject defaults) {
      known.addAll(defaults.keySet());
    }
    for (String key : section.keySet()) {
      if (!known.contains(key)) {
        throw new CliException(ExitCodes.CONFIG, "config file " + file + ": unknown key " + ROOT_KEY + "."
            + Main.printable(key) + "; expected one of " + known);
      }
    }
  }

  /** Opens the driver that {@code file} (or the default) configures. */
  StorageDriver open(Path file) throws StorageDriverException {
    return registry.open(load(file));
  }

  /** Opens driver {@code config} names. */
  StorageDriver open(Config config) throws StorageDriverException {
    return registry.open(config);
  }
}
