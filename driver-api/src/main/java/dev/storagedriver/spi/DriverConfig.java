package dev.storagedriver.spi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.storagedriver.InvalidConfigException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A driver's parameters ({@code storagedriver.<name>.*}) with typed getters whose errors name the full key, the
 * value given and what is allowed. Sizes accept HOCON units ({@code 10MiB}); durations too ({@code 30s}).
 * Values can come from the environment with HOCON substitution ({@code accesskeysecret =
 * ${?OSS_ACCESS_KEY_SECRET}}).
 */
public final class DriverConfig {
  /** The longest duration {@link #getDuration} accepts: 100 years, far beyond any sensible bound or delay. */
  public static final Duration MAX_DURATION = Duration.ofDays(36_500);

  private final String driverName;
  private final String prefix;
  private final Config config;

  /**
   * A view of {@code root} (the whole, resolved configuration) for driver {@code driverName}.
   *
   * @param driverName the driver's registered name; its parameters are those under {@code
   *     storagedriver.<driverName>}
   * @param root the whole configuration, resolved (substitutions done); a missing {@code
   *     storagedriver.<driverName>} section means no parameters are set
   */
  public DriverConfig(String driverName, Config root) {
    this.driverName = driverName;
    this.prefix = "storagedriver." + driverName;
    this.config = root.hasPath(prefix) ? root.getConfig(prefix) : com.typesafe.config.ConfigFactory.empty();
  }

  /**
   * The parameters {@code parameters} of a component that is not configured at {@code storagedriver.<name>}, such
   * as one entry of {@code storagedriver.layers}: errors name keys as {@code keyPrefix + "." + key}.
   *
   * @param name the component's name, which errors carry (a layer's name, e.g. {@code retry})
   * @param keyPrefix where the parameters sit in the user's configuration, e.g. {@code storagedriver.layers[0]}
   * @param parameters the parameters themselves, defaults included
   */
  public DriverConfig(String name, String keyPrefix, Config parameters) {
    this.driverName = name;
    this.prefix = keyPrefix;
    this.config = parameters;
  }

  /**
   * The driver these parameters are for.
   *
   * @return the driver's registered name, as given to the constructor
   */
  public String driverName() {
    return driverName;
  }

  /**
   * The full key of parameter {@code key}, e.g. {@code storagedriver.filesystem.rootdirectory}.
   *
   * @param key a parameter name relative to the driver's section, e.g. {@code rootdirectory}
   * @return {@code storagedriver.<driver>.<key>}, as error messages and users' configuration files name it
   */
  public String fullKey(String key) {
    return prefix + "." + key;
  }

  /**
   * The parameters as a Typesafe {@link Config}, for what the getters here do not cover.
   *
   * @return the driver's section, rooted at its parameter names; empty when the section is missing
   */
  public Config raw() {
    return config;
  }

  /**
   * Whether parameter {@code key} is set (not missing, not null).
   *
   * @param key a parameter name relative to the driver's section
   * @return {@code true} if the parameter has a value
   */
  public boolean has(String key) {
    return config.hasPath(key);
  }

  /**
   * A required string.
   *
   * @param key a parameter name relative to the driver's section
   * @return the value, never empty
   * @throws InvalidConfigException if the parameter is missing, empty, or not a string
   */
  public String getString(String key) throws InvalidConfigException {
    return getOptionalString(key).orElseThrow(() -> missing(key, "a string"));
  }

  /**
   * An optional string; an empty string counts as absent.
   *
   * @param key a parameter name relative to the driver's section
   * @return the value, or empty if the parameter is missing or empty
   * @throws InvalidConfigException if the parameter is set to something that is not a string (an object, a list)
   */
  public Optional<String> getOptionalString(String key) throws InvalidConfigException {
    return optionalString(key, false);
  }

