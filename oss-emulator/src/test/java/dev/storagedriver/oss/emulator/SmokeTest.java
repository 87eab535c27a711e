package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.OSSObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void putGet() throws Exception {
    for (SignVersion v : new SignVersion[] {SignVersion.V1, SignVersion.V4}) {
      try (OssEmulator oss = OssEmulator.builder().bucket("bkt").build().start()) {
        OSS c = Clients.client(oss, v);
        try {
          c.putObject("bkt", "dir/a b+c.txt", new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
          try (OSSObject o = c.getObject("bkt", "dir/a b+c.txt")) {
            assertThat(new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
          }
        } finally {
          c.shutdown();
        }
      }
    }
  }
}
