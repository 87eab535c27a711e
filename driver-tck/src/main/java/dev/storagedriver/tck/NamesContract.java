package dev.storagedriver.tck;

import static dev.storagedriver.tck.NameFixtures.DIR;
import static dev.storagedriver.tck.NameFixtures.MOVED;
import static dev.storagedriver.tck.NameFixtures.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.storagedriver.Capability;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidPathException;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real file names: spaces, many scripts, characters above U+FFFF, combining marks, the punctuation URLs, shells,
 * XML and file systems treat specially, names that look like drivers' escapes or hidden state, the longest
 * segment and the longest path. Each must come back exactly as stored, through every operation; each path that
 * breaks the grammar is {@code INVALID_PATH} everywhere.
 *
 * <p>To stay fast, each test stores the whole set once and checks one operation on every name; a failure lists
 * every name that failed, not just the first.
 */
public interface NamesContract extends DriverContract {

  /** The files of the set: every name in {@code /names}, and the longest path the store holds. */
  private List<String> files() {
    return NameFixtures.files(storeMaxPathBytes());
  }

  private void storeAllNames() throws IOException {
    for (String path : files()) {
      driver().putContent(path, content(path));
    }
  }

  /** A path for a failure message, with its length and code points: many names look alike when printed. */
  private static String show(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    StringBuilder codePoints = new StringBuilder();
    name.codePoints().limit(12).forEach(c -> codePoints.append(String.format(" U+%04X", c)));
    return "\"" + path + "\" (" + NameFixtures.utf8Length(path) + " bytes; last segment" + codePoints
        + (name.codePointCount(0, name.length()) > 12 ? " ...)" : ")");
  }

