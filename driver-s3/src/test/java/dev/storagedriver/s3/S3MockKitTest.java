package dev.storagedriver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storagedriver.FileWriter;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.tck.StorageDriverTck;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole conformance kit against Adobe S3Mock, a child process on 127.0.0.1, and what needs a server that
 * lists multipart uploads (S3Proxy's jclouds stores answer 501) or serves HTTPS. Every test gets a fresh root
 * directory.
 */
class S3MockKitTest extends StorageDriverTck {
  private static final int CHUNK = 5 << 20;
  static S3Servers.Server server;
  private String root;

  @BeforeAll
  static void start() {
    server = S3Servers.s3mock();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected StorageDriver newDriver() throws Exception {
    root = S3Servers.freshRoot();
    return S3Servers.open(server, root);
  }

  @Override
  protected int maxPathBytes() {
    return S3Servers.maxPathBytes(root);
  }

  @Override
  protected StorageDriver reopen(StorageDriver current) throws Exception {
    return S3Servers.open(server, root);
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /**
   * Not run on S3Mock: version 3.9.1 rewrites an object's file in place, so a GET racing a PUT of the same key can
   * return bytes of both versions (seen in CI: 262,144 bytes of neither version, with the length of both). The
   * same kit test proves the driver's side on S3Proxy, transient and filesystem.
   */
  @Override
  @Test
  @Disabled("S3Mock 3.9.1 overwrites objects in place: a GET racing a PUT can return a mix of both versions")
  public void concurrentPutContent_andReads_neverSeeTornContent() {}

  @Nested
  class PendingWritesOnS3Mock {
    @Test
    void purge_removesClosedWritesAndAbandonedUploads_olderThanTheCutOff() throws Exception {
      String root = S3Servers.freshRoot();
      try (StorageDriver driver = S3Servers.open(server, root)) {
        try (FileWriter w = driver.writer("/p/closed", false)) {
          w.write(bytes(CHUNK + 1, 8));
        }
        // A writer whose process "died": its upload exists, it never closed.
        FileWriter dead = driver.writer("/p/dead", false);
        dead.write(bytes(CHUNK + 1, 9));
        assertThat(driver.pendingWrites("/p")).extracting(PendingWrite::path)
            .containsExactlyInAnyOrder("/p/closed", "/p/dead");
        assertThat(driver.pendingWrites("/p")).filteredOn(p -> p.path().equals("/p/closed"))
            .extracting(PendingWrite::size).containsExactly((long) CHUNK + 1);
        assertThat(driver.purgePendingWrites("/p", Instant.now().minusSeconds(3600))).isEmpty();
        assertThat(driver.purgePendingWrites("/p", Instant.now().plusSeconds(1))).hasSize(2);
        assertThat(driver.pendingWrites("/")).isEmpty();
        assertThatThrownBy(dead::commit).isInstanceOf(StorageDriverException.class);
        try (S3Client raw = S3Servers.rawClient(server)) {
          assertThat(raw.listMultipartUploads(b -> b.bucket(S3Servers.BUCKET).prefix(root.substring(1)))
              .uploads()).isEmpty();
          assertThat(raw.listObjectsV2(b -> b.bucket(S3Servers.BUCKET).prefix(root.substring(1))).contents())
              .isEmpty();
        }
      }
    }
  }

  @Nested
  class OverHttps {
    @Test
    void skipVerify_acceptsASelfSignedCertificate() throws Exception {
      try (StorageDriver driver = S3Servers.open(server, S3Servers.freshRoot(),
          "regionendpoint", server.httpsEndpoint().toString(), "skipverify", true)) {
        driver.putContent("/tls", bytes(100, 1));
        assertThat(driver.getContent("/tls")).isEqualTo(bytes(100, 1));
        driver.delete("/tls");
      }
    }

    @Test
    void withoutSkipVerify_aSelfSignedCertificate_isRefused_once() throws Exception {
      try (StorageDriver driver = S3Servers.open(server, S3Servers.freshRoot(),
          "regionendpoint", server.httpsEndpoint().toString())) {
        assertThatThrownBy(() -> driver.putContent("/tls", bytes(100, 1)))
            .isInstanceOf(StorageDriverException.class).hasMessageContaining("TLS handshake");
      }
    }
  }
}
