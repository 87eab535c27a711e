package dev.storagedriver.examples.zipdriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.InvalidConfigException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kit cannot see: the archive on disk, and the driver's own errors. */
class ZipDriverTest {
  @TempDir
  Path dir;

  private StorageDriver open(Object file) throws Exception {
    return StorageDriverRegistry.load().open(ConfigFactory.parseMap(Map.of(
        "storagedriver.driver", "zip", "storagedriver.zip.file", file.toString())));
  }

  @Test
  void committedFiles_areEntriesOfAnOrdinaryZipArchive() throws Exception {
    Path archive = dir.resolve("store.zip");
    try (StorageDriver driver = open(archive)) {
      driver.putContent("/docs/readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
    }
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      assertThat(zip.stream().map(e -> e.getName())).containsExactly("docs/readme.txt");
      assertThat(zip.getInputStream(zip.getEntry("docs/readme.txt")).readAllBytes()).asString().isEqualTo("hello");
    }
  }

  @Test
  void entryNames_areFlaggedUtf8_soToolsReadingOtherCharsetsGetTheSameNames() throws Exception {
    Path archive = dir.resolve("store.zip");
    String path = "/\u6587\u4ef6/caf\u00e9 \ud83d\ude00 %7E~ a\\b.txt";
    try (StorageDriver driver = open(archive)) {
      driver.putContent(path, "hello".getBytes(StandardCharsets.UTF_8));
      driver.putContent("/ascii.txt", "plain".getBytes(StandardCharsets.UTF_8));
    }
    // A reader told the names are Latin-1 still decodes them as UTF-8 only if the entry says so (bit 11):
    // ZipFile checks the central directory, ZipInputStream the local headers.
    try (ZipFile zip = new ZipFile(archive.toFile(), StandardCharsets.ISO_8859_1)) {
      assertThat(zip.stream().map(ZipEntry::getName)).containsExactlyInAnyOrder("ascii.txt", path.substring(1));
    }
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive), StandardCharsets.ISO_8859_1)) {
      List<String> names = new ArrayList<>();
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        names.add(entry.getName());
      }
      assertThat(names).containsExactlyInAnyOrder("ascii.txt", path.substring(1));
    }
  }

  @Test
  void content_survivesReopeningTheArchive() throws Exception {
    Path archive = dir.resolve("store.zip");
    try (StorageDriver driver = open(archive)) {
      driver.putContent("/kept", new byte[] {1, 2, 3});
    }
    try (StorageDriver driver = open(archive)) {
      assertThat(driver.getContent("/kept")).containsExactly(1, 2, 3);
    }
  }

  @Test
  void fileBelowAFile_isAConflict() throws Exception {
    try (StorageDriver driver = open(dir.resolve("store.zip"))) {
      driver.putContent("/a", new byte[] {1});
      Throwable thrown = catchThrowable(() -> driver.putContent("/a/b", new byte[] {2}));
      assertThat(thrown).isInstanceOf(DriverException.class);
      assertThat(((DriverException) thrown).code()).isEqualTo(ErrorCode.CONFLICT);
    }
  }

  @Test
  void fileWhereADirectoryIs_isAConflict() throws Exception {
    try (StorageDriver driver = open(dir.resolve("store.zip"))) {
      driver.putContent("/a/b", new byte[] {1});
      Throwable thrown = catchThrowable(() -> driver.putContent("/a", new byte[] {2}));
      assertThat(((DriverException) thrown).code()).isEqualTo(ErrorCode.CONFLICT);
    }
  }

  @Test
  void missingFileParameter_isAConfigErrorNamingTheKey() {
    Throwable thrown = catchThrowable(() -> StorageDriverRegistry.load().open(
        ConfigFactory.parseMap(Map.of("storagedriver.driver", "zip"))));
    assertThat(thrown).isInstanceOf(InvalidConfigException.class).hasMessageContaining("storagedriver.zip.file");
  }

  @Test
  void fileThatIsNotAnArchive_isAConfigError() throws Exception {
    Path notZip = Files.writeString(dir.resolve("notes.txt"), "not a zip");
    Throwable thrown = catchThrowable(() -> open(notZip));
    assertThat(thrown).isInstanceOf(InvalidConfigException.class).hasMessageContaining("ZIP archive");
  }
}
