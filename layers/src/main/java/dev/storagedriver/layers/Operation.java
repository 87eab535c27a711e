package dev.storagedriver.layers;

import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.InvalidConfigException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The operations of a backend, as layers name them in configuration, logs, metrics and spans. */
public enum Operation {
  /** {@code getContent}. */
  GET_CONTENT("getContent"),
  /** {@code putContent}. */
  PUT_CONTENT("putContent"),
  /** {@code reader}: opening a stream (and, for layers that say so, reading it). */
  READER("reader"),
  /** {@code writer}: opening a writer (and, for layers that say so, writing and committing it). */
  WRITER("writer"),
  /** {@code stat}. */
  STAT("stat"),
  /** {@code list}. */
  LIST("list"),
  /** {@code move}. */
  MOVE("move"),
  /** {@code delete}. */
  DELETE("delete"),
  /** {@code redirectUrl}. */
  REDIRECT_URL("redirectUrl"),
  /** {@code walk}. */
  WALK("walk"),
  /** {@code pendingWrites}. */
  PENDING_WRITES("pendingWrites"),
  /** {@code purgePendingWrites}. */
  PURGE_PENDING_WRITES("purgePendingWrites");

  private final String configName;

  Operation(String configName) {
    this.configName = configName;
  }

  /**
   * The name in configuration, logs, metrics and spans: the method's name, e.g. {@code getContent}.
   *
   * @return the name
   */
  public String configName() {
    return configName;
  }

  /**
   * The operations listed under {@code key} (names as {@link #configName()}, case ignored), or {@code
   * defaultValue} when the key is unset.
   *
   * @param config the layer's parameters
   * @param key the parameter holding a list of operation names
   * @param defaultValue the operations when the key is unset
   * @return the operations
   * @throws InvalidConfigException when the value is not a list of operation names
   */
  public static Set<Operation> parseList(DriverConfig config, String key, Set<Operation> defaultValue)
      throws InvalidConfigException {
    if (!config.has(key)) {
      return defaultValue;
    }
    String allowed = "a list of operations from " + Arrays.stream(values()).map(Operation::configName)
        .collect(Collectors.joining(", ", "[", "]"));
    List<String> names;
    try {
      names = config.raw().getStringList(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw config.invalid(key, allowed, e);
    }
    Set<Operation> found = EnumSet.noneOf(Operation.class);
    for (String name : names) {
      Operation match = null;
      for (Operation op : values()) {
        if (op.configName.toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT))) {
          match = op;
        }
      }
      if (match == null) {
        throw config.invalid(key, allowed + " (\"" + name + "\" is none of them)", null);
      }
      found.add(match);
    }
    return found;
  }

  @Override
  public String toString() {
    return configName;
  }
}