  /**
   * Every name of the set, stored with {@code putContent}, comes back byte for byte from {@code getContent}.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_putContent_thenGetContent_returnsTheSameBytes() throws Exception {
    storeAllNames();
    SoftAssertions soft = new SoftAssertions();
    for (String path : files()) {
      soft.assertThatCode(() -> assertThat(driver().getContent(path)).isEqualTo(content(path)))
          .as("getContent of %s", show(path)).doesNotThrowAnyException();
    }
    Fixtures.deleteIfPresent(driver(), DIR);
    soft.assertAll();
  }

  /**
   * Every name of the set, written with a writer, comes back byte for byte from a reader.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_writer_thenReader_returnsTheSameBytes() throws Exception {
    StorageDriver d = driver();
    SoftAssertions soft = new SoftAssertions();
    for (String path : files()) {
      soft.assertThatCode(() -> {
        try (FileWriter writer = d.writer(path, false)) {
          writer.write(content(path));
          writer.commit();
        }
      }).as("writer to %s", show(path)).doesNotThrowAnyException();
    }
    for (String path : files()) {
      soft.assertThatCode(() -> {
        try (InputStream in = d.reader(path, 0)) {
          assertThat(in.readAllBytes()).isEqualTo(content(path));
        }
      }).as("reader of %s", show(path)).doesNotThrowAnyException();
    }
    Fixtures.deleteIfPresent(d, DIR);
    soft.assertAll();
  }

  /**
   * {@code stat} of every name gives exactly that path, unchanged, and its size.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_stat_givesTheExactPathAndSize() throws Exception {
    storeAllNames();
    SoftAssertions soft = new SoftAssertions();
    for (String path : files()) {
      soft.assertThatCode(() -> {
        FileInfo info = driver().stat(path);
        assertThat(info.path()).isEqualTo(path);
        assertThat(info.isDirectory()).isFalse();
        assertThat(info.size()).isEqualTo(content(path).length);
      }).as("stat of %s", show(path)).doesNotThrowAnyException();
    }
    Fixtures.deleteIfPresent(driver(), DIR);
    soft.assertAll();
  }

  /**
   * {@code list} gives every name exactly as stored, in UTF-8 byte order.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_list_givesEveryNameExactly_inUtf8ByteOrder() throws Exception {
    storeAllNames();
    List<String> listed = driver().list(DIR);
    Fixtures.deleteIfPresent(driver(), DIR);
    assertThat(listed).containsExactlyElementsOf(NameFixtures.childrenOf(DIR, files()));
  }

  /**
   * A walk visits every name exactly as stored, in UTF-8 byte order.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_walk_visitsEveryPathExactly_inUtf8ByteOrder() throws Exception {
    storeAllNames();
    List<String> visited = walk(DIR, WalkOptions.DEFAULTS);
    Fixtures.deleteIfPresent(driver(), DIR);
    assertThat(visited).containsExactlyElementsOf(NameFixtures.walkBelow(DIR, files()));
  }

  /**
   * A walk reports the right size for every file of the set.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_walk_reportsTheSizeOfEveryFile() throws Exception {
    storeAllNames();
    List<FileInfo> infos = new ArrayList<>();
    driver().walk(DIR, info -> {
      infos.add(info);
      return FileVisitResult.CONTINUE;
    });
    Fixtures.deleteIfPresent(driver(), DIR);
    List<String> files = files();
    SoftAssertions soft = new SoftAssertions();
    for (FileInfo info : infos) {
      boolean isFile = files.contains(info.path());
      soft.assertThat(info.isDirectory()).as("isDirectory of %s", show(info.path())).isEqualTo(!isFile);
      if (isFile) {
        soft.assertThat(info.size()).as("size of %s", show(info.path())).isEqualTo(content(info.path()).length);
      }
    }
    soft.assertAll();
  }

  /**
   * Start-after any name of the set visits exactly the names that follow it in UTF-8 byte order.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_walkStartAfter_visitsWhatFollowsInUtf8ByteOrder() throws Exception {
    storeAllNames();
    List<String> order = NameFixtures.walkBelow(DIR, files());
    // A name whose UTF-16 and UTF-8 positions differ: the surrogate pairs sort after it only in UTF-8.
    String after = DIR + "/\uff71\uff72\uff73";
    List<String> visited = walk(DIR, WalkOptions.startAfter(after));
    Fixtures.deleteIfPresent(driver(), DIR);
    assertThat(visited).containsExactlyElementsOf(order.subList(order.indexOf(after) + 1, order.size()));
  }

  /**
   * From the root, the walk and the listings show the whole set and nothing else: no escape, no hidden state.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_fromTheRoot_walkAndListAgreeWithTheStore() throws Exception {
    storeAllNames();
    List<String> visited = walk("/", WalkOptions.DEFAULTS);
    List<String> top = driver().list("/");
    Fixtures.deleteIfPresent(driver(), DIR);
    List<String> expected = new ArrayList<>();
    expected.add(DIR);
    expected.addAll(NameFixtures.walkBelow(DIR, files()));
    assertThat(top).containsExactly(DIR);
    assertThat(visited).containsExactlyElementsOf(expected);
  }

  /**
   * Moving every name to another directory brings its content along and leaves nothing at the source.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_move_arriveWithTheirContent_andLeaveNothingBehind() throws Exception {
    storeAllNames();
    StorageDriver d = driver();
    SoftAssertions soft = new SoftAssertions();
    List<String> moved = new ArrayList<>();
    for (String path : files()) {
      String destination = NameFixtures.rebase(path, DIR, MOVED);
      moved.add(destination);
      soft.assertThatCode(() -> {
        d.move(path, destination);
        assertThat(d.getContent(destination)).isEqualTo(content(path));
      }).as("move of %s", show(path)).doesNotThrowAnyException();
    }
    List<String> left = d.list("/");
    List<String> listed = d.list(MOVED);
    Fixtures.deleteIfPresent(d, DIR);
    Fixtures.deleteIfPresent(d, MOVED);
    soft.assertThat(left).as("the top level after moving everything from %s", DIR).containsExactly(MOVED);
    soft.assertThat(listed).as("list of %s", MOVED).containsExactlyElementsOf(NameFixtures.childrenOf(MOVED, moved));
    soft.assertAll();
  }

  /**
   * Moving a name to another real name in the same directory renames it, content and all.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_moveWithinTheDirectory_renamesToAnotherRealName() throws Exception {
    StorageDriver d = driver();
    List<String> names = NameFixtures.NAMES;
    byte[] content = content(DIR);
    String first = DIR + "/" + names.get(0);
    d.putContent(first, content);
    String at = first;
    SoftAssertions soft = new SoftAssertions();
    // Rename one file through every name in turn: each step reads the old name and writes the new one.
    for (String name : names.subList(1, names.size())) {
      String next = DIR + "/" + name;
      String from = at;
      soft.assertThatCode(() -> d.move(from, next)).as("move %s to %s", show(from), show(next))
          .doesNotThrowAnyException();
      at = next;
    }
    String last = at;
    soft.assertThatCode(() -> {
      assertThat(d.list(DIR)).containsExactly(last);
      assertThat(d.getContent(last)).isEqualTo(content);
    }).as("%s after renaming through every name", show(last)).doesNotThrowAnyException();
    Fixtures.deleteIfPresent(d, DIR);
    soft.assertAll();
  }

  /**
   * Deleting the names one by one removes exactly the one named each time.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_deleteOneByOne_removesOnlyThatName() throws Exception {
    storeAllNames();
    StorageDriver d = driver();
    SoftAssertions soft = new SoftAssertions();
    List<String> remaining = new ArrayList<>(files());
    for (String path : files()) {
      soft.assertThatCode(() -> {
        d.delete(path);
        Fixtures.assertPathNotFound(d, path, () -> d.stat(path));
      }).as("delete of %s", show(path)).doesNotThrowAnyException();
      remaining.remove(path);
      if (!remaining.isEmpty()) {
        String survivor = remaining.get(0);
        soft.assertThatCode(() -> assertThat(d.getContent(survivor)).isEqualTo(content(survivor)))
            .as("%s after deleting %s", show(survivor), show(path)).doesNotThrowAnyException();
      }
    }
    soft.assertThat(d.list("/")).as("the top level after deleting every name").isEmpty();
    Fixtures.deleteIfPresent(d, DIR);
    soft.assertAll();
  }

  /**
   * Every name works as a directory too: list, stat, walk and delete below it.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_asDirectories_listStatWalkAndDelete() throws Exception {
    StorageDriver d = driver();
    List<String> files = new ArrayList<>();
    for (String name : NameFixtures.NAMES) {
      String file = DIR + "/" + name + "/file";
      files.add(file);
      d.putContent(file, content(file));
    }
    List<String> listed = d.list(DIR);
    List<String> visited = walk(DIR, WalkOptions.DEFAULTS);
    SoftAssertions soft = new SoftAssertions();
    for (String file : files) {
      String directory = file.substring(0, file.lastIndexOf('/'));
      soft.assertThatCode(() -> {
        assertThat(d.stat(directory).isDirectory()).isTrue();
        assertThat(d.list(directory)).containsExactly(file);
        assertThat(d.getContent(file)).isEqualTo(content(file));
      }).as("directory %s", show(directory)).doesNotThrowAnyException();
    }
    for (String file : files) {
      String directory = file.substring(0, file.lastIndexOf('/'));
      soft.assertThatCode(() -> {
        d.delete(directory);
        Fixtures.assertPathNotFound(d, file, () -> d.stat(file));
      }).as("delete of directory %s", show(directory)).doesNotThrowAnyException();
    }
    Fixtures.deleteIfPresent(d, DIR);
    soft.assertThat(listed).containsExactlyElementsOf(NameFixtures.childrenOf(DIR, files));
    soft.assertThat(visited).containsExactlyElementsOf(NameFixtures.walkBelow(DIR, files));
    soft.assertAll();
  }

  /**
   * Names that look like a driver's hidden state (temporary files, upload folders, escapes) are ordinary files.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void names_thatLookLikeHiddenState_areOrdinaryFiles() throws Exception {
    StorageDriver d = driver();
    List<String> paths = List.of("/~tmp", "/~uploads", "/~", "/%7Etmp");
    for (String path : paths) {
      Fixtures.write(d, path, content(path));
    }
    assertThat(d.list("/")).containsExactlyElementsOf(NameFixtures.childrenOf("/", paths));
    assertThat(walk("/", WalkOptions.DEFAULTS)).containsExactlyElementsOf(NameFixtures.walkBelow("/", paths));
    for (String path : paths) {
      assertThat(d.getContent(path)).as("content of %s", path).isEqualTo(content(path));
      d.delete(path);
    }
  }

  /**
   * Directories named like a driver's hidden state are ordinary directories.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void directories_thatLookLikeHiddenState_areOrdinaryDirectories() throws Exception {
    StorageDriver d = driver();
    List<String> paths = List.of("/~tmp/x", "/~uploads/x", "/~uploads/~tmp/data");
    for (String path : paths) {
      Fixtures.write(d, path, content(path));
    }
    assertThat(walk("/", WalkOptions.DEFAULTS)).containsExactlyElementsOf(NameFixtures.walkBelow("/", paths));
    for (String path : paths) {
      assertThat(d.getContent(path)).as("content of %s", path).isEqualTo(content(path));
    }
    d.delete("/~uploads");
    assertThat(d.list("/")).containsExactly("/~tmp");
    d.delete("/~tmp");
  }

  /**
   * Files named like a driver's hidden state stay as they are while writes elsewhere are in progress, committed or
   * cancelled.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void filesThatLookLikeHiddenState_areUntouchedByWritesInProgress() throws Exception {
    StorageDriver d = driver();
    List<String> paths = List.of("/~tmp/x", "/~uploads/x", "/~uploads/x~");
    for (String path : paths) {
      d.putContent(path, content(path));
    }
    List<String> duringWrites;
    try (FileWriter committed = d.writer("/x", false); FileWriter cancelled = d.writer("/~uploads/y", false)) {
      committed.write(content("/x"));
      cancelled.write(content("/~uploads/y"));
      duringWrites = walk("/", WalkOptions.DEFAULTS);
      committed.commit();
      cancelled.cancel();
    }
    List<String> after = walk("/", WalkOptions.DEFAULTS);
    SoftAssertions soft = new SoftAssertions();
    for (String path : paths) {
      soft.assertThatCode(() -> assertThat(d.getContent(path)).isEqualTo(content(path)))
          .as("%s after writes elsewhere", path).doesNotThrowAnyException();
    }
    soft.assertThat(d.getContent("/x")).isEqualTo(content("/x"));
    d.delete("/x");
    d.delete("/~tmp");
    d.delete("/~uploads");
    soft.assertThat(duringWrites).as("the store while two writes are uncommitted")
        .containsExactlyElementsOf(NameFixtures.walkBelow("/", paths));
    List<String> withX = new ArrayList<>(paths);
    withX.add("/x");
    soft.assertThat(after).as("the store after one write committed and one cancelled")
        .containsExactlyElementsOf(NameFixtures.walkBelow("/", withX));
    soft.assertAll();
  }

  /**
   * The pairs a folding store would merge, as arguments.
   *
   * @return each pair as two string arguments
   */
  static Stream<Arguments> foldPairs() {
    return NameFixtures.FOLD_PAIRS.stream().map(pair -> Arguments.of(pair.get(0), pair.get(1)));
  }

