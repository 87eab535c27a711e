package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.FileInfo;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.WalkOptions;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code walk}: every path below a directory, depth-first in walk order. */
public interface WalkContract extends DriverContract {

  /** The files of the walk tree; {@code folder1-suffix} sorts after {@code folder1}'s subtree in walk order. */
  List<String> WALK_FILES = List.of(
      "/walk/folder1/file1",
      "/walk/folder1/file2",
      "/walk/folder1-suffix/file1",
      "/walk/folder2/sub1/file1",
      "/walk/folder2/sub2/file1",
      "/walk/folder3/file1",
      "/walk/zfile");

  /** Everything below {@code /walk}, in walk order. */
  List<String> WALK_ORDER = List.of(
      "/walk/folder1",
      "/walk/folder1/file1",
      "/walk/folder1/file2",
      "/walk/folder1-suffix",
      "/walk/folder1-suffix/file1",
      "/walk/folder2",
      "/walk/folder2/sub1",
      "/walk/folder2/sub1/file1",
      "/walk/folder2/sub2",
      "/walk/folder2/sub2/file1",
      "/walk/folder3",
      "/walk/folder3/file1",
      "/walk/zfile");

  private void writeTree() throws IOException {
    for (String file : WALK_FILES) {
      driver().putContent(file, file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private List<String> walk(String from, WalkOptions options, Function<FileInfo, FileVisitResult> decide)
      throws IOException {
    List<String> visited = new ArrayList<>();
    driver().walk(from, info -> {
      visited.add(info.path());
      return decide.apply(info);
    }, options);
    return visited;
  }

  private List<String> walkAll(String from, WalkOptions options) throws IOException {
    return walk(from, options, info -> FileVisitResult.CONTINUE);
  }

  /**
   * A walk of the whole tree visits every file and directory once, in {@code StoragePaths.WALK_ORDER}.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_wholeTree_visitsEveryPathInWalkOrder() throws Exception {
    writeTree();
    assertThat(walkAll("/walk", WalkOptions.DEFAULTS)).containsExactlyElementsOf(WALK_ORDER);
    driver().delete("/walk");
  }

  /**
   * A walk from the root visits the top-level directories too, but not the root itself.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_fromRoot_includesTopLevelDirectory() throws Exception {
    writeTree();
    List<String> expected = new ArrayList<>();
    expected.add("/walk");
    expected.addAll(WALK_ORDER);
    assertThat(walkAll("/", WalkOptions.DEFAULTS)).containsExactlyElementsOf(expected);
    driver().delete("/walk");
  }

  /**
   * The walk hands the visitor the same {@code FileInfo} that {@code stat} gives, for files and directories.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_givesFileInfoOfFilesAndDirectories() throws Exception {
    writeTree();
    List<FileInfo> infos = new ArrayList<>();
    driver().walk("/walk", info -> {
      infos.add(info);
      return FileVisitResult.CONTINUE;
    });
    for (FileInfo info : infos) {
      boolean isFile = WALK_FILES.contains(info.path());
      assertThat(info.isDirectory()).as("isDirectory of %s", info.path()).isEqualTo(!isFile);
      if (isFile) {
        assertThat(info.size()).as("size of %s", info.path()).isEqualTo(info.path().length());
      }
    }
    driver().delete("/walk");
  }

  /**
   * A walk from a directory visits only what is below it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_fromSubfolder_visitsOnlyItsSubtree() throws Exception {
    writeTree();
    assertThat(walkAll("/walk/folder2", WalkOptions.DEFAULTS)).containsExactly(
        "/walk/folder2/sub1", "/walk/folder2/sub1/file1", "/walk/folder2/sub2", "/walk/folder2/sub2/file1");
    driver().delete("/walk");
  }

  /**
   * {@code SKIP_SUBTREE} on a directory skips everything below it and goes on after it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_skipSubtree_skipsTheDirectoryContents() throws Exception {
    writeTree();
    List<String> visited = walk("/walk", WalkOptions.DEFAULTS, info -> info.path().equals("/walk/folder2")
        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE);
    List<String> expected = new ArrayList<>(WALK_ORDER);
    expected.removeIf(p -> p.startsWith("/walk/folder2/"));
    assertThat(visited).containsExactlyElementsOf(expected);
    driver().delete("/walk");
  }

  /**
   * {@code SKIP_SIBLINGS} skips the rest of the directory holding the path and goes on after that directory.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_skipSiblings_skipsTheRestOfTheDirectory() throws Exception {
    writeTree();
    List<String> visited = walk("/walk", WalkOptions.DEFAULTS, info -> info.path().equals("/walk/folder1/file1")
        ? FileVisitResult.SKIP_SIBLINGS : FileVisitResult.CONTINUE);
    List<String> expected = new ArrayList<>(WALK_ORDER);
    expected.remove("/walk/folder1/file2");
    assertThat(visited).containsExactlyElementsOf(expected);
    driver().delete("/walk");
  }

  /**
   * {@code TERMINATE} ends the walk at once, without an error.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_terminate_stopsEarlyWithoutError() throws Exception {
    writeTree();
    List<String> visited = walk("/walk", WalkOptions.DEFAULTS, info -> info.path().equals("/walk/folder2/sub1")
        ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE);
    assertThat(visited).containsExactlyElementsOf(WALK_ORDER.subList(0, WALK_ORDER.indexOf("/walk/folder2/sub1") + 1));
    driver().delete("/walk");
  }

  /**
   * Start-after a path that sorts before everything visits everything.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_startAfterPathBeforeEverything_visitsEverything() throws Exception {
    writeTree();
    assertThat(walkAll("/walk", WalkOptions.startAfter("/walk/a"))).containsExactlyElementsOf(WALK_ORDER);
    driver().delete("/walk");
  }

  /**
   * Start-after a file visits only the paths after it in walk order.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_startAfterAFile_visitsOnlyWhatFollowsIt() throws Exception {
    writeTree();
    assertThat(walkAll("/walk", WalkOptions.startAfter("/walk/folder1-suffix/file1")))
        .containsExactlyElementsOf(WALK_ORDER.subList(WALK_ORDER.indexOf("/walk/folder1-suffix/file1") + 1,
            WALK_ORDER.size()));
    driver().delete("/walk");
  }

  /**
   * Start-after a directory visits what is below it and what follows it, not the directory itself.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_startAfterADirectory_visitsItsContentsAndWhatFollows() throws Exception {
    writeTree();
    assertThat(walkAll("/walk", WalkOptions.startAfter("/walk/folder2")))
        .containsExactlyElementsOf(WALK_ORDER.subList(WALK_ORDER.indexOf("/walk/folder2") + 1, WALK_ORDER.size()));
    driver().delete("/walk");
  }

  /**
   * Start-after the directory the walk starts at visits everything below it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_startAfterTheStartingDirectory_visitsEverything() throws Exception {
    writeTree();
    assertThat(walkAll("/walk", WalkOptions.startAfter("/walk"))).containsExactlyElementsOf(WALK_ORDER);
    driver().delete("/walk");
  }

  /**
   * Start-after a path that does not exist visits what would follow it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_startAfterAMissingPath_visitsWhatFollowsWhereItWouldBe() throws Exception {
    writeTree();
    assertThat(walkAll("/walk", WalkOptions.startAfter("/walk/folder1/file15")))
        .containsExactlyElementsOf(WALK_ORDER.subList(WALK_ORDER.indexOf("/walk/folder1/file2"), WALK_ORDER.size()));
    driver().delete("/walk");
  }

  /**
   * Start-after a path that sorts after everything visits nothing.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_startAfterThePathAfterEverything_visitsNothing() throws Exception {
    writeTree();
    assertThat(walkAll("/walk", WalkOptions.startAfter("/walk/zzz"))).isEmpty();
    driver().delete("/walk");
  }

  /**
   * An exception the visitor throws ends the walk and reaches the caller unchanged, not wrapped.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_visitorException_reachesTheCallerUnchanged() throws Exception {
    writeTree();
    IOException planted = new IOException("visitor failed on purpose");
    Throwable thrown = catchThrowable(() -> driver().walk("/walk", info -> {
      if (info.path().equals("/walk/folder2")) {
        throw planted;
      }
      return FileVisitResult.CONTINUE;
    }));
    assertThat(thrown).isSameAs(planted);
    driver().delete("/walk");
  }

  /**
   * Paths deleted while the walk runs are skipped, not reported as errors.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_pathsDeletedDuringTheWalk_areSkippedNotErrors() throws Exception {
    writeTree();
    StorageDriver d = driver();
    List<String> visited = walk("/walk", WalkOptions.DEFAULTS, info -> {
      if (info.path().equals("/walk/folder1")) {
        try {
          d.delete("/walk/folder2");
          d.delete("/walk/folder1/file2");
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      return FileVisitResult.CONTINUE;
    });
    assertThat(visited).contains("/walk/folder1/file1", "/walk/folder3/file1", "/walk/zfile");
    if (!d.capabilities().contains(dev.storagedriver.Capability.NATIVE_WALK)) {
      // The list-and-stat walk lists each directory when it gets there, so it must not see what is gone by then.
      // A native walk may list ahead (one flat listing) and report a snapshot instead.
      assertThat(visited).doesNotContain("/walk/folder2/sub1/file1", "/walk/folder1/file2");
    }
    d.delete("/walk");
  }

  /**
   * A walk from a path that holds nothing throws {@code PathNotFoundException}.
   */
  @Test
  default void walk_ofMissingPath_throwsPathNotFound() {
    Fixtures.assertPathNotFound(driver(), "/missing", () -> driver().walk("/missing", info -> FileVisitResult.CONTINUE));
  }

  /**
   * A walk from a file throws {@code PathNotFoundException}: there is no directory there.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_ofFile_throwsPathNotFound() throws Exception {
    driver().putContent("/file", new byte[] {1});
    Fixtures.assertPathNotFound(driver(), "/file", () -> driver().walk("/file", info -> FileVisitResult.CONTINUE));
    driver().delete("/file");
  }

  /**
   * A walk of an empty store's root visits nothing.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void walk_ofEmptyRoot_visitsNothing() throws Exception {
    assertThat(walkAll("/", WalkOptions.DEFAULTS)).isEmpty();
  }
}
