package dev.storagedriver.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures between the driver and the server, injected by a proxy in front of S3Proxy: 5xx, throttling, resets
 * and cut bodies are retried or resumed; what cannot be is typed, and never shows a secret.
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
