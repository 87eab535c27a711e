package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.storagedriver.Capability;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How segments are named on disk (issue 11): reversibly, old stores unchanged, foreign names never lost. */
class NamesOnDiskTest {
  @TempDir
  Path root;

  @Test
  void storeWrittenByTheOldLayout_readsIdentically() throws Exception {
    // The old layout, by hand: <root>/a/b for /a/b, names [A-Za-z0-9._-], ~tmp and ~uploads beside.
    Files.createDirectories(root.resolve("~tmp"));
    Files.createDirectories(root.resolve("~uploads"));
    Files.createDirectories(root.resolve("docker/registry/v2/blobs/sha256/ab"));
    Files.write(root.resolve("docker/registry/v2/blobs/sha256/ab/data"), bytes("blob"));
    Files.write(root.resolve("A-b_c.9"), bytes("top"));
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      assertThat(driver.getContent("/docker/registry/v2/blobs/sha256/ab/data")).isEqualTo(bytes("blob"));
      assertThat(driver.getContent("/A-b_c.9")).isEqualTo(bytes("top"));
      assertThat(driver.list("/")).containsExactlyInAnyOrder("/docker", "/A-b_c.9");
      List<String> walked = new ArrayList<>();
      driver.walk("/", info -> {
        walked.add(info.path());
        return FileVisitResult.CONTINUE;
      });
      assertThat(walked).containsExactly("/A-b_c.9", "/docker", "/docker/registry", "/docker/registry/v2",
          "/docker/registry/v2/blobs", "/docker/registry/v2/blobs/sha256", "/docker/registry/v2/blobs/sha256/ab",
          "/docker/registry/v2/blobs/sha256/ab/data");
      driver.putContent("/docker/new", bytes("n"));
    }
    assertThat(Files.readAllBytes(root.resolve("docker/new"))).isEqualTo(bytes("n"));
  }

  @Test
  void percentAndLeadingTilde_areEscaped_everythingElseStoredAsItIs() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      driver.putContent("/100%", bytes("1"));
      driver.putContent("/~tmp", bytes("2"));
      driver.putContent("/a~b", bytes("3"));
      driver.putContent("/ünï 😀.txt", bytes("4"));
      assertThat(driver.list("/")).containsExactlyInAnyOrder("/100%", "/~tmp", "/a~b", "/ünï 😀.txt");
      assertThat(driver.getContent("/~tmp")).isEqualTo(bytes("2"));
    }
    assertThat(entries(root)).containsExactlyInAnyOrder("~tmp", "~uploads", "100%25", "%7Etmp", "a~b",
        "ünï 😀.txt");
  }

  @Test
  void segmentLongerThanTheHostAllowsOnceEscaped_isStoredUnderAHashedName_andRoundTrips() throws Exception {
    String longName = "%".repeat(255); // 765 bytes once escaped; ext4 holds 255
    String file = "/e/" + longName;
    String inDirectory = "/e/" + longName + "/f";
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      driver.putContent(file, bytes("file"));
      assertThat(driver.getContent(file)).isEqualTo(bytes("file"));
      assertThat(driver.list("/e")).containsExactly(file);
      driver.move(file, "/e/moved");
      assertThatThrownBy(() -> driver.stat(file)).isInstanceOf(PathNotFoundException.class);
      try (dev.storagedriver.FileWriter writer = driver.writer(inDirectory, false)) {
        writer.write(bytes("below"));
        writer.commit();
      }
      assertThat(driver.stat("/e/" + longName).isDirectory()).isTrue();
      List<String> walked = new ArrayList<>();
      driver.walk("/", info -> {
        walked.add(info.path());
        return FileVisitResult.CONTINUE;
      });
      assertThat(walked).containsExactly("/e", "/e/" + longName, inDirectory, "/e/moved");
      assertThat(entries(root.resolve("e"))).hasSize(3).anyMatch(n -> n.startsWith("~L")).anyMatch(
          n -> n.startsWith("~N")).contains("moved");
      driver.delete("/e/" + longName);
      assertThat(entries(root.resolve("e"))).containsExactly("moved");
    }
    try (StorageDriver reopened = FilesystemDriver.open(root)) {
      assertThat(reopened.list("/e")).containsExactly("/e/moved");
    }
  }

  @Test
  void namesAnotherProgramMade_thatAreNoEncoding_areNotShown_andDeleteLeavesThemAndSaysSo() throws Exception {
    Files.createDirectories(root.resolve("dir"));
    Files.write(root.resolve("dir/good"), bytes("g"));
    Files.write(root.resolve("dir/~backup"), bytes("b"));
    Files.write(root.resolve("dir/%41"), bytes("a"));
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      assertThat(driver.list("/dir")).containsExactly("/dir/good");
      assertThatThrownBy(() -> driver.delete("/dir")).isInstanceOfSatisfying(DriverException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(e.getMessage()).contains("~backup", "%41");
      });
    }
    assertThat(entries(root.resolve("dir"))).containsExactlyInAnyOrder("~backup", "%41");
  }

  @Test
  void foreignNameDeepInATree_deleteStillRemovesEverythingTheListShows_andLeavesOnlyTheForeignEntry()
      throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      for (int i = 0; i < 30; i++) {
        driver.putContent("/tree/sub" + i + "/file", bytes("f" + i));
      }
      driver.putContent("/tree/top", bytes("t"));
    }
    Files.write(root.resolve("tree/sub7/~backup"), bytes("b"));
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      assertThatThrownBy(() -> driver.delete("/tree")).isInstanceOfSatisfying(DriverException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(e.getMessage()).contains("~backup");
      });
      for (int i = 0; i < 30; i++) {
        String file = "/tree/sub" + i + "/file";
        assertThatThrownBy(() -> driver.stat(file)).as(file).isInstanceOf(PathNotFoundException.class);
      }
      assertThatThrownBy(() -> driver.stat("/tree/top")).isInstanceOf(PathNotFoundException.class);
    }
    assertThat(entries(root.resolve("tree"))).containsExactly("sub7");
    assertThat(entries(root.resolve("tree/sub7"))).containsExactly("~backup");
  }

  @Test
  void nameThatIsNotUtf8_isNotShown_andNotDeleted() throws Exception {
    Files.createDirectories(root.resolve("dir"));
    Files.write(root.resolve("dir/good"), bytes("g"));
    Process touch = new ProcessBuilder("sh", "-c", "touch \"$1/bad$(printf '\\377')name\"", "sh",
        root.resolve("dir").toString()).redirectErrorStream(true).start();
    touch.getInputStream().readAllBytes();
    org.junit.jupiter.api.Assumptions.assumeTrue(touch.waitFor() == 0 && entries(root.resolve("dir")).size() == 2,
        "no sh/touch to make a name that is not UTF-8");
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      assertThat(driver.list("/dir")).containsExactly("/dir/good");
      assertThatThrownBy(() -> driver.delete("/dir")).isInstanceOfSatisfying(DriverException.class,
          e -> assertThat(e.getMessage()).contains("bad%FFname"));
    }
    assertThat(entries(root.resolve("dir"))).hasSize(1);
  }

  @Test
  void directoryRenamedWithinTheRootByAnotherProgram_stopsAnsweringForItsOldPath() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      driver.putContent("/a/f", bytes("old"));
      assertThat(driver.getContent("/a/f")).isEqualTo(bytes("old"));
      Files.move(root.resolve("a"), root.resolve("b"));
      Files.createDirectories(root.resolve("a"));
      Files.write(root.resolve("a/g"), bytes("new"));
      assertThat(driver.getContent("/a/g")).isEqualTo(bytes("new")); // not found through the old handle: rechecked
      assertThat(driver.getContent("/b/f")).isEqualTo(bytes("old"));
      assertThatThrownBy(() -> driver.getContent("/a/f")).isInstanceOf(PathNotFoundException.class);
    }
  }

  @Test
  void windowsFileSystem_escapesReservedCharactersAndNames_andRoundTrips() throws Exception {
    try (FileSystem windows = Jimfs.newFileSystem(Configuration.windows());
        StorageDriver driver = FilesystemDriver.open(windows.getPath("C:\\store"))) {
      List<String> paths = List.of("/CON", "/nul.txt", "/a:b", "/q?", "/back\\slash", "/dot.", "/space ", "/ünï");
      for (String p : paths) {
        driver.putContent(p, bytes(p));
      }
      for (String p : paths) {
        assertThat(driver.getContent(p)).isEqualTo(bytes(p));
      }
      assertThat(driver.list("/")).containsExactlyInAnyOrderElementsOf(paths);
      assertThat(entries(windows.getPath("C:\\store"))).contains("%43ON", "%6Eul.txt", "a%3Ab", "q%3F",
          "back%5Cslash", "dot%2E", "space%20", "%C3%BCn%C3%AF");
    }
  }

  @Test
  void caseInsensitiveFileSystem_declaresNameFolding_andRefusesTheSecondOfAFoldedPair() throws Exception {
    for (Configuration configuration : List.of(Configuration.windows(), Configuration.osX())) {
      try (FileSystem fs = Jimfs.newFileSystem(configuration);
          StorageDriver driver = FilesystemDriver.open(fs.getRootDirectories().iterator().next().resolve("s"))) {
        assertThat(driver.capabilities()).contains(Capability.NAME_FOLDING);
        driver.putContent("/dir/a", bytes("lower"));
        assertThatThrownBy(() -> driver.putContent("/dir/A", bytes("upper")))
            .isInstanceOfSatisfying(DriverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> driver.putContent("/DIR/b", bytes("x")))
            .isInstanceOfSatisfying(DriverException.class, e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
              assertThat(e.getMessage()).as("says what folds, not that a file is in the way")
                  .contains("\"dir\"").doesNotContain("is a file");
            });
        assertThatThrownBy(() -> driver.getContent("/dir/A")).isInstanceOf(PathNotFoundException.class);
        assertThatThrownBy(() -> driver.stat("/DIR")).isInstanceOf(PathNotFoundException.class);
        assertThat(driver.getContent("/dir/a")).isEqualTo(bytes("lower"));
        // NFC and NFD stay two files: non-ASCII is escaped here, so normalization cannot merge them
        driver.putContent("/\u00e9", bytes("nfc"));
        driver.putContent("/e\u0301", bytes("nfd"));
        assertThat(driver.getContent("/\u00e9")).isEqualTo(bytes("nfc"));
        assertThat(driver.getContent("/e\u0301")).isEqualTo(bytes("nfd"));
      }
    }
  }

  @Test
  void caseSensitiveFileSystem_keepsCasePairsApart() throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      assertThat(driver.capabilities()).doesNotContain(Capability.NAME_FOLDING);
      driver.putContent("/a", bytes("lower"));
      driver.putContent("/A", bytes("upper"));
      assertThat(driver.getContent("/a")).isEqualTo(bytes("lower"));
      assertThat(driver.getContent("/A")).isEqualTo(bytes("upper"));
    }
  }

  @Test
  void deepestValidTree_isWrittenWalkedAndDeleted() throws Exception {
    String deepest = "/a".repeat(511); // 1,022 bytes: 511 levels
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      driver.putContent(deepest, bytes("deep"));
      assertThat(driver.getContent(deepest)).isEqualTo(bytes("deep"));
      int[] visited = {0};
      driver.walk("/", info -> {
        visited[0]++;
        return FileVisitResult.CONTINUE;
      });
      assertThat(visited[0]).isEqualTo(511);
      driver.delete("/a");
      assertThat(driver.list("/")).isEmpty();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> entries(Path directory) throws Exception {
    try (Stream<Path> list = Files.list(directory)) {
      return list.map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }
  }
}
