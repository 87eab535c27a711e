package dev.storagedriver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import java.nio.file.FileVisitResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Keys other tools wrote that no path can name: never invisible to a listing yet removed by a delete; and the
 * other rules of the shared object-store layer that the OSS driver's tests hold too (markers, superseded writes,
 * purging where uploads cannot be listed).
 */
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

  @Test
  void listAndWalk_ofADirectoryHoldingAKeyNoPathNames_areAConflictNamingIt() throws Exception {
    String root = S3Servers.freshRoot();
    String foreignKey = root.substring(1) + "/dir/bad\u0007name";
    try (StorageDriver driver = S3Servers.open(server, root); S3Client raw = S3Servers.rawClient(server)) {
      driver.putContent("/dir/file", new byte[] {1});
      raw.putObject(b -> b.bucket(S3Servers.BUCKET).key(foreignKey), RequestBody.fromBytes(new byte[] {2}));

      Throwable list = catchThrowable(() -> driver.list("/dir"));
      Throwable walk = catchThrowable(() -> driver.walk("/", info -> FileVisitResult.CONTINUE));

      assertThat(List.of(list, walk)).allSatisfy(t -> {
        assertThat(t).isInstanceOf(StorageDriverException.class).hasMessageContaining("dir/bad\\x07name");
        assertThat(((StorageDriverException) t).code()).isEqualTo(ErrorCode.CONFLICT);
      });
      assertThat(driver.list("/")).containsExactly("/dir");
      raw.deleteObject(b -> b.bucket(S3Servers.BUCKET).key(foreignKey));
      driver.delete("/dir");
    }
  }

  @Test
  void aDriverRootedBelowAnother_isNotForeignToIt_itsWritesInProgressAreSkippedAndGoWithTheirDirectory()
      throws Exception {
    String root = S3Servers.freshRoot();
    try (StorageDriver outer = S3Servers.open(server, root);
        StorageDriver inner = S3Servers.open(server, root + "/inner");
        S3Client raw = S3Servers.rawClient(server)) {
      inner.putContent("/file", new byte[] {1});
      try (FileWriter pending = inner.writer("/pending", false)) {
        pending.write(new byte[] {2, 3}); // closed without commit: its tail is the inner driver's hidden state
      }
      assertThat(inner.pendingWrites("/")).hasSize(1);

      assertThat(outer.list("/inner")).containsExactly("/inner/file");
      List<String> walked = new ArrayList<>();
      outer.walk("/", info -> {
        walked.add(info.path());
        return FileVisitResult.CONTINUE;
      });
      assertThat(walked).containsExactly("/inner", "/inner/file");
      outer.delete("/inner");
      assertThat(raw.listObjectsV2(b -> b.bucket(S3Servers.BUCKET).prefix(root.substring(1) + "/")).contents())
          .isEmpty();
    }
  }

  @Test
  void aDirectoryMarker_impliesItsDirectory_andGoesWithIt() throws Exception {
    String root = S3Servers.freshRoot();
    try (StorageDriver driver = S3Servers.open(server, root); S3Client raw = S3Servers.rawClient(server)) {
      raw.putObject(b -> b.bucket(S3Servers.BUCKET).key(root.substring(1) + "/empty/"), RequestBody.empty());

      assertThat(driver.list("/")).containsExactly("/empty");
      assertThat(driver.stat("/empty").isDirectory()).isTrue();
      driver.delete("/empty");
      assertThat(driver.list("/")).isEmpty();
    }
  }

  /**
   * S3Proxy's stores cannot list multipart uploads (501): the tail of a closed writer is then the only record of
   * its upload, so purging the tail must abort the upload it names, or the parts stay stored (and billed) with
   * nothing left that points at them.
   */
  @Test
  void purge_onAStoreThatCannotListUploads_abortsTheUploadATailNames() throws Exception {
    String root = S3Servers.freshRoot();
    try (StorageDriver driver = S3Servers.open(server, root); S3Client raw = S3Servers.rawClient(server)) {
      try (FileWriter closed = driver.writer("/big", false)) {
        closed.write(new byte[(5 << 20) + 1]); // a full 5 MiB part goes up; one byte stays in the tail
      }
      String tail = raw.listObjectsV2(b -> b.bucket(S3Servers.BUCKET).prefix(root.substring(1) + "/")).contents()
          .get(0).key();
      String uploadId = raw.headObject(b -> b.bucket(S3Servers.BUCKET).key(tail)).metadata().get("sd-upload");
      assertThat(uploadId).as("the tail names its upload").isNotNull();

      assertThat(driver.purgePendingWrites("/", Instant.now().plusSeconds(1))).hasSize(1);

      // S3 answers NoSuchUpload for an aborted upload; S3Proxy lists it with no parts left.
      Throwable parts = catchThrowable(() -> assertThat(raw.listParts(b -> b.bucket(S3Servers.BUCKET)
          .key(root.substring(1) + "/big").uploadId(uploadId)).parts()).as("the upload's parts").isEmpty());
      if (parts != null) {
        assertThat(parts).as("the upload is aborted").isInstanceOf(NoSuchUploadException.class);
      }
      assertThat(raw.listObjectsV2(b -> b.bucket(S3Servers.BUCKET).prefix(root.substring(1) + "/")).contents())
          .isEmpty();
    }
  }

  @Test
  void aClosedWrite_thatACommitSuperseded_isNotResumed() throws Exception {
    String root = S3Servers.freshRoot();
    try (StorageDriver driver = S3Servers.open(server, root)) {
      try (FileWriter closed = driver.writer("/k", false)) {
        closed.write(new byte[64]);
      }
      driver.putContent("/k", new byte[] {1, 2, 3});

      Throwable resume = catchThrowable(() -> driver.writer("/k", true));

      assertThat(resume).isInstanceOfSatisfying(StorageDriverException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
      assertThat(driver.getContent("/k")).containsExactly(1, 2, 3);
      driver.purgePendingWrites("/", Instant.now().plusSeconds(1));
      driver.delete("/k");
    }
  }
}
