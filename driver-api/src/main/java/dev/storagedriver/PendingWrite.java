package dev.storagedriver;

import java.time.Instant;
import java.util.Objects;

/**
 * An uncommitted write the store keeps: a writer closed without commit (kept so {@code writer(path, true)} can
 * resume it), or, on an object store, an upload whose process died. Listed by {@link StorageDriver#pendingWrites}
 * and removed by {@link StorageDriver#purgePendingWrites}, for drivers with {@link Capability#PENDING_WRITES}.
 *
 * @param path the path the write will commit to
 * @param id the driver's identifier of the write (an upload id, a file name), unique among the path's writes
 * @param size the bytes written so far, or -1 when the driver cannot tell without reading the write's parts
 * @param lastModified when the write was started or last changed, as the store records it; purging by age
 *     compares this
 */
public record PendingWrite(String path, String id, long size, Instant lastModified) {
  /**
   * Checks the fields.
   *
   * @param path the path the write will commit to
   * @param id the driver's identifier of the write
   * @param size the bytes written so far, or -1 when unknown
   * @param lastModified when the write was started or last changed
   * @throws NullPointerException if {@code path}, {@code id} or {@code lastModified} is null
   * @throws IllegalArgumentException if {@code size} is below -1
   */
  public PendingWrite {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(lastModified, "lastModified");
    if (size < -1) {
      throw new IllegalArgumentException("size must be -1 (unknown) or more: " + size);
    }
  }
}
