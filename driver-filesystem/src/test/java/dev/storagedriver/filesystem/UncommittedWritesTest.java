package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What uncommitted and temporary files look like on disk, and that the driver keeps them tidy. */
class UncommittedWritesTest {
  @TempDir
  Path root;

  @Test
  void closedWriter_leavesOnlyThePendingWrite_inADirectoryNoPathReaches() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      try (FileWriter writer = driver.writer("/a/b", false)) {
        writer.write(new byte[100]);
      }
      assertThat(driver.list("/")).isEmpty();
      assertThat(entries(root)).containsExactlyInAnyOrder("~tmp", "~uploads");
      assertThat(entries(root.resolve("~tmp"))).isEmpty();
      assertThat(entries(root.resolve("~uploads"))).hasSize(1);
      try (FileWriter writer = driver.writer("/a/b", true)) {
        assertThat(writer.size()).isEqualTo(100);
        writer.cancel();
      }
    }
  }

  @Test
  void driversOwnDirectoriesRemovedWhileItRuns_areMadeAgain_andWritesGoOn() throws Exception {
    for (boolean handles : new boolean[] {true, false}) {
      Path store = Files.createDirectory(root.resolve("handles-" + handles));
      try (StorageDriver driver = StorageDrivers.portable(FilesystemBackend.open(store, 100, handles))) {
        driver.putContent("/a", new byte[] {1});
        Files.delete(store.resolve("~tmp")); // an operator cleaning up, say
        Files.delete(store.resolve("~uploads"));
        driver.putContent("/b", new byte[] {2});
        try (FileWriter writer = driver.writer("/c", false)) {
          writer.write(3);
        }
        try (FileWriter writer = driver.writer("/c", true)) {
          assertThat(writer.size()).isEqualTo(1);
          writer.write(4);
          writer.commit();
        }
        assertThat(driver.getContent("/b")).containsExactly(2);
        assertThat(driver.getContent("/c")).containsExactly(3, 4);
        assertThat(entries(store)).containsExactlyInAnyOrder("a", "b", "c", "~tmp", "~uploads");
      }
    }
  }

  @Test
  void aFileWhereTheTemporaryDirectoryWas_isAConflictNamingIt_notAMissingPath() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      driver.putContent("/a", new byte[] {1});
      Files.delete(root.resolve("~tmp"));
      Files.write(root.resolve("~tmp"), new byte[] {0});
      assertThatThrownBy(() -> driver.putContent("/b", new byte[] {2})).isInstanceOfSatisfying(
          DriverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.getMessage()).contains(root.resolve("~tmp").toString());
          });
      Files.delete(root.resolve("~tmp"));
      driver.putContent("/b", new byte[] {2});
      assertThat(driver.getContent("/b")).containsExactly(2);
    }
  }

  @Test
  void cancel_removesEveryTrace() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      try (FileWriter writer = driver.writer("/a/b", false)) {
        writer.write(new byte[100]);
      }
      try (FileWriter writer = driver.writer("/a/b", true)) {
        writer.write(new byte[100]);
        writer.cancel();
      }
    }
    assertThat(entries(root.resolve("~tmp"))).isEmpty();
    assertThat(entries(root.resolve("~uploads"))).isEmpty();
    assertThat(entries(root)).containsExactlyInAnyOrder("~tmp", "~uploads");
  }

  @Test
  void commit_leavesNoTemporaryFile() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      try (FileWriter writer = driver.writer("/a/b", false)) {
        writer.write(new byte[100]);
        writer.commit();
      }
      driver.putContent("/c", new byte[10]);
    }
    assertThat(entries(root.resolve("~tmp"))).isEmpty();
    assertThat(entries(root.resolve("~uploads"))).isEmpty();
  }

  @Test
  void entriesOfTheDriver_areInvisible_thoughPathsLookingLikeThemAreOrdinaryFiles() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      try (FileWriter writer = driver.writer("/pending", false)) {
        writer.write(new byte[] {1});
      }
      driver.putContent("/~tmp", new byte[] {2});
      driver.putContent("/~uploads/x", new byte[] {3});
      assertThat(driver.list("/")).containsExactlyInAnyOrder("/~tmp", "/~uploads");
      assertThat(driver.getContent("/~tmp")).containsExactly(2);
      assertThat(entries(root)).contains("~tmp", "~uploads", "%7Etmp", "%7Euploads");
    }
  }

  @Test
  void staleTemporaryFiles_areRemovedWhenADriverStarts_freshOnesKept() throws Exception {
    FilesystemDriver.open(root).close();
    Path stale = Files.write(root.resolve("~tmp").resolve("stale"), new byte[] {1});
    Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    Path fresh = Files.write(root.resolve("~tmp").resolve("fresh"), new byte[] {1});
    FilesystemDriver.open(root).close();
    assertThat(stale).doesNotExist();
    assertThat(fresh).exists();
  }

  @Test
  void deletingTheLastFile_removesItsEmptyDirectories() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      driver.putContent("/a/b/c/d", new byte[] {1});
      driver.putContent("/a/x", new byte[] {1});
      driver.delete("/a/b/c/d");
      assertThat(root.resolve("a").resolve("b")).doesNotExist();
      assertThat(root.resolve("a")).exists();
    }
  }

  @Test
  void abandonedWriters_areCancelledWhenUnreachable_theirFilesDeleted() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      for (int i = 0; i < 100; i++) {
        FileWriter writer = driver.writer("/abandoned/" + i, false);
        writer.write(new byte[10]); // never committed, cancelled or closed
      }
      assertThat(entries(root.resolve("~tmp"))).hasSize(100);
      for (int i = 0; i < 100 && !entries(root.resolve("~tmp")).isEmpty(); i++) {
        System.gc();
        Thread.sleep(50);
      }
      assertThat(entries(root.resolve("~tmp"))).isEmpty();
      assertThat(entries(root.resolve("~uploads"))).isEmpty();
      assertThat(driver.list("/")).isEmpty();
    }
  }

  @Test
  void abandonedReaders_releaseTheirDescriptorsWhenUnreachable() throws Exception {
    Path descriptors = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(descriptors), "no /proc/self/fd to count with");
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      driver.putContent("/read/me", new byte[] {1, 2, 3});
      driver.reader("/read/me", 0).close(); // the directory handles are kept from here on
      int before = entries(descriptors).size();
      for (int i = 0; i < 200; i++) {
        driver.reader("/read/me", 0).read(); // never closed
      }
      assertThat(entries(descriptors).size()).isGreaterThanOrEqualTo(before + 200);
      for (int i = 0; i < 100 && entries(descriptors).size() > before + 20; i++) {
        System.gc();
        Thread.sleep(50);
      }
      assertThat(entries(descriptors).size()).isLessThanOrEqualTo(before + 20);
    }
  }

  private static List<String> entries(Path directory) throws Exception {
    try (Stream<Path> list = Files.list(directory)) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }
  }
}
