package dev.storagedriver.oss.emulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * CRC-64/XZ (called CRC-64-ECMA by OSS): reflected polynomial 0xC96C5795D7870F42, init and xorout all ones.
 * Slicing-by-8 so that hashing never limits throughput; {@link #combine} lets multipart completion and
 * appends derive the whole-object CRC from the pieces' CRCs without re-reading any bytes.
 */
final class Crc64 {
  static final long POLY = 0xC96C5795D7870F42L;
  private static final long[][] TABLES = new long[8][256];

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
      }
      TABLES[0][i] = crc;
    }
    for (int i = 0; i < 256; i++) {
      long crc = TABLES[0][i];
      for (int t = 1; t < 8; t++) {
        crc = TABLES[0][(int) (crc & 0xff)] ^ (crc >>> 8);
        TABLES[t][i] = crc;
      }
    }
  }

  /** The running, non-finalised register; starts as the CRC of no bytes. */
  private long crc;

  long value() {
    return crc;
  }

  void update(byte[] b, int off, int len) {
    crc = update(crc, b, off, len);
  }

  /** Consumes the buffer's remaining bytes; direct buffers are read in place, 8 bytes at a time. */
  void update(ByteBuffer buf) {
    crc = update(crc, buf);
    buf.position(buf.limit());
  }

  /** Continues {@code crc} (a finalised CRC value) over more bytes. */
  static long update(long crc, byte[] b, int off, int len) {
    return update(crc, ByteBuffer.wrap(b, off, len));
  }

  /** Continues {@code crc} over the remaining bytes of {@code buf}, leaving its position as it was. */
  private static long update(long crc, ByteBuffer buf) {
    ByteBuffer b = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long c = ~crc;
    final long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
    final long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
    int i = b.position();
    int end = b.limit();
    while (end - i >= 8) {
      long x = c ^ b.getLong(i);
      c = t7[(int) (x & 0xff)]
          ^ t6[(int) ((x >>> 8) & 0xff)]
          ^ t5[(int) ((x >>> 16) & 0xff)]
          ^ t4[(int) ((x >>> 24) & 0xff)]
          ^ t3[(int) ((x >>> 32) & 0xff)]
          ^ t2[(int) ((x >>> 40) & 0xff)]
          ^ t1[(int) ((x >>> 48) & 0xff)]
          ^ t0[(int) (x >>> 56)];
      i += 8;
    }
    while (i < end) {
      c = t0[(int) ((c ^ b.get(i++)) & 0xff)] ^ (c >>> 8);
    }
    return ~c;
  }

  static long of(byte[] b) {
    return update(0, b, 0, b.length);
  }

  /**
   * The CRC of A followed by B, given crc(A), crc(B) and len(B) — zlib's GF(2) matrix method, widened to 64 bits.
   */
  static long combine(long crc1, long crc2, long len2) {
    if (len2 <= 0) {
      return crc1;
    }
    long[] even = new long[64];
    long[] odd = new long[64];
    odd[0] = POLY;
    long row = 1;
    for (int n = 1; n < 64; n++) {
      odd[n] = row;
      row <<= 1;
    }
    square(even, odd);
    square(odd, even);
    do {
      square(even, odd);
      if ((len2 & 1) != 0) {
        crc1 = times(even, crc1);
      }
      len2 >>>= 1;
      if (len2 == 0) {
        break;
      }
      square(odd, even);
      if ((len2 & 1) != 0) {
        crc1 = times(odd, crc1);
      }
      len2 >>>= 1;
    } while (len2 != 0);
    return crc1 ^ crc2;
  }

  private static long times(long[] mat, long vec) {
    long sum = 0;
    int i = 0;
    while (vec != 0) {
      if ((vec & 1) != 0) {
        sum ^= mat[i];
      }
      vec >>>= 1;
      i++;
    }
    return sum;
  }

  private static void square(long[] square, long[] mat) {
    for (int n = 0; n < 64; n++) {
      square[n] = times(mat, mat[n]);
    }
  }
}
