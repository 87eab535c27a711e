package dev.storagedriver.oss;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.OSSObjectSummary;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.tck.StorageDriverTck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit against the emulator, signed with V1 and with V4. Every test gets a fresh root
 * directory; after each, purging the pending writes (as uploadpurging would, by age) must leave no multipart
 * upload in progress and no object at all under the root: no hidden tail, nothing written by mistake.
 */
class EmulatorKitTest {
  static EmulatorFixture fixture;

  @BeforeAll
  static void startEmulator() {
    fixture = new EmulatorFixture();
  }

  @AfterAll
  static void stopEmulator() {
    fixture.close();
  }

  abstract static class Kit extends StorageDriverTck {
    private String root;

    abstract String signature();

    @Override
    protected StorageDriver newDriver() throws Exception {
      root = EmulatorFixture.freshRoot();
      return fixture.open(signature(), root);
    }

    @Override
    protected StorageDriver reopen(StorageDriver current) throws Exception {
      return fixture.open(signature(), root);
    }

    /** OSS's 1,023-byte key limit holds the root prefix ("root7/registry/") too; the path's '/' is not stored. */
    @Override
    protected int maxPathBytes() {
      return OssStore.MAX_KEY_BYTES + 1
          - (root.substring(1) + "/").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @AfterEach
    void nothingDanglesAfterAPurge() throws Exception {
      try (StorageDriver d = fixture.open(signature(), root)) {
        d.purgePendingWrites("/", Instant.now().plusSeconds(1));
      }
      assertThat(fixture.emulator.inProgressUploads()).as("multipart uploads in progress").isEmpty();
      OSS raw = new OSSClientBuilder().build(fixture.emulator.endpoint(), fixture.emulator.accessKeyId(),
          fixture.emulator.accessKeySecret());
      try {
        List<String> keys = raw.listObjectsV2(new ListObjectsV2Request(EmulatorFixture.BUCKET,
            root.substring(1) + "/")).getObjectSummaries().stream().map(OSSObjectSummary::getKey).toList();
        assertThat(keys).as("objects left under the root directory").isEmpty();
      } finally {
        raw.shutdown();
      }
    }
  }

  @Nested
  class SignatureV1 extends Kit {
    @Override
    String signature() {
      return "v1";
    }
  }

  @Nested
  class SignatureV4 extends Kit {
    @Override
    String signature() {
      return "v4";
    }
  }
}
