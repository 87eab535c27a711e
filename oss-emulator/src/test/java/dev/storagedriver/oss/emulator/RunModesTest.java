package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The standalone Main and the JUnit extension. */
@ExtendWith(OssEmulatorExtension.class)
class RunModesTest {
  @Test
  void main_startsOnEphemeralPortPrintsEndpointAndStops() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OssEmulator oss = Main.start(new String[] {"--port", "0", "--access-key-id", "AK", "--access-key-secret", "SK",
        "--bucket", "cli-bucket"}, new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(out.toString(StandardCharsets.UTF_8)).contains(oss.endpoint());
      OSS c = new OSSClientBuilder().build(oss.endpoint(), "AK", "SK");
      try {
        c.putObject("cli-bucket", "k", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThat(c.doesObjectExist("cli-bucket", "k")).isTrue();
      } finally {
        c.shutdown();
      }
    } finally {
      oss.close();
    }
  }

  @Test
  void main_help_printsUsageWithoutStarting() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(Main.start(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8))).isNull();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--access-key-id").contains("--data");
  }

  @Test
  void extension_injectsRunningEmulatorWithDefaultBucket(OssEmulator oss) {
    OSS c = new OSSClientBuilder().build(oss.endpoint(), oss.accessKeyId(), oss.accessKeySecret());
    try {
      c.putObject(OssEmulatorExtension.DEFAULT_BUCKET, "k", new ByteArrayInputStream(new byte[] {1}));
      assertThat(oss.requestCount("PutObject")).isEqualTo(1);
    } finally {
      c.shutdown();
    }
  }
}