  /**
   * An optional secret: like {@link #getOptionalString} but errors never show the value given.
   *
   * @param key a parameter name relative to the driver's section
   * @return the value, or empty if the parameter is missing or empty
   * @throws InvalidConfigException if the parameter is set to something that is not a string; the message
   *     names the key but not the value
   */
  public Optional<String> getOptionalSecret(String key) throws InvalidConfigException {
    return optionalString(key, true);
  }

  private Optional<String> optionalString(String key, boolean secret) throws InvalidConfigException {
    if (!config.hasPath(key)) {
      return Optional.empty();
    }
    try {
      String value = config.getString(key);
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (ConfigException e) {
      if (secret) {
        // The config library's message quotes the value: leave it out.
        throw new InvalidConfigException(driverName, fullKey(key), "expected a string (value not shown: secret)",
            null);
      }
      throw invalid(key, "a string", e);
    }
  }

  /**
   * A boolean ({@code true}, {@code false}, {@code yes}, {@code no}, {@code on}, {@code off}).
   *
   * @param key a parameter name relative to the driver's section
   * @param defaultValue the value when the parameter is missing
   * @return the value given, or {@code defaultValue}
   * @throws InvalidConfigException if the value given is not a boolean
   */
  public boolean getBoolean(String key, boolean defaultValue) throws InvalidConfigException {
    if (!config.hasPath(key)) {
      return defaultValue;
    }
    try {
      return config.getBoolean(key);
    } catch (ConfigException e) {
      throw invalid(key, "true or false", e);
    }
  }

  /**
   * An integer in {@code [min, max]}.
   *
   * @param key a parameter name relative to the driver's section
   * @param defaultValue the value when the parameter is missing; not checked against the bounds
   * @param min the smallest value allowed
   * @param max the largest value allowed
   * @return the value given, or {@code defaultValue}
   * @throws InvalidConfigException if the value given is not an integer (a fraction such as {@code 3.5} is not)
   *     or lies outside {@code [min, max]}
   */
  public int getInt(String key, int defaultValue, int min, int max) throws InvalidConfigException {
    if (!config.hasPath(key)) {
      return defaultValue;
    }
    int value;
    try {
      value = config.getInt(key);
    } catch (ConfigException e) {
      throw invalid(key, "an integer from " + min + " to " + max, e);
    }
    requireWholeNumber(key, "an integer from " + min + " to " + max);
    if (value < min || value > max) {
      throw invalid(key, "an integer from " + min + " to " + max, null);
    }
    return value;
  }

  /**
   * A number in {@code [min, max]}, such as a rate or a probability.
   *
   * @param key the parameter
   * @param defaultValue the value when the parameter is unset
   * @param min the smallest value allowed
   * @param max the largest value allowed
   * @return the value
   * @throws InvalidConfigException when the value is not a number in range
   */
  public double getDouble(String key, double defaultValue, double min, double max) throws InvalidConfigException {
    if (!config.hasPath(key)) {
      return defaultValue;
    }
    double value;
    try {
      value = config.getDouble(key);
    } catch (ConfigException e) {
      throw invalid(key, "a number from " + min + " to " + max, e);
    }
    if (!(value >= min && value <= max)) {
      throw invalid(key, "a number from " + min + " to " + max, null);
    }
    return value;
  }

  /**
   * A size in bytes in {@code [min, max]}; a bare number is bytes, units like {@code 5MiB} are allowed.
   *
   * @param key a parameter name relative to the driver's section
   * @param defaultValue the size in bytes when the parameter is missing; not checked against the bounds
   * @param min the smallest size allowed, in bytes
   * @param max the largest size allowed, in bytes
   * @return the size given in bytes, or {@code defaultValue}
   * @throws InvalidConfigException if the value given is not a size or lies outside {@code [min, max]}
   */
  public long getBytes(String key, long defaultValue, long min, long max) throws InvalidConfigException {
    if (!config.hasPath(key)) {
      return defaultValue;
    }
    String allowed = "a size from " + min + " to " + max + " bytes (units such as 5MiB allowed)";
    long value;
    try {
      value = config.getBytes(key);
    } catch (ConfigException e) {
      throw invalid(key, allowed, e);
    }
    requireWholeNumber(key, allowed);
    if (value < min || value > max) {
      throw invalid(key, allowed, null);
    }
    return value;
  }

  /**
   * The config library reads a bare {@code 25.9} (or a number beyond {@code long}, kept as a double) as an integer
   * by cutting it; a value with a fraction is not the integer asked for.
   */
  private void requireWholeNumber(String key, String allowed) throws InvalidConfigException {
    ConfigValue value = config.getValue(key);
    if (value.valueType() == ConfigValueType.NUMBER
        && !(value.unwrapped() instanceof Integer || value.unwrapped() instanceof Long)) {
      throw invalid(key, allowed, null);
    }
  }

  /**
   * A duration from {@code min} to {@link #MAX_DURATION} ({@code 30s}, {@code 5 minutes}; a bare number is
   * milliseconds).
   *
   * @param key a parameter name relative to the driver's section
   * @param defaultValue the duration when the parameter is missing; not checked against {@code min}
   * @param min the shortest duration allowed
   * @return the duration given, or {@code defaultValue}
   * @throws InvalidConfigException if the value given is not a duration, is shorter than {@code min} or longer
   *     than {@link #MAX_DURATION}
   */
  public Duration getDuration(String key, Duration defaultValue, Duration min) throws InvalidConfigException {
    if (!config.hasPath(key)) {
      return defaultValue;
    }
    String allowed = "a duration of at least " + min + " and at most " + MAX_DURATION.toDays() + "d (e.g. 30s)";
    Duration value;
    try {
      value = config.getDuration(key);
    } catch (ConfigException e) {
      throw invalid(key, allowed, e);
    }
    // The config library saturates what does not fit a long of nanoseconds (1000000d is silently 292 years):
    // the cap keeps every duration a layer or driver computes with, deadlines and backoff doublings, in range.
    if (value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
      throw invalid(key, allowed, null);
    }
    return value;
  }

  /**
   * One of an enum's constants, matched without regard to case or {@code -}/{@code _}.
   *
   * @param <E> the enum type
   * @param key a parameter name relative to the driver's section
   * @param type the enum's class, whose constants are the values allowed
   * @param defaultValue the constant when the parameter is missing or empty
   * @return the constant named, or {@code defaultValue}
   * @throws InvalidConfigException if the value names no constant; the message lists them all
   */
  public <E extends Enum<E>> E getEnum(String key, Class<E> type, E defaultValue) throws InvalidConfigException {
    Optional<String> given = getOptionalString(key);
    if (given.isEmpty()) {
      return defaultValue;
    }
    String normalised = given.get().trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(normalised)) {
        return constant;
      }
    }
    String allowed = "one of " + Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    throw invalid(key, allowed, null);
  }

  /**
   * An error for parameter {@code key}: the value given and {@code allowed}. For checks the getters here do not
   * make.
   *
   * @param key a parameter name relative to the driver's section
   * @param allowed what would have been accepted, as a phrase after "expected" (e.g. {@code "an absolute
   *     path"})
   * @param cause what rejected the value, or {@code null}
   * @return the error to throw, naming the driver, the full key and the value given
   */
  public InvalidConfigException invalid(String key, String allowed, Throwable cause) {
    return new InvalidConfigException(driverName, fullKey(key),
        "value " + rendered(key) + " is not allowed; expected " + allowed, cause);
  }

  /**
   * An error for a required parameter {@code key} that is missing.
   *
   * @param key a parameter name relative to the driver's section
   * @param allowed what the parameter takes, as a phrase after "expected" (e.g. {@code "a bucket name"})
   * @return the error to throw, naming the driver and the full key
   */
  public InvalidConfigException missing(String key, String allowed) {
    return new InvalidConfigException(driverName, fullKey(key), "is required; expected " + allowed, null);
  }

  private String rendered(String key) {
    try {
      ConfigValue value = config.getValue(key);
      return value.render(ConfigRenderOptions.concise());
    } catch (ConfigException e) {
      return "(none)";
    }
  }
}