  /**
   * Two names that differ only in case or Unicode normalization are two files. Skipped for drivers that declare
   * {@code NAME_FOLDING}.
   *
   * @param first one name of the pair
   * @param second the other name of the pair
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @ParameterizedTest(name = "\"{0}\" and \"{1}\"")
  @MethodSource("dev.storagedriver.tck.NamesContract#foldPairs")
  default void namesDifferingInCaseOrNormalization_areTwoFiles(String first, String second) throws Exception {
    StorageDriver d = driver();
    assumeFalse(d.capabilities().contains(Capability.NAME_FOLDING),
        "the driver declares NAME_FOLDING: its store folds such names onto one, so it refuses the second");
    String a = DIR + "/" + first;
    String b = DIR + "/" + second;
    d.putContent(a, content(a));
    d.putContent(b, content(b));
    List<String> listed = d.list(DIR);
    byte[] readA = d.getContent(a);
    byte[] readB = d.getContent(b);
    Fixtures.deleteIfPresent(d, DIR);
    assertThat(listed).containsExactlyElementsOf(NameFixtures.childrenOf(DIR, List.of(a, b)));
    assertThat(readA).as("content of %s", show(a)).isEqualTo(content(a));
    assertThat(readB).as("content of %s", show(b)).isEqualTo(content(b));
  }

  /**
   * A driver that declares {@code NAME_FOLDING} never merges two names into one file: it keeps both or refuses
   * the second with {@code CONFLICT}, and always refuses an ASCII case pair.
   *
   * @param first one name of the pair
   * @param second the other name of the pair
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @ParameterizedTest(name = "\"{0}\" and \"{1}\"")
  @MethodSource("dev.storagedriver.tck.NamesContract#foldPairs")
  default void foldingStore_neverMergesTwoNames_andRefusesAnAsciiCasePair(String first, String second)
      throws Exception {
    StorageDriver d = driver();
    assumeTrue(d.capabilities().contains(Capability.NAME_FOLDING),
        "the driver does not declare NAME_FOLDING: namesDifferingInCaseOrNormalization_areTwoFiles covers it");
    String a = DIR + "/" + first;
    String b = DIR + "/" + second;
    d.putContent(a, content(a));
    Throwable put = catchThrowable(() -> d.putContent(b, content(b)));
    Throwable written = catchThrowable(() -> Fixtures.write(d, b, content(b)));
    String elsewhere = "/elsewhere";
    d.putContent(elsewhere, content(elsewhere));
    Throwable moved = catchThrowable(() -> d.move(elsewhere, b));
    List<String> listed = d.list(DIR);
    byte[] readA = d.getContent(a);
    Fixtures.deleteIfPresent(d, elsewhere);
    Fixtures.deleteIfPresent(d, DIR);
    // ASCII only, as NameFixtures.FOLD_PAIRS says: String.equalsIgnoreCase also folds Ä/ä and Cyrillic, which a
    // folding store may keep apart (one that escapes non-ASCII names does).
    boolean asciiCasePair = !first.equals(second) && first.chars().allMatch(c -> c < 0x80)
        && second.chars().allMatch(c -> c < 0x80) && first.equalsIgnoreCase(second);
    for (Throwable thrown : new Throwable[] {put, written, moved}) {
      if (thrown != null || asciiCasePair) {
        assertThat(thrown).as("storing %s next to %s on a folding store", show(b), show(a))
            .isInstanceOf(StorageDriverException.class);
        assertThat(((StorageDriverException) thrown).code()).isEqualTo(ErrorCode.CONFLICT);
      }
    }
    assertThat(readA).as("content of %s after storing its folded twin %s", show(a), show(b))
        .isEqualTo(content(a));
    if (put == null) {
      assertThat(listed).as("a folding store that kept both").containsExactlyElementsOf(
          NameFixtures.childrenOf(DIR, List.of(a, b)));
    } else {
      assertThat(listed).containsExactly(a);
    }
  }

  /**
   * The invalid paths, as arguments; displayed escaped, since some hold control characters.
   *
   * @return each path as a printable display name and the path itself
   */
  static Stream<Arguments> invalidPaths() {
    return NameFixtures.INVALID.stream().map(path -> Arguments.of(
        StoragePaths.printable(path.length() > 40 ? path.substring(0, 40) + "..." : path)
            + " (" + path.length() + " chars)", path));
  }

