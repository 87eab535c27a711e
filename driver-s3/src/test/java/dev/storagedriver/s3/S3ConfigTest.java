package dev.storagedriver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.spi.DriverConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parameters: Distribution's names, the defaults, the checks naming the key at fault, secrets never shown. */
class S3ConfigTest {
  private static S3Config parse(Object... keyValues) throws InvalidConfigException {
    Map<String, Object> full = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      full.put("storagedriver.s3." + keyValues[i], keyValues[i + 1]);
    }
    // The registry adds the defaults of reference.conf; so does this.
    return S3Config.parse(new DriverConfig("s3", ConfigFactory.parseMap(full)
        .withFallback(ConfigFactory.defaultReference()).resolve()));
  }

  @Test
  void defaults_followDistribution_exceptTheAcl() throws Exception {
    S3Config c = parse("bucket", "my-bucket", "region", "eu-west-1");
    assertThat(c.chunkSize).isEqualTo(10L << 20);
    assertThat(c.multipartCopyChunkSize).isEqualTo(32L << 20);
    assertThat(c.multipartCopyThresholdSize).isEqualTo(32L << 20);
    assertThat(c.multipartCopyMaxConcurrency).isEqualTo(100);
    assertThat(c.secure).isTrue();
    assertThat(c.skipVerify).isFalse();
    assertThat(c.forcePathStyle).isFalse();
    assertThat(c.storageClass).contains("STANDARD");
    assertThat(c.objectAcl).isEmpty();
    assertThat(c.checksum).isEqualTo(S3Config.ChecksumMode.WHEN_REQUIRED);
    assertThat(c.redirectExpiry).isEqualTo(Duration.ofMinutes(20));
    assertThat(c.regionEndpoint).isEmpty();
    assertThat(c.accessKey).isEmpty();
  }

  @Test
  void regionEndpoint_withoutScheme_takesItFromSecure() throws Exception {
    assertThat(parse("bucket", "b-1", "regionendpoint", "minio.local:9000", "secure", false).regionEndpoint.get())
        .hasToString("http://minio.local:9000");
    assertThat(parse("bucket", "b-1", "regionendpoint", "minio.local:9000").regionEndpoint.get())
        .hasToString("https://minio.local:9000");
  }

  @Test
  void region_isRequiredWithoutRegionEndpoint_andDefaultsWithOne() throws Exception {
    assertThatThrownBy(() -> parse("bucket", "my-bucket"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.s3.region");
    assertThat(parse("bucket", "my-bucket", "regionendpoint", "http://127.0.0.1:9000").region)
        .isEqualTo("us-east-1");
  }

  @Test
  void chunkSize_belowFiveMiB_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "region", "r", "chunksize", "4MiB"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.s3.chunksize");
  }

  @Test
  void redirectExpiry_beyondSevenDays_isRefused() throws Exception {
    assertThat(parse("bucket", "my-bucket", "region", "r", "redirectexpiry", "7d").redirectExpiry)
        .isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "region", "r", "redirectexpiry", "8d"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.s3.redirectexpiry");
  }

  @Test
  void multipartCopyThreshold_aboveFiveGiB_isRefused() {
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "region", "r", "multipartcopythresholdsize", "6GiB"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("storagedriver.s3.multipartcopythresholdsize");
  }

  @Test
  void accessKey_withoutSecretKey_isRefused() {
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "region", "r", "accesskey", "AKIA"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.s3.secretkey");
  }

  @Test
  void keyId_withoutEncrypt_isRefused() {
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "region", "r", "keyid", "arn:aws:kms:key"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.s3.keyid");
  }

  @Test
  void storageClassAndAcl_outsideTheirLists_areRefused_noneSendsNothing() throws Exception {
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "region", "r", "storageclass", "FAST"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.s3.storageclass");
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "region", "r", "objectacl", "everyone"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.s3.objectacl");
    S3Config c = parse("bucket", "my-bucket", "region", "r", "storageclass", "none", "objectacl", "private");
    assertThat(c.storageClass).isEmpty();
    assertThat(c.objectAcl).contains("private");
  }

  @Test
  void checksum_takesWhenSupported_andRefusesOthers() throws Exception {
    assertThat(parse("bucket", "my-bucket", "region", "r", "checksum", "when_supported").checksum)
        .isEqualTo(S3Config.ChecksumMode.WHEN_SUPPORTED);
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "region", "r", "checksum", "always"))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.s3.checksum");
  }

  @Test
  void accelerate_withRegionEndpoint_isRefused() {
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "regionendpoint", "http://127.0.0.1:1",
        "accelerate", true))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.s3.accelerate");
  }

  @Test
  void toString_ofConfigAndDriver_neverShowsTheSecretOrTheToken() throws Exception {
    S3Config c = parse("bucket", "my-bucket", "region", "r", "accesskey", "AKIAEXAMPLE",
        "secretkey", "s3cr3t-value", "sessiontoken", "t0ken-value");
    assertThat(c.toString()).contains("AKIAEXAMPLE").doesNotContain("s3cr3t-value").doesNotContain("t0ken-value");
    Map<String, Object> full = new HashMap<>();
    full.put("storagedriver.s3.bucket", "my-bucket");
    full.put("storagedriver.s3.region", "us-east-1");
    full.put("storagedriver.s3.regionendpoint", "http://127.0.0.1:1");
    full.put("storagedriver.s3.accesskey", "AKIAEXAMPLE");
    full.put("storagedriver.s3.secretkey", "s3cr3t-value");
    try (StorageDriver d = StorageDriverRegistry.load().open("s3", ConfigFactory.parseMap(full))) {
      assertThat(d.toString()).doesNotContain("s3cr3t-value");
    }
  }

  @Test
  void aBadSecretKey_isNeverEchoedInTheError() {
    assertThatThrownBy(() -> parse("bucket", "my-bucket", "region", "r", "accesskey", "AKIA",
        "secretkey", "s3cr3t-value", "chunksize", "1KiB"))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-value"));
  }
}
