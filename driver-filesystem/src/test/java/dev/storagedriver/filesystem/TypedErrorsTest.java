package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures come out typed, naming the path, and never harm what was stored before. */
class TypedErrorsTest {
  @TempDir
  Path temp;

  @Test
  void writeBelowAFile_isConflictNamingThePath_andTheFileStays() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(temp)) {
      driver.putContent("/a", new byte[] {1});
      assertCode(() -> driver.putContent("/a/b", new byte[] {2}), ErrorCode.CONFLICT, "/a/b");
      assertCode(() -> driver.writer("/a/b", false), ErrorCode.CONFLICT, "/a/b");
      assertCode(() -> driver.putContent("/a/b/c", new byte[] {2}), ErrorCode.CONFLICT, "/a/b/c");
      assertThat(driver.getContent("/a")).containsExactly(1);
    }
  }

  @Test
  void moveBelowAFile_isConflictNamingTheDestination_andBothFilesStay() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(temp)) {
      driver.putContent("/a", new byte[] {1});
      driver.putContent("/x", new byte[] {2});
      assertCode(() -> driver.move("/x", "/a/b"), ErrorCode.CONFLICT, "/a/b");
      assertThat(driver.getContent("/a")).containsExactly(1);
      assertThat(driver.getContent("/x")).containsExactly(2);
    }
  }

  @Test
  void writeOntoADirectory_isConflict_andItsContentStays() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(temp)) {
      driver.putContent("/dir/file", new byte[] {1});
      assertCode(() -> driver.putContent("/dir", new byte[] {2}), ErrorCode.CONFLICT, "/dir");
      try (FileWriter writer = driver.writer("/dir", false)) {
        writer.write(new byte[] {3});
        assertCode(writer::commit, ErrorCode.CONFLICT, "/dir");
        writer.cancel();
      }
      assertThat(driver.getContent("/dir/file")).containsExactly(1);
    }
  }

  @Test
  void commitRefusedForAConflict_keepsTheWriterUsable_andARetryCommitsEveryByteWritten() throws Exception {
    try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix())) {
      for (Path root : new Path[] {temp.resolve("disk"), jimfs.getPath("/store")}) {
        try (StorageDriver driver = FilesystemDriver.open(root)) {
          byte[] first = random(FilesystemWriter.BUFFER_SIZE + 3);
          byte[] second = random(FilesystemWriter.BUFFER_SIZE * 2 + 5);
          FileWriter writer = driver.writer("/dir", false);
          writer.write(first);
          driver.putContent("/dir/file", new byte[] {1});
          assertCode(writer::commit, ErrorCode.CONFLICT, "/dir");

          writer.write(second); // more than a buffer: it reaches the session file
          assertThat(writer.size()).isEqualTo(first.length + second.length);
          driver.delete("/dir/file");
          writer.commit();
          writer.close();
          byte[] expected = java.util.Arrays.copyOf(first, first.length + second.length);
          System.arraycopy(second, 0, expected, first.length, second.length);
          assertThat(driver.getContent("/dir")).as("on %s", root).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void commitRefusedForAConflict_thenClose_keepsEveryByteForAResume() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(temp)) {
      FileWriter writer = driver.writer("/dir", false);
      writer.write(new byte[] {1, 2});
      driver.putContent("/dir/file", new byte[] {9});
      assertCode(writer::commit, ErrorCode.CONFLICT, "/dir");
      writer.write(new byte[] {3});
      writer.close();
      driver.delete("/dir");
      try (FileWriter resumed = driver.writer("/dir", true)) {
        assertThat(resumed.size()).isEqualTo(3);
        resumed.commit();
      }
      assertThat(driver.getContent("/dir")).containsExactly(1, 2, 3);
    }
  }

  @Test
  void diskFull_inPutContent_isNoSpace_andOldContentStays() throws Exception {
    try (FileSystem small = smallFileSystem(); StorageDriver driver = FilesystemDriver.open(small.getPath("/s"))) {
      byte[] old = random(256 << 10);
      driver.putContent("/file", old);
      assertCode(() -> driver.putContent("/file", random(2 << 20)), ErrorCode.NO_SPACE, "/file");
      assertThat(driver.getContent("/file")).isEqualTo(old);
      driver.putContent("/other", random(256 << 10)); // the failed write's temporary file was removed
    }
  }

  @Test
  void diskFull_inWriter_isNoSpace_andOldContentStays() throws Exception {
    try (FileSystem small = smallFileSystem(); StorageDriver driver = FilesystemDriver.open(small.getPath("/s"))) {
      byte[] old = random(256 << 10);
      driver.putContent("/file", old);
      FileWriter writer = driver.writer("/file", false);
      assertCode(() -> {
        writer.write(random(2 << 20));
        writer.commit();
      }, ErrorCode.NO_SPACE, "/file");
      writer.cancel();
      writer.close();
      assertThat(driver.getContent("/file")).isEqualTo(old);
      driver.putContent("/other", random(256 << 10)); // the cancelled session's file was removed
    }
  }

  @Test
  void diskFull_inWriter_thenSpaceFreed_writingOnOrCommittingIsRefused_neverStoringContentWithAHole()
      throws Exception {
    try (FileSystem small = smallFileSystem(); StorageDriver driver = FilesystemDriver.open(small.getPath("/s"))) {
      driver.putContent("/filler", new byte[600 << 10]);
      byte[] data = random(800 << 10);
      FileWriter writer = driver.writer("/file", false);
      int off = 0;
      try {
        for (; off < data.length; off += 1000) {
          writer.write(data, off, Math.min(1000, data.length - off));
        }
      } catch (DriverException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.NO_SPACE);
      }
      assertThat(off).as("the write that failed").isLessThan(data.length);
      driver.delete("/filler"); // room again: a caller may go on, not knowing how much of its call was kept

      int failedAt = off;
      assertCode(() -> writer.write(data, failedAt, 1000), ErrorCode.NO_SPACE, "/file");
      assertCode(writer::commit, ErrorCode.NO_SPACE, "/file");
      assertThatThrownBy(() -> driver.stat("/file")).isInstanceOf(dev.storagedriver.PathNotFoundException.class);
      long kept = writer.size();
      writer.close(); // keeps what the session file holds: a prefix of what was written, resumable at its size
      try (FileWriter resumed = driver.writer("/file", true)) {
        assertThat(resumed.size()).isEqualTo(kept);
        resumed.write(data, (int) kept, data.length - (int) kept);
        resumed.commit();
      }
      assertThat(driver.getContent("/file")).isEqualTo(data);
    }
  }

  /**
   * Runs only as a user other than root: permission bits do not stop root (as in this project's CI), and no file
   * system available in-process (Jimfs included) enforces them.
   */
  @Test
  void permissionDenied_isTypedNamingThePath_andOldContentStays() throws Exception {
    assumeFalse("root".equals(System.getProperty("user.name")),
        "running as root, whom permission bits do not stop; run as another user to test PERMISSION_DENIED");
    try (StorageDriver driver = FilesystemDriver.open(temp)) {
      driver.putContent("/locked/file", new byte[] {1});
      Path locked = temp.resolve("locked");
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
      Files.setPosixFilePermissions(temp.resolve("~tmp"), PosixFilePermissions.fromString("r-xr-xr-x"));
      try {
        assertCode(() -> driver.putContent("/locked/file", new byte[] {2}), ErrorCode.PERMISSION_DENIED,
            "/locked/file");
        assertThat(driver.getContent("/locked/file")).containsExactly(1);
      } finally {
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(temp.resolve("~tmp"), PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
  }

  private static FileSystem smallFileSystem() {
    return Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(1 << 20).setBlockSize(4096).build());
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code, String path) {
    assertThatThrownBy(call).isInstanceOfSatisfying(DriverException.class, e -> {
      assertThat(e.code()).as("code of %s", e).isEqualTo(code);
      assertThat(e.path()).hasValue(path);
      assertThat(e.driverName()).isEqualTo(FilesystemDriver.NAME);
    });
  }


  /**
   * The same as root, where permission bits stop nothing: an immutable directory ({@code chattr +i}, ext4 and most
   * Linux file systems) refuses even root, with "Operation not permitted".
   */
  @Test
  void operationNotPermitted_evenForRoot_isPermissionDeniedNamingThePath_andOldContentStays() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(temp)) {
      driver.putContent("/locked/file", new byte[] {1});
      Path locked = temp.resolve("locked");
      Path staging = temp.resolve("~tmp");
      assumeTrue(chattr("+i", locked, staging),
          "chattr +i is not available here (not Linux, no CAP_LINUX_IMMUTABLE, or a file system without it)");
      try {
        assertCode(() -> driver.putContent("/locked/file", new byte[] {2}), ErrorCode.PERMISSION_DENIED,
            "/locked/file");
        assertCode(() -> driver.delete("/locked/file"), ErrorCode.PERMISSION_DENIED, "/locked/file");
        assertThat(driver.getContent("/locked/file")).containsExactly(1);
      } finally {
        chattr("-i", locked, staging);
      }
      driver.delete("/locked");
    }
  }

  @Test
  void rootDirectoryThatCannotBeMade_evenForRoot_isPermissionDeniedAtStart_namingIt() throws Exception {
    Path parent = Files.createDirectory(temp.resolve("immutable"));
    assumeTrue(chattr("+i", parent),
        "chattr +i is not available here (not Linux, no CAP_LINUX_IMMUTABLE, or a file system without it)");
    try {
      Path root = parent.resolve("store");
      assertThatThrownBy(() -> FilesystemDriver.open(root)).isInstanceOfSatisfying(DriverException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(e.getMessage()).contains(root.toString());
      });
    } finally {
      chattr("-i", parent);
    }
  }

  private static boolean chattr(String flag, Path... paths) throws InterruptedException {
    for (Path path : paths) {
      try {
        Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
          return false;
        }
      } catch (java.io.IOException e) {
        return false;
      }
    }
    return true;
  }
}