  /**
   * Every path that breaks the grammar (control characters, unpaired surrogates, too long, ...) is {@code
   * INVALID_PATH} on every operation, and the store is unchanged.
   *
   * @param shown the path as the test report shows it
   * @param path the invalid path under test
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.storagedriver.tck.NamesContract#invalidPaths")
  default void invalidPath_isInvalidPathOnEveryOperation_andChangesNothing(String shown, String path)
      throws Exception {
    StorageDriver d = driver();
    String kept = "/valid";
    d.putContent(kept, content(kept));
    List<ThrowingCallable> calls = List.of(
        () -> d.getContent(path),
        () -> d.putContent(path, new byte[] {1}),
        () -> d.reader(path, 0),
        () -> d.writer(path, false),
        () -> d.stat(path),
        () -> d.list(path),
        () -> d.move(path, kept),
        () -> d.move(kept, path),
        () -> d.delete(path),
        () -> d.redirectUrl(path, RedirectMethod.GET),
        () -> d.walk(path, info -> FileVisitResult.CONTINUE));
    List<String> operations = List.of("getContent", "putContent", "reader", "writer", "stat", "list",
        "move from it", "move to it", "delete", "redirectUrl", "walk");
    SoftAssertions soft = new SoftAssertions();
    for (int i = 0; i < calls.size(); i++) {
      Throwable thrown = catchThrowable(calls.get(i));
      soft.assertThat(thrown).as("%s of %s", operations.get(i), shown).isInstanceOf(InvalidPathException.class);
      if (thrown instanceof InvalidPathException e) {
        soft.assertThat(e.code()).as("%s of %s", operations.get(i), shown).isEqualTo(ErrorCode.INVALID_PATH);
        soft.assertThat(e.driverName()).isEqualTo(d.name());
      }
    }
    List<String> after = d.list("/");
    byte[] keptContent = d.getContent(kept);
    d.delete(kept);
    soft.assertThat(after).as("the store after every operation on %s", shown).containsExactly(kept);
    soft.assertThat(keptContent).isEqualTo(content(kept));
    soft.assertAll();
  }

  /**
   * The longest path the store holds is stored and read back; one byte more is {@code INVALID_PATH} and changes
   * nothing.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void longestPath_isStored_andOneByteMoreIsInvalidPath_changingNothing() throws Exception {
    StorageDriver d = driver();
    String longest = NameFixtures.longestPath(storeMaxPathBytes());
    String tooLong = NameFixtures.longestPath(storeMaxPathBytes() + 1);
    d.putContent(longest, content(longest));
    Throwable thrown = catchThrowable(() -> d.putContent(tooLong, content(tooLong)));
    byte[] read = d.getContent(longest);
    List<String> top = d.list("/");
    Fixtures.deleteIfPresent(d, DIR);
    assertThat(read).isEqualTo(content(longest));
    assertThat(thrown).as("putContent of a path of %d bytes", storeMaxPathBytes() + 1)
        .isInstanceOf(StorageDriverException.class);
    assertThat(((StorageDriverException) thrown).code()).isEqualTo(ErrorCode.INVALID_PATH);
    assertThat(top).containsExactly(DIR);
  }

  /**
   * The deepest tree the path limit allows is stored, walked from the root and deleted without overflowing the
   * stack.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void deepestTree_putWalkedFromTheRootAndDeleted_withoutOverflowingTheStack() throws Exception {
    StorageDriver d = driver();
    int levels = storeMaxPathBytes() / 2; // 511 for 1,023 bytes
    String deepest = "/a".repeat(levels);
    d.putContent(deepest, content("deep"));
    int[] visits = new int[1];
    String[] last = new String[1];
    d.walk("/", info -> {
      visits[0]++;
      last[0] = info.path();
      return FileVisitResult.CONTINUE;
    });
    assertThat(visits[0]).as("paths visited").isEqualTo(levels);
    assertThat(last[0]).isEqualTo(deepest);
    assertThat(d.getContent(deepest)).isEqualTo(content("deep"));
    assertThat(d.stat(deepest.substring(0, deepest.length() - 2)).isDirectory()).isTrue();
    d.delete("/a");
    assertThat(d.list("/")).isEmpty();
  }

  private List<String> walk(String from, WalkOptions options) throws IOException {
    List<String> visited = new ArrayList<>();
    driver().walk(from, info -> {
      visited.add(info.path());
      return FileVisitResult.CONTINUE;
    }, options);
    return visited;
  }
}
