package dev.storagedriver.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parameters: defaults, checks, the start-up check naming the parameter at fault, and secrets never shown. */
class OssConfigTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture();

  private static OssConfig parse(Map<String, Object> parameters) throws InvalidConfigException {
    return OssConfig.parse(new DriverConfig("oss", EmulatorFixture.config(parameters)));
  }

  @Test
  void defaults_areDistributions() throws Exception {
    OssConfig c = parse(Map.of("bucket", "my-bucket", "region", "cn-hangzhou"));
    assertThat(c.endpoint).isEqualTo("https://oss-cn-hangzhou.aliyuncs.com");
    assertThat(c.chunkSize).isEqualTo(10L << 20);
    assertThat(c.secure).isTrue();
    assertThat(c.signatureVersion).isEqualTo(OssConfig.SignatureVersion.V4);
    assertThat(c.rootPrefix).isEmpty();
    OssConfig internal = parse(Map.of("bucket", "my-bucket", "region", "oss-cn-beijing", "internal", true,
        "secure", false, "rootdirectory", "/a/b/"));
    assertThat(internal.endpoint).isEqualTo("http://oss-cn-beijing-internal.aliyuncs.com");
    assertThat(internal.rootPrefix).isEqualTo("a/b/");
  }

  @Test
  void chunkSize_belowFiveMiB_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> parse(Map.of("bucket", "my-bucket", "region", "r", "chunksize", "4MiB")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("storagedriver.oss.chunksize");
  }

  @Test
  void v4_withoutRegion_isRefused() {
    assertThatThrownBy(() -> parse(Map.of("bucket", "my-bucket", "endpoint", "oss.example.com")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("storagedriver.oss.region");
  }

  @Test
  void toString_neverShowsSecrets() throws Exception {
    OssConfig c = parse(Map.of("bucket", "my-bucket", "region", "r", "accesskeyid", "AKID",
        "accesskeysecret", "TOP-SECRET-VALUE", "securitytoken", "TOKEN-SECRET-VALUE"));
    assertThat(c.toString()).contains("AKID").doesNotContain("TOP-SECRET-VALUE")
        .doesNotContain("TOKEN-SECRET-VALUE");
  }

  @Test
  void secretWithWrongType_errorDoesNotEchoIt() {
    Map<String, Object> p = Map.of("bucket", "my-bucket", "region", "r", "accesskeyid", "AKID",
        "accesskeysecret", Map.of("nested", "TOP-SECRET-VALUE"));
    assertThatThrownBy(() -> parse(p)).isInstanceOf(InvalidConfigException.class)
        .hasMessageNotContaining("TOP-SECRET-VALUE");
  }

  @Test
  void startUpCheck_wrongSecret_namesCredentials_withoutTheSecret() {
    assertThatThrownBy(() -> fixture.open("v4", "/x", "accesskeysecret", "WRONG-SECRET-VALUE"))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo("storagedriver.oss.accesskeyid"))
        .hasMessageNotContaining("WRONG-SECRET-VALUE")
        .hasMessageNotContaining(fixture.emulator.accessKeySecret());
  }

  @Test
  void secrets_neverReachTheLog() throws Exception {
    java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        lines.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters())
            + " " + r.getThrown());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger.getLogger("").addHandler(capture);
    try {
      assertThatThrownBy(() -> fixture.open("v4", "/x", "accesskeysecret", "WRONG-SECRET-VALUE",
          "securitytoken", "TOKEN-SECRET-VALUE"));
      try (StorageDriver d = fixture.open("v1", EmulatorFixture.freshRoot())) {
        assertThatThrownBy(() -> d.getContent("/missing"));
        d.redirectUrl("/missing", dev.storagedriver.RedirectMethod.GET);
      }
    } finally {
      java.util.logging.Logger.getLogger("").removeHandler(capture);
    }
    assertThat(lines).noneMatch(l -> l.contains("WRONG-SECRET-VALUE") || l.contains("TOKEN-SECRET-VALUE")
        || l.contains(fixture.emulator.accessKeySecret()) || l.contains("Signature="));
  }

  @Test
  void startUpCheck_unknownKeyId_namesCredentials() {
    assertThatThrownBy(() -> fixture.open("v1", "/x", "accesskeyid", "nobody"))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo("storagedriver.oss.accesskeyid"));
  }

  @Test
  void startUpCheck_missingBucket_namesBucket() {
    assertThatThrownBy(() -> fixture.open("v4", "/x", "bucket", "no-such-bucket"))
        .isInstanceOf(InvalidConfigException.class)
        .satisfies(e -> assertThat(((InvalidConfigException) e).key()).isEqualTo("storagedriver.oss.bucket"));
  }

  @Test
  void startUpCheck_unreachableEndpoint_isRetryable_andNamesEndpoint() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    assertThatThrownBy(() -> fixture.open("v4", "/x", "endpoint", "http://127.0.0.1:" + port, "maxretries", 0))
        .isInstanceOf(dev.storagedriver.DriverException.class)
        .hasMessageContaining("storagedriver.oss.endpoint")
        .satisfies(e -> assertThat(((dev.storagedriver.DriverException) e).code())
            .isEqualTo(dev.storagedriver.ErrorCode.UNAVAILABLE));
  }

  @Test
  void credentials_fromEnvironment_whenNotConfigured() throws Exception {
    Map<String, Object> p = fixture.parameters("v4", "/env", "accesskeyid", null, "accesskeysecret", null);
    DriverConfig config = new DriverConfig("oss", EmulatorFixture.config(p));
    var backend = OssDriverFactory.create(config, Map.of("OSS_ACCESS_KEY_ID", fixture.emulator.accessKeyId(),
        "OSS_ACCESS_KEY_SECRET", fixture.emulator.accessKeySecret()));
    backend.close();
    assertThatThrownBy(() -> OssDriverFactory.create(config, Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("storagedriver.oss.accesskeyid");
  }

  @Test
  void unknownParameter_isRefusedByTheRegistry() {
    assertThatThrownBy(() -> fixture.open("v4", "/x", "chunk_size", "5MiB"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("chunk_size");
  }

  @Test
  void close_stopsTheDriversThreads() throws StorageDriverException, InterruptedException {
    StorageDriver driver = fixture.open("v4", EmulatorFixture.freshRoot());
    try (var w = driver.writer("/a", false)) {
      w.write(new byte[11 << 20]);
      w.commit();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    driver.delete("/a");
    driver.close();
    // A pool's worker thread ends a moment after the pool says it terminated; a loaded machine stretches that.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ioThreadAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("oss-driver-io"));
  }

  private static boolean ioThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("oss-driver-io"));
  }
}
