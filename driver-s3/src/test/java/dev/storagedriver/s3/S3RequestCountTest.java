package dev.storagedriver.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileWriter;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.StorageDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each operation costs in requests, counted by a proxy in front of S3Proxy, and the writer's promises to
 * concurrent and later writers.
 */
class S3RequestCountTest {
  private static final int CHUNK = 5 << 20;
  static S3Servers.Server upstream;
  static FaultProxy proxy;
  private StorageDriver driver;
  private String root;

  @BeforeAll
  static void start() throws Exception {
    upstream = S3Servers.s3proxy("transient");
    proxy = new FaultProxy(upstream.endpoint());
  }

  @AfterAll
  static void stop() {
    proxy.close();
    upstream.close();
  }

  @BeforeEach
  void open() throws Exception {
    root = S3Servers.freshRoot();
    driver = S3Servers.open(proxy, root);
    proxy.reset();
  }

  @AfterEach
  void close() throws Exception {
    driver.close();
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void openingAWriter_sendsNothing_andASmallCommit_isExactlyOnePut() throws Exception {
    try (FileWriter w = driver.writer("/small", false)) {
      assertThat(proxy.operations()).isEmpty();
      w.write(bytes(CHUNK, 1)); // a whole chunk still fits in one PUT
      assertThat(proxy.operations()).isEmpty();
      w.commit();
    }
    assertThat(proxy.operations()).containsExactly("PutObject");
    assertThat(driver.getContent("/small")).isEqualTo(bytes(CHUNK, 1));
  }

  @Test
  void aLargeWrite_isOneUploadOfEqualParts() throws Exception {
    byte[] data = bytes(2 * CHUNK + 123, 2);
    try (FileWriter w = driver.writer("/large", false)) {
      w.write(data);
      w.commit();
    }
    List<String> ops = proxy.operations();
    assertThat(ops).containsExactlyInAnyOrder("CreateMultipartUpload", "UploadPart", "UploadPart", "UploadPart",
        "CompleteMultipartUpload");
    assertThat(driver.getContent("/large")).isEqualTo(data);
  }

  @Test
  void writerWithoutAppend_neverListsOrAbortsUploads_concurrentWritersEachCommit_lastWins() throws Exception {
    byte[] first = bytes(CHUNK + 10, 3);
    byte[] second = bytes(CHUNK + 20, 4);
    FileWriter a = driver.writer("/same", false);
    a.write(first);
    FileWriter b = driver.writer("/same", false);
    b.write(second);
    b.commit();
    b.close();
    a.commit();
    a.close();
    assertThat(proxy.operations()).doesNotContain("ListMultipartUploads", "AbortMultipartUpload", "ListParts")
        .filteredOn("CreateMultipartUpload"::equals).hasSize(2);
    assertThat(driver.getContent("/same")).isEqualTo(first);
  }

  @Test
  void resume_takesTheNewestClosedWrite_ofExactlyThatPath() throws Exception {
    byte[] older = bytes(100, 5);
    byte[] newer = bytes(CHUNK + 50, 6);
    try (FileWriter w = driver.writer("/r", false)) {
      w.write(older);
    }
    Thread.sleep(5);
    try (FileWriter w = driver.writer("/r", false)) {
      w.write(newer);
    }
    try (FileWriter w = driver.writer("/r/below", false)) {
      w.write(bytes(10, 7));
    }
    proxy.reset();
    try (FileWriter w = driver.writer("/r", true)) {
      assertThat(w.size()).isEqualTo(newer.length);
      // The HEAD tells whether something was committed after that writer closed (then the write is superseded).
      assertThat(proxy.operations()).containsExactly("ListObjects", "GetObject", "ListParts", "HeadObject");
      w.write(new byte[] {42});
      w.commit();
    }
    byte[] expected = new byte[newer.length + 1];
    System.arraycopy(newer, 0, expected, 0, newer.length);
    expected[newer.length] = 42;
    assertThat(driver.getContent("/r")).isEqualTo(expected);
    // The older write and the one of /r/below are still pending.
    assertThat(driver.pendingWrites("/")).extracting(PendingWrite::path).containsExactlyInAnyOrder("/r", "/r/below");
    driver.purgePendingWrites("/", Instant.now().plusSeconds(1));
  }

  @Test
  void walk_ofNKeys_isCeilNOver1000ListRequests_inWalkOrder() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 2001; i++) {
      names.add(String.format("/w/d%02d/f%04d", i % 7, i));
    }
    // Byte order puts "a b" and "a-b" before "a/x"; walk order puts "a/x" first.
    names.add("/w/a/x");
    names.add("/w/a b");
    names.add("/w/a-b");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    // Written straight to the server, past the proxy: only the walk and the delete are counted.
    try (StorageDriver direct = S3Servers.open(upstream, root)) {
      List<Future<?>> puts = new ArrayList<>();
      for (String n : names) {
        puts.add(pool.submit(() -> {
          direct.putContent(n, n.getBytes(StandardCharsets.UTF_8));
          return null;
        }));
      }
      for (Future<?> f : puts) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    proxy.reset();
    List<String> walked = new ArrayList<>();
    driver.walk("/w", info -> {
      walked.add(info.path());
      return FileVisitResult.CONTINUE;
    });
    assertThat(proxy.operations()).containsExactly("ListObjects", "ListObjects", "ListObjects");
    List<String> sorted = new ArrayList<>(walked);
    Collections.sort(sorted, dev.storagedriver.StoragePaths.WALK_ORDER);
    // 2,004 files and 8 directories (/w/a and /w/d00 to /w/d06)
    assertThat(walked).isEqualTo(sorted).contains("/w/a", "/w/a/x", "/w/a b", "/w/a-b").hasSize(2004 + 8);
    assertThat(walked.indexOf("/w/a/x")).isLessThan(walked.indexOf("/w/a b"));

    proxy.reset();
    driver.delete("/w");
    List<String> ops = proxy.operations();
    assertThat(ops).filteredOn("DeleteObjects"::equals).hasSize(3);
    assertThat(ops).filteredOn("ListObjects"::equals).hasSize(3);
  }
}
