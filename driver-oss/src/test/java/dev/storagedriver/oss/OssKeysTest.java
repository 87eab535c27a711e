package dev.storagedriver.oss;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.UploadPartRequest;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.objectstore.ObjectStoreBackend;
import java.io.ByteArrayInputStream;
import java.nio.file.FileVisitResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * Keys: names that look like the driver's own state are ordinary files, every name round-trips through a
 * listing (encoding-type=url), the key limit counts the root prefix, keys other tools wrote are shown or refused
 * (never skipped), and a store written by the previous release reads back identically.
 */
class OssKeysTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture();
  private StorageDriver driver;
  private String root;
  private String prefix;

  @BeforeEach
  void open() throws Exception {
    root = EmulatorFixture.freshRoot();
    prefix = root.substring(1) + "/";
    driver = fixture.open("v4", root);
  }

  @AfterEach
  void close() throws Exception {
    driver.purgePendingWrites("/", Instant.now().plusSeconds(1));
    driver.close();
    assertThat(fixture.emulator.inProgressUploads()).isEmpty();
  }

  private List<String> walk(String start) throws Exception {
    List<String> seen = new ArrayList<>();
    driver.walk(start, info -> {
      seen.add(info.path() + (info.isDirectory() ? "/" : ""));
      return FileVisitResult.CONTINUE;
    });
    return seen;
  }

  private static void assertCode(ErrorCode code, Executable call) {
    assertThatThrownBy(call::execute).isInstanceOfSatisfying(StorageDriverException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void namesLikeTheDriversOwnState_areOrdinaryFiles() throws Exception {
    List<String> paths = List.of("/~uploads/x", "/~tmp", "/a~b", "/~", "/~uploads/~tmp/y");
    for (String p : paths) {
      driver.putContent(p, p.getBytes(UTF_8));
    }
    try (FileWriter pending = driver.writer("/~uploads/x", false)) {
      pending.write(new byte[] {1}); // a closed writer's tail must not show among them
    }
    assertThat(driver.list("/")).containsExactly("/a~b", "/~", "/~tmp", "/~uploads");
    assertThat(walk("/")).containsExactly("/a~b", "/~", "/~tmp", "/~uploads/", "/~uploads/x", "/~uploads/~tmp/",
        "/~uploads/~tmp/y");
    for (String p : paths) {
      assertThat(driver.getContent(p)).isEqualTo(p.getBytes(UTF_8));
      assertThat(driver.stat(p).size()).isEqualTo(p.getBytes(UTF_8).length);
    }
    driver.delete("/~uploads");
    assertThat(driver.list("/")).containsExactly("/a~b", "/~", "/~tmp");
    assertThat(driver.pendingWrites("/")).as("delete leaves pending writes to purging").hasSize(1);
  }

  @Test
  void hiddenState_livesBelowARootLevelSegmentHoldingDel() throws Exception {
    try (FileWriter pending = driver.writer("/a/b", false)) {
      pending.write(new byte[] {1});
    }
    List<String> keys = fixture.rawKeys(root);
    assertThat(keys).hasSize(1);
    assertThat(keys.get(0)).startsWith(prefix + ObjectStoreBackend.HIDDEN_SEGMENT + "/a/b/");
    assertThat(ObjectStoreBackend.HIDDEN_SEGMENT).contains("\u007F");
    assertThat(driver.list("/")).isEmpty();
    assertThat(walk("/")).isEmpty();
  }

  @Test
  void everyName_roundTripsThroughListingsAndWalks_inUtf8ByteOrder() throws Exception {
    List<String> names = List.of(" lead", "trail ", "in ner", "%", "%2F", "a+b", "a&b", "q?", "h#", "e=1", "@",
        "back\\slash", "'", "\"", "$", "\u4e2d\u6587", "\u0627\u0644", "\u043a\u0438", "\u0915\u093f",
        "\uD83D\uDE00", "e\u0301", "\u00e9", "A", "a", "~x", "\uFFFD", "\uD7FB", "<tag>");
    for (String n : names) {
      driver.putContent("/n/" + n, n.getBytes(UTF_8));
    }
    List<String> expected = names.stream().map(n -> "/n/" + n)
        .sorted(dev.storagedriver.StoragePaths.WALK_ORDER).toList();
    assertThat(driver.list("/n")).containsExactlyElementsOf(expected);
    List<String> walked = walk("/n");
    assertThat(walked).containsExactlyElementsOf(expected);
    for (String n : names) {
      assertThat(driver.getContent("/n/" + n)).isEqualTo(n.getBytes(UTF_8));
    }
    driver.delete("/n");
    assertThat(fixture.rawKeys(root)).isEmpty();
  }

  @Test
  void keyLimit_countsTheRootPrefix_andIsInvalidPath() throws Exception {
    int room = OssStore.MAX_KEY_BYTES - prefix.getBytes(UTF_8).length; // bytes left for the path without '/'
    String fits = "/" + segments(room);
    String tooLong = "/" + segments(room + 1);
    assertThat(tooLong.getBytes(UTF_8).length).isLessThanOrEqualTo(1023); // valid as a path
    driver.putContent(fits, new byte[] {1});
    assertThat(driver.getContent(fits)).containsExactly(1);
    try (FileWriter w = driver.writer(fits, false)) {
      w.write(new byte[] {2}); // a tail key for so long a path still fits (it holds the path's hash)
    }
    try (FileWriter w = driver.writer(fits, true)) {
      assertThat(w.size()).isEqualTo(1);
      w.commit();
    }
    assertCode(ErrorCode.INVALID_PATH, () -> driver.putContent(tooLong, new byte[] {1}));
    assertCode(ErrorCode.INVALID_PATH, () -> driver.getContent(tooLong));
    assertCode(ErrorCode.INVALID_PATH, () -> driver.stat(tooLong));
    assertCode(ErrorCode.INVALID_PATH, () -> driver.writer(tooLong, false).close());
    assertCode(ErrorCode.INVALID_PATH, () -> driver.move(fits, tooLong));
    assertCode(ErrorCode.INVALID_PATH, () -> driver.delete(tooLong));
    driver.delete(fits.substring(0, fits.indexOf('/', 1)));
  }

  /** Segments of at most 255 bytes, joined by '/', exactly {@code bytes} bytes long. */
  private static String segments(int bytes) {
    StringBuilder s = new StringBuilder();
    while (bytes > 0) {
      int n = Math.min(bytes, 200);
      if (bytes - n == 1) {
        n--; // never leave a lone '/'
      }
      s.append("s".repeat(n));
      bytes -= n;
      if (bytes > 0) {
        s.append('/');
        bytes--;
      }
    }
    return s.toString();
  }

  @Test
  void directoryMarkers_writtenByConsoles_implyTheirDirectory() throws Exception {
    fixture.emulator.putObject(EmulatorFixture.BUCKET, prefix + "dir/", new byte[0]);
    fixture.emulator.putObject(EmulatorFixture.BUCKET, prefix + "dir/sub/", new byte[0]);
    fixture.emulator.putObject(EmulatorFixture.BUCKET, prefix + "dir/f", new byte[] {1});
    assertThat(driver.list("/")).containsExactly("/dir");
    assertThat(driver.list("/dir")).containsExactly("/dir/f", "/dir/sub");
    assertThat(driver.list("/dir/sub")).isEmpty();
    assertThat(driver.stat("/dir/sub").isDirectory()).isTrue();
    assertThat(walk("/")).containsExactly("/dir/", "/dir/f", "/dir/sub/");
    driver.delete("/dir");
    assertThat(fixture.rawKeys(root)).isEmpty();
  }

  @Test
  void keysThatAreNoValidPath_makeListWalkAndDeleteAConflict_andDeleteLeavesThem() throws Exception {
    String empty = prefix + "a//b";
    String control = prefix + "c/x\u0001y";
    fixture.emulator.putObject(EmulatorFixture.BUCKET, empty, new byte[] {1});
    fixture.emulator.putObject(EmulatorFixture.BUCKET, control, new byte[] {1});
    fixture.emulator.putObject(EmulatorFixture.BUCKET, prefix + "c/ok", new byte[] {1});
    assertThat(driver.list("/")).containsExactly("/a", "/c");
    assertThatThrownBy(() -> driver.list("/c")).isInstanceOfSatisfying(DriverException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
      assertThat(e.getMessage()).contains("x\\x01y");
    });
    assertCode(ErrorCode.CONFLICT, () -> driver.list("/a"));
    assertCode(ErrorCode.CONFLICT, () -> walk("/"));
    assertCode(ErrorCode.CONFLICT, () -> driver.delete("/c"));
    assertThat(fixture.rawKeys(root)).containsExactlyInAnyOrder(empty, control);
    assertThat(driver.stat("/c").isDirectory()).as("what is left keeps the directory").isTrue();
  }

  /**
   * Keys as the previous release wrote them, directly through the SDK: files at the same keys, and a writer
   * closed without commit (an upload with one part and its tail under {@code ~uploads/}, with the part count and
   * CRC-64 as metadata). They read back identically, and the old write resumes and commits.
   */
  @Test
  void aStoreWrittenByThePreviousRelease_readsBackIdentically_andItsPendingWriteResumes() throws Exception {
    byte[] part = new byte[5 << 20];
    new Random(1).nextBytes(part);
    byte[] tail = "tail-bytes".getBytes(UTF_8);
    OSS raw = fixture.rawClient();
    try {
      raw.putObject(EmulatorFixture.BUCKET, prefix + "docs/readme.txt", new ByteArrayInputStream("hello".getBytes(UTF_8)));
      raw.putObject(EmulatorFixture.BUCKET, prefix + "docs/v-1.0_final", new ByteArrayInputStream(new byte[] {9}));
      raw.putObject(EmulatorFixture.BUCKET, prefix + "top", new ByteArrayInputStream(new byte[0]));
      String uploadId = raw.initiateMultipartUpload(new InitiateMultipartUploadRequest(EmulatorFixture.BUCKET,
          prefix + "big")).getUploadId();
      raw.uploadPart(new UploadPartRequest(EmulatorFixture.BUCKET, prefix + "big", uploadId, 1,
          new ByteArrayInputStream(part), part.length));
      CRC64 crc = new CRC64();
      crc.update(part, part.length);
      ObjectMetadata meta = new ObjectMetadata();
      meta.addUserMetadata("parts", "1");
      meta.addUserMetadata("partscrc64", Long.toUnsignedString(crc.getValue()));
      raw.putObject(EmulatorFixture.BUCKET, prefix + "~uploads/big/" + uploadId, new ByteArrayInputStream(tail),
          meta);
    } finally {
      raw.shutdown();
    }
    assertThat(driver.getContent("/docs/readme.txt")).isEqualTo("hello".getBytes(UTF_8));
    assertThat(driver.getContent("/docs/v-1.0_final")).containsExactly(9);
    assertThat(driver.stat("/top").size()).isZero();
    assertThat(driver.list("/docs")).containsExactly("/docs/readme.txt", "/docs/v-1.0_final");
    // The old tail is an ordinary path now, and shows as one until its write is committed or purged.
    assertThat(driver.list("/")).containsExactly("/docs", "/top", "/~uploads");
    byte[] more = "more".getBytes(UTF_8);
    try (FileWriter w = driver.writer("/big", true)) {
      assertThat(w.size()).isEqualTo(part.length + tail.length);
      w.write(more);
      w.commit();
    }
    byte[] expected = new byte[part.length + tail.length + more.length];
    System.arraycopy(part, 0, expected, 0, part.length);
    System.arraycopy(tail, 0, expected, part.length, tail.length);
    System.arraycopy(more, 0, expected, part.length + tail.length, more.length);
    assertThat(driver.getContent("/big")).isEqualTo(expected);
    assertThat(driver.list("/")).as("the old tail went with its commit").containsExactly("/big", "/docs", "/top");
    for (String top : driver.list("/")) {
      driver.delete(top);
    }
  }
}
