package dev.storagedriver.examples.digestlayer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StorageLayers;
import dev.storagedriver.inmemory.InMemoryStore;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The digestcheck layer over the in-memory driver, opened by name through the registry as a user would. */
class DigestCheckLayerTest {
  private static final byte[] BLOB = "layer tarball".getBytes(UTF_8);
  private StorageDriver driver;

  private static String blobPath(byte[] content) throws Exception {
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    return "/docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data";
  }

  @BeforeEach
  void open() throws Exception {
    driver = StorageDriverRegistry.load().open(ConfigFactory.parseString(
        "storagedriver { driver = inmemory, layers = [digestcheck] }"));
  }

  @AfterEach
  void close() throws Exception {
    driver.close();
  }

  @Test
  void contentMatchingItsPath_isStoredAndRead() throws Exception {
    String path = blobPath(BLOB);
    driver.putContent(path, BLOB);
    assertThat(driver.getContent(path)).isEqualTo(BLOB);
    try (InputStream in = driver.reader(path, 0)) {
      assertThat(in.readAllBytes()).isEqualTo(BLOB);
    }
  }

  @Test
  void putContent_notMatchingItsPath_isRefused_andNothingIsStored() throws Exception {
    String path = blobPath(BLOB);
    StorageDriverException e = catchThrowableOfType(StorageDriverException.class,
        () -> driver.putContent(path, "something else".getBytes(UTF_8)));
    assertThat(e.code()).isEqualTo(ErrorCode.CORRUPTED);
    assertThat(driver.list("/")).isEmpty();
  }

  @Test
  void aWriter_notMatchingItsPath_isRefusedAtCommit_andNothingIsStored() throws Exception {
    String path = blobPath(BLOB);
    try (FileWriter w = driver.writer(path, false)) {
      w.write("tampered".getBytes(UTF_8));
      assertThat(catchThrowableOfType(StorageDriverException.class, w::commit).code())
          .isEqualTo(ErrorCode.CORRUPTED);
    }
    assertThat(driver.list("/")).isEmpty();
  }

  @Test
  void aResumedWriter_isCheckedAfterCommit_andRemovedWhenWrong() throws Exception {
    String path = blobPath(BLOB);
    try (FileWriter w = driver.writer(path, false)) {
      w.write("tamp".getBytes(UTF_8));
    }
    try (FileWriter w = driver.writer(path, true)) {
      w.write("ered".getBytes(UTF_8));
      assertThat(catchThrowableOfType(StorageDriverException.class, w::commit).code())
          .isEqualTo(ErrorCode.CORRUPTED);
    }
    assertThat(driver.list("/")).isEmpty();
  }

  @Test
  void contentDamagedInTheStore_isNeverReturned() throws Exception {
    InMemoryStore store = new InMemoryStore(0);
    String path = blobPath(BLOB);
    // written around the layer, as bit rot or a careless tool would leave it
    store.newDriver().putContent(path, "rotten".getBytes(UTF_8));
    try (StorageDriver checked = StorageDrivers.portable(StorageLayers.load().stack(store.backend(),
        ConfigFactory.parseString("storagedriver.layers = [digestcheck]")))) {
      assertThat(catchThrowableOfType(StorageDriverException.class, () -> checked.getContent(path)).code())
          .isEqualTo(ErrorCode.CORRUPTED);
      try (InputStream in = checked.reader(path, 0)) {
        assertThat(catchThrowableOfType(StorageDriverException.class, in::readAllBytes).code())
            .isEqualTo(ErrorCode.CORRUPTED);
      }
    }
  }

  @Test
  void pathsThePatternDoesNotMatch_passUnchecked() throws Exception {
    driver.putContent("/docker/registry/v2/repositories/app/_manifests/tags/latest/link", BLOB);
    assertThat(driver.getContent("/docker/registry/v2/repositories/app/_manifests/tags/latest/link"))
        .isEqualTo(BLOB);
    driver.delete("/docker");
  }
}
