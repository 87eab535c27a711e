package dev.storagedriver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Keys other tools wrote that no path can name: never invisible to a listing yet removed by a delete. */
class S3ForeignKeysTest {
  static S3Servers.Server server;

  @BeforeAll
  static void start() {
    server = S3Servers.s3proxy("transient");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void delete_ofADirectoryHoldingAKeyNoPathNames_keepsThatKey_deletesTheRest_andSaysSo() throws Exception {
    String root = S3Servers.freshRoot();
    String foreignKey = root.substring(1) + "/dir/bad\u0007name";
    try (StorageDriver driver = S3Servers.open(server, root); S3Client raw = S3Servers.rawClient(server)) {
      driver.putContent("/dir/file", new byte[] {1});
      raw.putObject(b -> b.bucket(S3Servers.BUCKET).key(foreignKey), RequestBody.fromBytes(new byte[] {2}));

      Throwable failure = catchThrowable(() -> driver.delete("/dir"));

      assertThat(failure).isInstanceOf(StorageDriverException.class);
      assertThat(((StorageDriverException) failure).code()).isEqualTo(ErrorCode.CONFLICT);
      assertThat(failure).hasMessageContaining("dir/bad\\x07name");
      assertThat(raw.getObjectAsBytes(b -> b.bucket(S3Servers.BUCKET).key(foreignKey)).asByteArray())
          .containsExactly(2);
      assertThat(catchThrowable(() -> raw.headObject(b -> b.bucket(S3Servers.BUCKET).key(
          root.substring(1) + "/dir/file")))).isInstanceOf(NoSuchKeyException.class);
      raw.deleteObject(b -> b.bucket(S3Servers.BUCKET).key(foreignKey));
    }
  }
}
