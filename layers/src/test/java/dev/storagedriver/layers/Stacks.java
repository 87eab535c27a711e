package dev.storagedriver.layers;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StorageLayers;
import dev.storagedriver.oss.emulator.OssEmulator;
import dev.storagedriver.spi.StorageBackend;
import dev.storagedriver.tck.TckSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Stacks for the tests: layers from a HOCON list over a backend, as the registry stacks them. */
final class Stacks {
  /** Retry tuned for tests: quick backoff, enough attempts that injected faults never win. */
  static final String FAST_RETRY = "{ name = retry, maxattempts = 12, basedelay = 1ms, maxdelay = 4ms }";
  /**
   * Faults on every operation the retry layer may repeat, and cut readers; writers and the operations that are
   * never retried (move, delete, walk) are left alone, since a fault there must reach the caller.
   */
  static final String READ_FAULTS = "{ name = faults, seed = 7, errorrate = 0.05, cutrate = 0.2, cutwithin = 256KiB,"
      + " latencyrate = 0.01, latency = 1ms, operations = [getContent, putContent, reader, stat, list, redirectUrl,"
      + " pendingWrites] }";
  /** The prefix of the full stack. */
  static final String FULL_PREFIX = "/tenant/a";
  /** Every built-in layer that can carry the whole kit, in a sensible order. */
  static final String FULL = "[ { name = logging, level = debug, logger = dev.storagedriver.layers.test.kit }, "
      + FAST_RETRY + ", { name = timeout, operation = 20s, idle = 20s }, { name = concurrency, maxoperations = 16 },"
      + " { name = throttle, read = 4GiB, write = 4GiB }, { name = prefix, path = " + FULL_PREFIX + " }, " + READ_FAULTS + " ]";

  private static final StorageLayers LAYERS = StorageLayers.load();

  private Stacks() {}

  static StorageBackend stack(StorageBackend driver, String layers) throws StorageDriverException {
    return LAYERS.stack(driver, ConfigFactory.parseString("storagedriver.layers = " + layers));
  }

  static StorageDriver open(StorageBackend driver, String layers) throws StorageDriverException {
    return StorageDrivers.portable(stack(driver, layers));
  }

  /** Kit settings with modification times good to 50 ms (ext4 and the in-memory store keep them finer). */
  static TckSettings fastModTime() {
    TckSettings s = TckSettings.fromSystemProperties();
    return new TckSettings(s.largeStreamSize(), s.appendChunkSize(), s.concurrentReadFileSize(),
        s.concurrentReaders(), s.concurrentWriters(), s.concurrentWriteSize(), Duration.ofMillis(50));
  }
  /**
   * The whole configuration of an OSS driver over {@code emulator} (bucket {@code layers}), its own retries off,
   * with {@code layers}.
   */
  static Config ossConfig(OssEmulator emulator, String root, String layers) {
    Map<String, Object> p = new HashMap<>();
    p.put("driver", "oss");
    p.put("oss.accesskeyid", emulator.accessKeyId());
    p.put("oss.accesskeysecret", emulator.accessKeySecret());
    p.put("oss.region", emulator.region());
    p.put("oss.endpoint", emulator.endpoint());
    p.put("oss.bucket", "layers");
    p.put("oss.rootdirectory", root);
    p.put("oss.maxretries", 0);
    Map<String, Object> full = new HashMap<>();
    p.forEach((k, v) -> full.put("storagedriver." + k, v));
    return ConfigFactory.parseString("storagedriver.layers = " + layers).withFallback(ConfigFactory.parseMap(full));
  }

}
