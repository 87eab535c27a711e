package dev.storagedriver.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Which store a configuration names, and where in it a path lies, so that {@code cp -r} and {@code sync} can tell
 * when SOURCE and DESTINATION are trees of one store, one inside the other, even through two configuration files
 * (the same file twice, or a {@code rootdirectory} inside the other's, or a {@code prefix} layer).
 *
 * <p>A store is identified by its driver and, for the filesystem driver, the real path of its root directory; for
 * a driver with a {@code bucket} parameter (oss, s3), the bucket (endpoints are spelled in many ways, bucket names
 * are global); for any other driver, all of its parameters. So two configurations of one store with different
 * tuning (threads, chunk sizes, credentials) are still one store. The comparison errs towards "the same store":
 * refusing a copy that was safe costs a second command, a copy into its own source can delete it.
 *
 * <p>Telling that two paths are one file (which a copy then skips as unchanged, even with {@code --force}) needs
 * certainty, not suspicion: two S3-compatible servers may hold buckets of one name. So {@link #same} asks for the
 * whole driver section to be equal, its root aside.
 *
 * @param identity what names the store, loosely (the driver and its identifying parameters)
 * @param exact the driver and all of its parameters but the root directory
 * @param root the store's root directory and every {@code prefix} layer's path, joined; {@code ""} for the top
 */
record StoreLocation(Config identity, Config exact, String root) {
  private static final String SECTION = "storagedriver";

  /** The store {@code config} (loaded and resolved) names. */
  static StoreLocation of(Config config) {
    String driver = config.getString(SECTION + ".driver");
    String key = SECTION + "." + ConfigUtil.quoteString(driver);
    Config parameters = config.hasPath(key) ? config.getConfig(key) : ConfigFactory.empty();
    String root = "";
    if (parameters.hasPath("rootdirectory")) {
      String given = parameters.getString("rootdirectory");
      root = driver.equals("filesystem") ? localRoot(given) : joined("", given);
      parameters = parameters.withoutPath("rootdirectory");
    }
    Config exact = parameters.atKey(ConfigUtil.quoteString(driver));
    if (driver.equals("filesystem")) {
      parameters = ConfigFactory.empty();
    } else if (parameters.hasPath("bucket")) {
      parameters = parameters.withOnlyPath("bucket");
    }
    return new StoreLocation(parameters.atKey(ConfigUtil.quoteString(driver)), exact, root + prefixes(config));
  }

  /** The {@code path} parameters of the configured {@code prefix} layers, outermost last in the result. */
  private static String prefixes(Config config) {
    if (!config.hasPath(SECTION + ".layers")) {
      return "";
    }
    List<? extends ConfigValue> layers = config.getList(SECTION + ".layers");
    String joined = "";
    // the outermost layer is listed first and joins its path first, so the innermost's path comes first
    for (ConfigValue layer : layers) {
      if (layer instanceof ConfigObject object && "prefix".equals(String.valueOf(object.unwrapped().get("name")))
          && object.unwrapped().get("path") instanceof String path) {
        joined = joined("", path) + joined;
      }
    }
    return joined;
  }

  /** A local directory as one string for every spelling of it: absolute, normalized, links resolved. */
  private static String localRoot(String given) {
    Path path = Path.of(given).toAbsolutePath().normalize();
    try {
      path = path.toRealPath();
    } catch (IOException e) {
      // not there yet: compared as spelled, normalized
    }
    return joined("", path.toString().replace('\\', '/'));
  }

  /** {@code base} followed by {@code more}'s segments, each after a '/'; empty segments dropped. */
  private static String joined(String base, String more) {
    StringBuilder out = new StringBuilder(base);
    for (String segment : more.split("/")) {
      if (!segment.isEmpty()) {
        out.append('/').append(segment);
      }
    }
    return out.toString();
  }

  /** Whether {@code other} is this store (whatever the roots). */
  boolean sameStore(StoreLocation other) {
    return identity.equals(other.identity);
  }

  /** Where {@code path} (a storage path) lies in the store, comparable with another configuration's. */
  String of(String path) {
    return path.equals("/") ? root : root + path;
  }

  /**
   * Whether the tree at {@code path} here and the tree at {@code otherPath} in {@code other} are one inside the
   * other in one store (not the same tree: copying a tree onto itself finds every file unchanged).
   */
  boolean nests(String path, StoreLocation other, String otherPath) {
    if (!sameStore(other)) {
      return false;
    }
    String a = of(path);
    String b = other.of(otherPath);
    return !a.equals(b) && ((b + "/").startsWith(a + "/") || (a + "/").startsWith(b + "/"));
  }

  /** The store and {@code path}'s place in it as one string, for records that must name a file of a store. */
  String key(String path) {
    return exact.root().render(ConfigRenderOptions.concise()) + of(path);
  }

  /** Whether file {@code path} here is certainly file {@code otherPath} in {@code other}. */
  boolean same(String path, StoreLocation other, String otherPath) {
    return exact.equals(other.exact) && of(path).equals(other.of(otherPath));
  }
}
