package dev.storagedriver.tck;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * Sizes and counts the kit uses. The defaults keep a run short; set system properties to run at Distribution's
 * full sizes, e.g. {@code -Dstoragedriver.tck.largeStreamSize=5GiB}. Sizes accept units ({@code 32MiB}).
 *
 * @param largeStreamSize bytes of the large stream test ({@code storagedriver.tck.largeStreamSize}, default 16
 *     MiB; Distribution uses 5 GiB)
 * @param appendChunkSize bytes per session of the multi-chunk append test ({@code
 *     storagedriver.tck.appendChunkSize}, default 6 MiB, above the 5 MiB minimum part of object stores)
 * @param concurrentReadFileSize bytes of the file read by concurrent readers ({@code
 *     storagedriver.tck.concurrentReadFileSize}, default 4 MiB; Distribution uses 128 MiB)
 * @param concurrentReaders readers at once ({@code storagedriver.tck.concurrentReaders}, default 10)
 * @param concurrentWriters writers at once ({@code storagedriver.tck.concurrentWriters}, default 8;
 *     Distribution uses 32)
 * @param concurrentWriteSize bytes per concurrent writer ({@code storagedriver.tck.concurrentWriteSize}, default 1
 *     MiB; Distribution uses 32 MiB)
 * @param modTimeGranularity the coarsest modification-time resolution the backend may have ({@code
 *     storagedriver.tck.modTimeGranularity}, default 1 s): the modTime test waits this long between writes
 */
public record TckSettings(
    long largeStreamSize,
    int appendChunkSize,
    int concurrentReadFileSize,
    int concurrentReaders,
    int concurrentWriters,
    int concurrentWriteSize,
    Duration modTimeGranularity) {

  private static final String PREFIX = "storagedriver.tck.";

  /**
   * The settings from system properties, with the defaults above.
   *
   * @return the settings; a property that is set but not a number or size fails the call
   */
  public static TckSettings fromSystemProperties() {
    return new TckSettings(
        bytes("largeStreamSize", 16L << 20),
        (int) bytes("appendChunkSize", 6L << 20),
        (int) bytes("concurrentReadFileSize", 4L << 20),
        (int) number("concurrentReaders", 10),
        (int) number("concurrentWriters", 8),
        (int) bytes("concurrentWriteSize", 1L << 20),
        Duration.ofMillis(number("modTimeGranularityMillis", 1000)));
  }

  private static long bytes(String name, long defaultValue) {
    String value = System.getProperty(PREFIX + name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return ConfigFactory.parseString("v = \"" + value + "\"").getBytes("v");
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          "system property " + PREFIX + name + " = \"" + value + "\" is not a size (e.g. 16MiB)", e);
    }
  }

  private static long number(String name, long defaultValue) {
    String value = System.getProperty(PREFIX + name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "system property " + PREFIX + name + " = \"" + value + "\" is not a whole number", e);
    }
  }
}
