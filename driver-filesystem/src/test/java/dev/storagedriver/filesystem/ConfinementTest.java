package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links planted inside the root that point outside it, on the real disk: the driver never follows them out, for
 * read, write, list, walk, move or delete.
 */
class ConfinementTest {
  private static final byte[] SECRET = "outside".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path temp;

  private Path root;
  private Path outside;
  private StorageDriver driver;

  @BeforeEach
  void plantLinks() throws Exception {
    root = temp.resolve("store");
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.write(outside.resolve("secret"), SECRET);
    driver = open(root);
    driver.putContent("/dir/file", new byte[] {1});
    Files.createSymbolicLink(root.resolve("dirlink"), outside);
    Files.createSymbolicLink(root.resolve("filelink"), outside.resolve("secret"));
    Files.createSymbolicLink(root.resolve("dir").resolve("nested"), outside);
  }

  /** The driver under test over {@code root}. */
  StorageDriver open(Path root) throws Exception {
    return FilesystemDriver.open(root);
  }

  @AfterEach
  void outsideIsUntouched() throws Exception {
    driver.close();
    assertThat(Files.readAllBytes(outside.resolve("secret"))).isEqualTo(SECRET);
    try (var entries = Files.list(outside)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("secret");
    }
  }

  @Test
  void read_throughLinkToOutsideDirectory_findsNothing() {
    assertThatThrownBy(() -> driver.getContent("/dirlink/secret")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.reader("/dirlink/secret", 0)).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.stat("/dirlink/secret")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.getContent("/dir/nested/secret")).isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void read_ofLinkToOutsideFile_findsNothing() {
    assertThatThrownBy(() -> driver.getContent("/filelink")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.reader("/filelink", 0)).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.stat("/filelink")).isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void read_remembered_thenDirectorySwappedForLinkToOutside_findsNothing() throws Exception {
    driver.putContent("/swap/secret", new byte[] {4});
    readEveryWay("/swap/secret");
    Files.move(root.resolve("swap"), temp.resolve("aside"));
    Files.createSymbolicLink(root.resolve("swap"), outside);

    assertThatThrownBy(() -> driver.getContent("/swap/secret")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.reader("/swap/secret", 0)).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.stat("/swap/secret")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.list("/swap")).isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void read_remembered_thenAncestorSwappedForLinkToOutside_findsNothing() throws Exception {
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere").resolve("mid").resolve("low"));
    Files.write(elsewhere.resolve("file"), SECRET);
    driver.putContent("/top/mid/low/file", new byte[] {5});
    readEveryWay("/top/mid/low/file");
    Files.move(root.resolve("top"), temp.resolve("aside"));
    Files.createSymbolicLink(root.resolve("top"), temp.resolve("elsewhere"));

    assertThatThrownBy(() -> driver.getContent("/top/mid/low/file")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.reader("/top/mid/low/file", 0)).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.stat("/top/mid/low/file")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.list("/top/mid/low")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.walk("/top/mid", info -> FileVisitResult.CONTINUE))
        .isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void read_remembered_thenFileReplacedOnDisk_returnsTheNewContent() throws Exception {
    driver.putContent("/dir/changing", new byte[] {6});
    readEveryWay("/dir/changing");
    Path aside = temp.resolve("replacement");
    Files.write(aside, new byte[] {7, 7});
    Files.move(aside, root.resolve("dir").resolve("changing"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThat(driver.getContent("/dir/changing")).containsExactly(7, 7);
    assertThat(driver.stat("/dir/changing").size()).isEqualTo(2);
  }

  @Test
  void read_remembered_thenDirectoryMovedOutAndLinkedBack_andRewrittenInPlace_findsNothing() throws Exception {
    driver.putContent("/real/data.txt", new byte[] {8});
    readEveryWay("/real/data.txt");
    Path movedOut = temp.resolve("moved-out");
    Files.move(root.resolve("real"), movedOut);
    Files.createSymbolicLink(root.resolve("real"), movedOut);
    Path data = movedOut.resolve("data.txt");
    java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(data);
    Files.write(data, new byte[] {9}); // in place: same inode
    Files.setLastModifiedTime(data, modified);

    assertThatThrownBy(() -> driver.getContent("/real/data.txt")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.reader("/real/data.txt", 0)).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.stat("/real/data.txt")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.list("/real")).isInstanceOf(PathNotFoundException.class);
    assertConflict(() -> driver.putContent("/real/new", new byte[] {1}), "/real/new");
    assertThat(movedOut.resolve("new")).doesNotExist();
  }

  @Test
  void deepDirectoryKept_thenAncestorMovedOutAndLinkedBack_findsNothing() throws Exception {
    driver.putContent("/top/mid/low/file", new byte[] {5});
    readEveryWay("/top/mid/low/file");
    Path movedOut = temp.resolve("moved-top");
    Files.move(root.resolve("top"), movedOut);
    Files.createSymbolicLink(root.resolve("top"), movedOut);

    assertThatThrownBy(() -> driver.getContent("/top/mid/low/file")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.stat("/top/mid/low/file")).isInstanceOf(PathNotFoundException.class);
    assertConflict(() -> driver.putContent("/top/mid/low/new", new byte[] {1}), "/top/mid/low/new");
    assertThat(movedOut.resolve("mid").resolve("low").resolve("new")).doesNotExist();
  }

  /** Reads {@code path} and its ancestors every way a read can, so that their checks are remembered. */
  private void readEveryWay(String path) throws Exception {
    assertThat(driver.getContent(path)).isNotEmpty();
    driver.reader(path, 0).close();
    driver.stat(path);
    for (String p = dev.storagedriver.StoragePaths.parent(path); !p.equals("/"); p = dev.storagedriver.StoragePaths.parent(p)) {
      driver.stat(p);
      driver.list(p);
      driver.walk(p, info -> FileVisitResult.CONTINUE);
    }
  }

  @Test
  void write_belowLinkToOutsideDirectory_isConflict() {
    assertConflict(() -> driver.putContent("/dirlink/new", new byte[] {2}), "/dirlink/new");
    assertConflict(() -> driver.writer("/dirlink/new", false), "/dirlink/new");
    assertConflict(() -> driver.putContent("/dir/nested/new", new byte[] {2}), "/dir/nested/new");
  }

  @Test
  void write_ontoLinkToOutsideFile_replacesTheLinkNotItsTarget() throws Exception {
    driver.putContent("/filelink", new byte[] {3});
    assertThat(Files.isSymbolicLink(root.resolve("filelink"))).isFalse();
    assertThat(driver.getContent("/filelink")).containsExactly(3);
    driver.delete("/filelink");
  }

  @Test
  void move_intoLinkToOutsideDirectory_isConflict_andSourceStays() throws Exception {
    assertConflict(() -> driver.move("/dir/file", "/dirlink/file"), "/dirlink/file");
    assertThat(driver.getContent("/dir/file")).containsExactly(1);
  }

  @Test
  void move_ofLinkToOutsideFile_findsNothing() {
    assertThatThrownBy(() -> driver.move("/filelink", "/copy")).isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void list_ofLinkToOutsideDirectory_findsNothing() {
    assertThatThrownBy(() -> driver.list("/dirlink")).isInstanceOf(PathNotFoundException.class);
    assertThatThrownBy(() -> driver.list("/dir/nested")).isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void walk_neverEntersLinks() throws Exception {
    List<String> walked = new ArrayList<>();
    driver.walk("/", info -> {
      walked.add(info.path());
      return FileVisitResult.CONTINUE;
    });
    assertThat(walked).containsExactly("/dir", "/dir/file");
  }

  @Test
  void delete_ofLinks_removesTheLinksOnly() throws Exception {
    driver.delete("/dirlink");
    driver.delete("/filelink");
    assertThat(Files.exists(root.resolve("dirlink"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.exists(root.resolve("filelink"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void delete_ofDirectoryHoldingLink_removesTheLinkNotWhatItPointsTo() throws Exception {
    driver.delete("/dir");
    assertThat(Files.exists(root.resolve("dir"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void delete_throughLinkToOutsideDirectory_findsNothing() {
    assertThatThrownBy(() -> driver.delete("/dirlink/secret")).isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void rootDirectory_reachedThroughALink_isAllowed() throws Exception {
    Path alias = Files.createSymbolicLink(temp.resolve("alias"), root);
    try (StorageDriver viaAlias = open(alias)) {
      assertThat(viaAlias.getContent("/dir/file")).containsExactly(1);
    }
  }

  private static void assertConflict(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String path) {
    assertThatThrownBy(call).isInstanceOfSatisfying(DriverException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
      assertThat(e.path()).hasValue(path);
    });
  }
}
