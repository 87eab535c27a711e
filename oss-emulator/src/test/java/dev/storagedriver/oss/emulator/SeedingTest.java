package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.OSSObject;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OssEmulator#putObject}: objects stored without a request look exactly like uploaded ones. */
class SeedingTest {
  @TempDir
  Path dir;

  @Test
  void putObject_isServedLikeAnUploadedObject_withoutCountingARequest() throws Exception {
    byte[] content = StorageModesTest.bytes(70_000, 3);
    try (OssEmulator oss = OssEmulator.builder().bucket("bkt").build().start()) {
      oss.putObject("bkt", "seeded/a", content);

      OSS c = Clients.client(oss, SignVersion.V4);
      try (OSSObject o = c.getObject("bkt", "seeded/a")) {
        assertThat(o.getObjectContent().readAllBytes()).isEqualTo(content);
        ObjectMetadata meta = o.getObjectMetadata();
        assertThat(meta.getETag()).isEqualToIgnoringCase(
            HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)));
        CRC64 crc = new CRC64();
        crc.update(content, content.length);
        assertThat(meta.getServerCRC()).isEqualTo(crc.getValue());
        assertThat(meta.getObjectType()).isEqualTo("Normal");
      } finally {
        c.shutdown();
      }
      assertThat(oss.requestCount("PutObject")).isZero();
    }
  }

  @Test
  void putObject_inDirectoryStorage_survivesRestart() throws Exception {
    byte[] content = StorageModesTest.bytes(1000, 4);
    try (OssEmulator oss = OssEmulator.builder().bucket("bkt").dataDirectory(dir).build().start()) {
      oss.putObject("bkt", "kept", content);
    }
    try (OssEmulator oss = OssEmulator.builder().dataDirectory(dir).build().start()) {
      OSS c = Clients.client(oss, SignVersion.V1);
      try (OSSObject o = c.getObject("bkt", "kept")) {
        assertThat(o.getObjectContent().readAllBytes()).isEqualTo(content);
      } finally {
        c.shutdown();
      }
    }
  }

  @Test
  void putObject_intoMissingBucket_isRefusedNamingIt() {
    try (OssEmulator oss = OssEmulator.builder().bucket("bkt").build().start()) {
      assertThatThrownBy(() -> oss.putObject("nobucket", "k", new byte[1]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobucket");
    }
  }
}
