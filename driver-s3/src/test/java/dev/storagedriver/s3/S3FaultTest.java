package dev.storagedriver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.UnsupportedMethodException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Failures between the driver and the server, injected by a proxy in front of S3Proxy: 5xx, throttling, resets
 * and cut bodies are retried or resumed; what cannot be is typed, and never shows a secret. The proxy also lets a
 * test act between two of the driver's requests (another client replacing an object mid-move).
 */
class S3FaultTest {
  private static final int CHUNK = 5 << 20;
  static S3Servers.Server upstream;
  static FaultProxy proxy;
  private StorageDriver driver;

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
    driver = S3Servers.open(proxy, S3Servers.freshRoot());
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

  /** A rule that faults the first {@code times} requests of {@code operation}. */
  private static java.util.function.Function<FaultProxy.Request, FaultProxy.Fault> first(int times,
      String operation, FaultProxy.Fault fault) {
    AtomicInteger left = new AtomicInteger(times);
    return r -> r.operation().equals(operation) && left.getAndDecrement() > 0 ? fault : FaultProxy.NONE;
  }

  @Test
  void slowDown_onPut_isRetried() throws Exception {
    proxy.faults(first(2, "PutObject", new FaultProxy.Fault.Status(503, "SlowDown")));
    driver.putContent("/f", bytes(1000, 1));
    assertThat(proxy.operations()).containsExactly("PutObject", "PutObject", "PutObject");
    assertThat(driver.getContent("/f")).isEqualTo(bytes(1000, 1));
  }

