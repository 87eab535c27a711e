package dev.storagedriver.inmemory;

import java.util.Arrays;

/** The bytes of an uncommitted write; mutated only under the store's lock. */
final class PendingWrite {
  private byte[] buffer = new byte[0];
  private volatile int size;

  int size() {
    return size;
  }

  void append(byte[] b, int off, int len) {
    int needed = size + len;
    if (needed > buffer.length) {
      // Double to keep appends amortised O(1), capped below the array limit.
      long grown = Math.max(needed, Math.min((long) buffer.length * 2, Integer.MAX_VALUE - 8));
      buffer = Arrays.copyOf(buffer, (int) Math.max(grown, 256));
    }
    System.arraycopy(b, off, buffer, size, len);
    size = needed;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }
}
