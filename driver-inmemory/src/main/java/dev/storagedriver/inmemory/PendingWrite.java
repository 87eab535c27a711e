package dev.storagedriver.inmemory;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** The bytes of an uncommitted write; mutated only under the store's lock. */
final class PendingWrite {
  private static final AtomicLong IDS = new AtomicLong();

  private final String id = Long.toString(IDS.incrementAndGet());
  private byte[] buffer = new byte[0];
  private volatile int size;
  private volatile Instant lastModified = Instant.now();
  /** Set when a purge removed this write; its writer may then neither write nor commit. */
  private volatile boolean purged;
  /**
   * Whether a writer that has not yet been closed writes to it (guarded by the store's lock): such a write is
   * not resumable, so that two writers never append to one buffer and mix their bytes.
   */
  private boolean held = true;

  String id() {
    return id;
  }

  Instant lastModified() {
    return lastModified;
  }

  boolean held() {
    return held;
  }

  void hold(boolean held) {
    this.held = held;
  }

  boolean purged() {
    return purged;
  }

  void markPurged() {
    purged = true;
  }

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
    lastModified = Instant.now();
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }
}
