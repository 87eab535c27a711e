package dev.storagedriver.examples.tour;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OSS emulator, started in-process when the configuration selects {@code oss} without an endpoint, so the
 * OSS path runs with no cloud account. The credentials are generated per run: nothing secret is written down.
 */
final class EmbeddedOss implements AutoCloseable {
  private final OssEmulator emulator;
  private final Config config;

  private EmbeddedOss(OssEmulator emulator, Config config) {
    this.emulator = emulator;
    this.config = config;
  }

  /** An emulator and the configuration pointing at it, or empty when {@code config} needs none. */
  static Optional<EmbeddedOss> startIfNeeded(Config config) {
    if (!"oss".equals(config.getString("storagedriver.driver")) || config.hasPath("storagedriver.oss.endpoint")) {
      return Optional.empty();
    }
    String bucket = config.hasPath("storagedriver.oss.bucket") ? config.getString("storagedriver.oss.bucket") : "tour";
    String keyId = "tour-" + UUID.randomUUID();
    String secret = UUID.randomUUID().toString();
    OssEmulator emulator = OssEmulator.builder().host("127.0.0.1").credentials(keyId, secret).bucket(bucket)
        .build().start();
    Config pointed = ConfigFactory.parseMap(Map.of(
        "storagedriver.oss.endpoint", emulator.endpoint(),
        "storagedriver.oss.region", emulator.region(),
        "storagedriver.oss.bucket", bucket,
        "storagedriver.oss.accesskeyid", keyId,
        "storagedriver.oss.accesskeysecret", secret)).withFallback(config);
    return Optional.of(new EmbeddedOss(emulator, pointed));
  }

  /** The configuration with the emulator's endpoint, region, bucket and credentials. */
  Config config() {
    return config;
  }

  String endpoint() {
    return emulator.endpoint();
  }

  @Override
  public void close() {
    emulator.close();
  }
}
