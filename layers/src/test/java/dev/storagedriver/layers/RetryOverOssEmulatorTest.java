package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retry layer over the OSS driver with its own retries turned off ({@code maxretries = 0}), against faults the
 * OSS emulator injects into its HTTP answers: what recovers here is recovered by the layer.
 */
class RetryOverOssEmulatorTest {
  private static OssEmulator emulator;
  private static int roots;
  private StorageDriver bare;
  private StorageDriver retried;

  @BeforeAll
  static void startEmulator() {
    emulator = OssEmulator.builder().bucket("layers").build().start();
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  private void open() throws StorageDriverException {
    String root = "/retry" + (++roots);
    bare = StorageDriverRegistry.load().open(Stacks.ossConfig(emulator, root, "[]"));
    retried = StorageDriverRegistry.load().open(Stacks.ossConfig(emulator, root,
        "[ { name = retry, maxattempts = 4, basedelay = 1ms, maxdelay = 2ms } ]"));
  }

  @AfterEach
  void close() throws Exception {
    emulator.faults().clear();
    bare.close();
    retried.close();
  }

  @Test
  void serverErrors_failTheBareDriver_andAreRetriedByTheLayer() throws Exception {
    open();
    bare.putContent("/a", new byte[] {1, 2, 3});
    emulator.faults().on("GetObject").times(1).failWith(503, "ServiceUnavailable");
    assertThat(catchThrowableOfType(StorageDriverException.class, () -> bare.getContent("/a")).code())
        .isEqualTo(ErrorCode.UNAVAILABLE);
    emulator.faults().on("GetObject").times(2).failWith(503, "ServiceUnavailable");
    long before = RetryEvents.count();
    assertThat(retried.getContent("/a")).containsExactly(1, 2, 3);
    assertThat(RetryEvents.count() - before).isEqualTo(2);
    bare.delete("/a");
  }

  @Test
  void aConnectionResetMidBody_isResumedByTheLayer() throws Exception {
    open();
    byte[] data = new byte[600_000];
    new Random(3).nextBytes(data);
    bare.putContent("/big", data);
    emulator.faults().on("GetObject").cutBody();
    long before = RetryEvents.count();
    try (InputStream in = retried.reader("/big", 10)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 10, data.length));
    }
    assertThat(emulator.faults().pendingRules()).isZero();
    assertThat(RetryEvents.count() - before).as("resumed by the layer").isEqualTo(1);
    bare.delete("/big");
  }
}
