package dev.storagedriver.oss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import java.io.ByteArrayOutputStream;
import java.nio.file.FileVisitResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every listing the driver makes follows every page: an emulator that answers at most two entries a page (as a
 * server may, whatever was asked) stands in for stores of thousands of parts, keys and uploads.
 */
class OssPaginationTest {
  private static final int CHUNK = 5 << 20;

  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(2);
  private StorageDriver driver;
  private String root;

  @BeforeEach
  void open() throws Exception {
    root = EmulatorFixture.freshRoot();
    driver = fixture.open("v4", root, "uploadconcurrency", 1);
  }

  @AfterEach
  void close() throws Exception {
    driver.close();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /**
   * The native walk reorders one flat listing and jumps over skipped subtrees and the hidden state by restarting
   * it: with a page boundary after every second key, names whose characters sort around '/' (space, '!', '-',
   * '.', '0') and beyond ASCII (U+00E9, U+FFFD, U+1F600, which sort after the hidden state's DEL), it must visit
   * exactly what the generic walk (list and stat) visits, for any skips and start-after hints.
   */
  @Test
  void nativeWalk_acrossPages_matchesGenericWalk_forNamesAroundTheSlashAndTheHiddenState() throws Exception {
    String[] names = {"a", "a!", "a-", "a.b", "a b", "a0", "\u00e9", "\uFFFD", "\uD83D\uDE00"};
    Random random = new Random(11);
    java.util.TreeSet<String> files = new java.util.TreeSet<>();
    while (files.size() < 30) {
      StringBuilder p = new StringBuilder();
      for (int depth = 1 + random.nextInt(3); depth > 0; depth--) {
        p.append('/').append(names[random.nextInt(names.length)]);
      }
      files.add(p.toString());
    }
    files.removeIf(f -> files.stream().anyMatch(g -> g.startsWith(f + "/"))); // no file is also a directory
    for (String f : files) {
      driver.putContent(f, new byte[] {1});
    }
    try (FileWriter pending = driver.writer("/a/pending", false)) {
      pending.write(new byte[] {1}); // closed uncommitted: hidden state between the ASCII and the other names
    }
    List<String> hints = new ArrayList<>(files);
    for (String n : names) {
      hints.add("/" + n);
      hints.add("/a/" + n);
    }
    List<String> starts = List.of("/", "/a", "/a-", "/\u00e9");
    try (StorageDriver generic = dev.storagedriver.StorageDrivers.portable(new OssBehaviourTest.WithoutNativeWalk(
        OssDriverFactory.create(new dev.storagedriver.spi.DriverConfig("oss",
            EmulatorFixture.config(fixture.parameters("v4", root))), java.util.Map.of())))) {
      for (int round = 0; round < 40; round++) {
        long seed = random.nextLong();
        dev.storagedriver.WalkOptions options = round % 4 == 0 ? dev.storagedriver.WalkOptions.DEFAULTS
            : dev.storagedriver.WalkOptions.startAfter(hints.get(random.nextInt(hints.size())));
        String start = starts.get(round % starts.size());
        if (!start.equals("/") && files.stream().noneMatch(f -> f.startsWith(start + "/"))) {
          continue;
        }
        assertThat(OssBehaviourTest.walk(driver, start, options, seed)).as("walk %s %s seed %d", start, options, seed)
            .isEqualTo(OssBehaviourTest.walk(generic, start, options, seed));
      }
    }
    driver.purgePendingWrites("/", Instant.now().plusSeconds(1));
    for (String top : driver.list("/")) {
      driver.delete(top);
    }
  }

  @Test
  void aResumedWrite_countsEveryPart_whenListPartsComesInPages() throws Exception {
    byte[] first = random(5 * CHUNK + 123, 1);
    try (FileWriter w = driver.writer("/parts", false)) {
      w.write(first);
    }
    long before = fixture.emulator.requestCount("ListParts");
    byte[] more = random(4567, 2);
    try (FileWriter w = driver.writer("/parts", true)) {
      assertThat(w.size()).isEqualTo(first.length);
      assertThat(fixture.emulator.requestCount("ListParts") - before).as("ListParts pages for 5 parts")
          .isEqualTo(3);
      w.write(more);
      w.commit();
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(first);
    expected.write(more);
    assertThat(driver.getContent("/parts")).isEqualTo(expected.toByteArray());
  }

  @Test
  void listAndWalk_returnEveryEntry_acrossPages() throws Exception {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String path = "/d/f" + i;
      driver.putContent(path, new byte[] {(byte) i});
      files.add(path);
    }
    driver.putContent("/d/sub/g", new byte[] {9});
    long before = fixture.emulator.requestCount("ListObjectsV2");
    assertThat(driver.list("/d")).containsExactlyInAnyOrder("/d/f0", "/d/f1", "/d/f2", "/d/f3", "/d/f4", "/d/f5",
        "/d/f6", "/d/sub");
    List<String> walked = new ArrayList<>();
    driver.walk("/d", (FileInfo info) -> {
      walked.add(info.path());
      return FileVisitResult.CONTINUE;
    });
    assertThat(walked).containsAll(files).contains("/d/sub", "/d/sub/g");
    assertThat(fixture.emulator.requestCount("ListObjectsV2") - before).as("several pages each").isGreaterThan(4);
  }

  @Test
  void deleteOfADirectory_removesEveryKey_acrossPages() throws Exception {
    for (int i = 0; i < 7; i++) {
      driver.putContent("/gone/f" + i, new byte[] {(byte) i});
    }
    driver.delete("/gone");
    assertThat(fixture.rawKeys(root)).as("keys left in the bucket").noneMatch(k -> k.contains("/gone/"));
    assertThat(driver.list("/")).doesNotContain("/gone");
  }

  @Test
  void pendingWrites_andTheirPurge_coverEveryPage() throws Exception {
    for (int i = 0; i < 5; i++) {
      try (FileWriter w = driver.writer("/pending/p" + i, false)) {
        w.write(random(CHUNK + 10, 10 + i));
      }
    }
    assertThat(driver.pendingWrites("/pending")).hasSize(5);
    driver.purgePendingWrites("/", Instant.now().plusSeconds(1));
    assertThat(driver.pendingWrites("/pending")).isEmpty();
    assertThat(fixture.emulator.inProgressUploads()).as("multipart uploads in progress").isEmpty();
  }
}