  @Test
  void notImplemented_onGet_isUnsupported_notRetriedAsAnOutage() throws Exception {
    driver.putContent("/f", bytes(1000, 2));
    proxy.faults(first(1, "GetObject", new FaultProxy.Fault.Status(501, "NotImplemented")));
    assertThatThrownBy(() -> driver.getContent("/f")).isInstanceOfSatisfying(UnsupportedMethodException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
    assertThat(proxy.operations()).filteredOn("GetObject"::equals).hasSize(1);
    assertThat(driver.getContent("/f")).isEqualTo(bytes(1000, 2));
  }

  @Test
  void internalError_onGet_isRetried() throws Exception {
    driver.putContent("/f", bytes(1000, 2));
    proxy.faults(first(1, "GetObject", new FaultProxy.Fault.Status(500, "InternalError")));
    assertThat(driver.getContent("/f")).isEqualTo(bytes(1000, 2));
  }

  @Test
  void reset_onUploadPart_isRetried_andTheCommitHoldsEveryByte() throws Exception {
    proxy.faults(first(1, "UploadPart", new FaultProxy.Fault.Reset()));
    byte[] data = bytes(CHUNK + 7, 3);
    try (FileWriter w = driver.writer("/big", false)) {
      w.write(data);
      w.commit();
    }
    assertThat(proxy.operations()).filteredOn("UploadPart"::equals).hasSize(3);
    assertThat(driver.getContent("/big")).isEqualTo(data);
  }

  @Test
  void throttling_onDeleteObjects_isRetried() throws Exception {
    driver.putContent("/d/a", bytes(10, 4));
    driver.putContent("/d/b", bytes(10, 5));
    proxy.faults(first(1, "DeleteObjects", new FaultProxy.Fault.Status(503, "SlowDown")));
    driver.delete("/d");
    assertThatThrownBy(() -> driver.stat("/d")).isInstanceOf(PathNotFoundException.class);
  }

  @Test
  void aCutBody_isResumedWhereItBroke() throws Exception {
    byte[] data = bytes(300_000, 6);
    driver.putContent("/cut", data);
    proxy.faults(first(1, "GetObject", new FaultProxy.Fault.CutBody(100_000)));
    try (InputStream in = driver.reader("/cut", 0)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(proxy.requests()).filteredOn(r -> r.operation().equals("GetObject")).hasSize(2);
  }

  @Test
  void aReset_afterComplete_wasCompleted_soTheCommitSucceeds() throws Exception {
    AtomicInteger completes = new AtomicInteger();
    proxy.faults(r -> r.operation().equals("CompleteMultipartUpload") && completes.getAndIncrement() == 0
        ? new FaultProxy.Fault.CutBody(0) : FaultProxy.NONE);
    byte[] data = bytes(CHUNK + 9, 7);
    try (FileWriter w = driver.writer("/lost", false)) {
      w.write(data);
      w.commit();
    }
    assertThat(driver.getContent("/lost")).isEqualTo(data);
  }

  @Test
  void persistentUnavailability_isUnavailable_afterTheRetries() {
    proxy.faults(r -> new FaultProxy.Fault.Status(503, "ServiceUnavailable"));
    assertThatThrownBy(() -> driver.getContent("/x"))
        .isInstanceOfSatisfying(StorageDriverException.class, e -> assertThat(e.code())
            .isEqualTo(ErrorCode.UNAVAILABLE));
    assertThat(proxy.operations()).hasSize(4); // one try and maxretries = 3
  }

  @Test
  void noSuchKey_isNotFound_andAccessDenied_isPermission_withoutTheSecret() throws Exception {
    assertThatThrownBy(() -> driver.getContent("/missing")).isInstanceOf(PathNotFoundException.class);
    proxy.reset();
    proxy.faults(r -> new FaultProxy.Fault.Status(403, "AccessDenied"));
    assertThatThrownBy(() -> driver.putContent("/denied", new byte[1]))
        .isInstanceOfSatisfying(StorageDriverException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
          assertThat(e.getMessage()).contains("AccessDenied").doesNotContain(S3Servers.SECRET_KEY);
        });
    assertThat(proxy.operations()).hasSize(1); // a refusal is not retried
  }

  /**
   * A source replaced between two part copies must not leave a destination made of the first version's head and
   * the second version's rest: every part is copied from the version the move started with, and when that is gone
   * the move starts over from the new one.
   */
  @Test
  void move_inParts_ofASourceReplacedMidCopy_arrivesAsOneWholeVersion() throws Exception {
    String root = S3Servers.freshRoot();
    byte[] first = bytes((11 << 20) + 3, 21); // three part copies: 5 MiB, 5 MiB and the rest
    byte[] second = bytes((11 << 20) + 3, 22);
    try (StorageDriver oneAtATime = S3Servers.open(proxy, root, "multipartcopymaxconcurrency", 1);
        S3Client raw = S3Servers.rawClient(upstream)) {
      oneAtATime.putContent("/src", first);
      AtomicInteger partCopies = new AtomicInteger();
      proxy.faults(r -> {
        if (r.method().equals("PUT") && r.has("partNumber") && partCopies.incrementAndGet() == 2) {
          // Another client replaces the source after the first part was copied, before the second is.
          raw.putObject(b -> b.bucket(S3Servers.BUCKET).key(root.substring(1) + "/src"),
              RequestBody.fromBytes(second));
        }
        return FaultProxy.NONE;
      });

      oneAtATime.move("/src", "/dst");

      proxy.reset();
      assertThat(oneAtATime.getContent("/dst")).as("the destination is the version that replaced the source, whole")
          .isEqualTo(second);
      assertThat(oneAtATime.list("/")).containsExactly("/dst");
      assertThat(raw.listMultipartUploads(b -> b.bucket(S3Servers.BUCKET).prefix(root.substring(1))).uploads())
          .as("the copy of the replaced version is aborted").isEmpty();
    }
  }

  /**
   * A bucket that does not exist (misspelt, or deleted under a running driver) is not a missing file: a registry
   * would take every blob for absent and every write for a bad path. Creating the S3 driver sends no request, so
   * the first call is where it shows.
   */
  @Test
  void aMissingBucket_isAConfigurationError_onEveryCall_neverPathNotFound() throws Exception {
    try (StorageDriver missing = S3Servers.open(proxy, S3Servers.freshRoot(), "bucket", "no-such-bucket")) {
      List<ThrowingCallable> calls = List.of(
          () -> missing.putContent("/f", new byte[1]),
          () -> missing.getContent("/f"),
          () -> missing.stat("/f"),
          () -> missing.list("/"),
          () -> missing.delete("/f"),
          () -> missing.walk("/", info -> java.nio.file.FileVisitResult.CONTINUE),
          () -> {
            try (FileWriter w = missing.writer("/f", false)) {
              w.write(new byte[1]);
              w.commit();
            }
          });
      for (ThrowingCallable call : calls) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StorageDriverException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG);
          assertThat(e.getMessage()).contains("bucket").contains("NoSuchBucket")
              .doesNotContain(S3Servers.SECRET_KEY);
        });
      }
    }
  }

  @Test
  void wrongSecretKey_isPermissionDenied_andTheSecretIsInNoMessage() throws Exception {
    try (StorageDriver wrong = S3Servers.open(proxy, S3Servers.freshRoot(), "secretkey", "wrong-secret-0123")) {
      assertThatThrownBy(() -> wrong.putContent("/x", new byte[1]))
          .isInstanceOfSatisfying(StorageDriverException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
            for (Throwable t = e; t != null; t = t.getCause()) {
              assertThat(String.valueOf(t.getMessage())).doesNotContain("wrong-secret-0123");
            }
          });
      assertThat(wrong.toString()).doesNotContain("wrong-secret-0123");
    }
  }
}
