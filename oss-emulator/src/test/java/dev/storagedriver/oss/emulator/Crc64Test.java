package dev.storagedriver.oss.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {
  @Test
  void checkValue_matchesCrc64Xz() {
    assertThat(Crc64.of("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x995DC9BBDF1939FAL);
    assertThat(Crc64.of(new byte[0])).isZero();
  }

  @Test
  void combine_equalsCrcOfConcatenation() {
    byte[] all = new byte[10_007];
    new Random(1).nextBytes(all);
    for (int cut : new int[] {0, 1, 7, 8, 9, 5000, 10_007}) {
      long a = Crc64.of(Arrays.copyOfRange(all, 0, cut));
      long b = Crc64.of(Arrays.copyOfRange(all, cut, all.length));
      assertThat(Crc64.combine(a, b, all.length - cut)).isEqualTo(Crc64.of(all));
    }
  }

  @Test
  void directBufferUpdate_equalsArrayUpdate() {
    byte[] all = new byte[1003];
    new Random(4).nextBytes(all);
    java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(all.length).put(all).flip();
    Crc64 c = new Crc64();
    c.update(direct.slice(0, 500));
    c.update(direct.slice(500, 503));
    assertThat(c.value()).isEqualTo(Crc64.of(all));
  }

  @Test
  void incrementalUpdate_equalsOneShot() {
    byte[] all = new byte[1000];
    new Random(2).nextBytes(all);
    Crc64 c = new Crc64();
    c.update(all, 0, 333);
    c.update(all, 333, 667);
    assertThat(c.value()).isEqualTo(Crc64.of(all));
  }
}
