package dev.storagedriver.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
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
import java.util.stream.Stream;

/**
 * Where drivers and their configuration come from: the tool's own class path plus the {@code --plugins} jars
 * (one class loader for both the drivers and their {@code reference.conf} defaults), and a configuration file,
 * or the built-in default (the filesystem driver under {@code ./data}).
 */
final class Backends {
  /** The configuration used without {@code --config}. */
  static final String DEFAULT_CONFIG_RESOURCE = "dev/storagedriver/cli/default.conf";

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
          files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(f -> jars.add(url(f)));
        } catch (IOException e) {
          throw new CliException(ExitCodes.CONFIG, "cannot read plug-in directory " + plugin + ": " + e, e);
        }
      } else if (Files.isRegularFile(plugin)) {
        jars.add(url(plugin));
      } else {
        throw new CliException(ExitCodes.CONFIG, "plug-in " + plugin + " does not exist (give a jar or a directory "
            + "of jars)");
      }
    }
    // The tool's loader stays the parent, so plug-ins see the same driver API classes the registry uses.
    return new Backends(new URLClassLoader("storagedriver-plugins", jars.toArray(URL[]::new), parent));
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
    Config given;
    if (file == null) {
      given = ConfigFactory.parseResources(Backends.class.getClassLoader(), DEFAULT_CONFIG_RESOURCE);
    } else {
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCodes.CONFIG, "config file " + file + " does not exist");
      }
      given = ConfigFactory.parseFile(file.toFile(),
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false).setClassLoader(loader));
    }
    return ConfigFactory.load(loader, given);
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
