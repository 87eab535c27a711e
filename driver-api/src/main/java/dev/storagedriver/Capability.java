package dev.storagedriver;

/**
 * Optional behaviour a driver declares in {@link StorageDriver#capabilities()}, so callers and the conformance
 * kit ask instead of guessing. Everything not listed here is required of every driver. A driver that claims a
 * capability and then answers {@link UnsupportedMethodException} fails the kit.
 */
public enum Capability {
  /**
   * {@link StorageDriver#redirectUrl} returns URLs a plain HTTP client can fetch (GET gives the bytes, HEAD the
   * length). Without it the method always returns empty and callers serve the bytes themselves.
   */
  REDIRECT_URL,
  /**
   * {@link StorageDriver#writer} with {@code append = true} resumes an uncommitted write, also from a new driver
   * instance over the same store (a restarted process), or extends zero-length committed content. Without it,
   * {@code append = true} throws {@link UnsupportedMethodException}.
   */
  RESUMABLE_APPEND,
  /**
   * The driver walks natively (for example one flat listing of an object store instead of a listing per
   * directory). Without it the portable layer walks with {@code list} and {@code stat}; the results are the
   * same, only the cost differs, except where a store holds keys below a file (an object store's {@code f} and
   * {@code f/below}): {@code stat} calls that path a file, so only a native walk, which sees every key, visits
   * what lies below it. A driver whose store can hold both walks natively, or the kit fails it.
   */
  NATIVE_WALK,
  /**
   * {@link StorageDriver#pendingWrites} lists the uncommitted writes the store keeps (writers closed without
   * commit, and uploads whose process died), and {@link StorageDriver#purgePendingWrites} removes those older than
   * a given time, as Distribution's upload purging does. Without it both throw {@link UnsupportedMethodException}.
   */
  PENDING_WRITES,
  /**
   * A limitation rather than an offer: the store folds some distinct valid paths onto one object, as a
   * case-insensitive ({@code a} and {@code A}) or normalizing ({@code é} in NFC and NFD) file system does. Such a
   * driver refuses the second of two folded paths with a {@code CONFLICT} instead of merging them, and the kit
   * skips the tests that keep such pairs side by side. Drivers that compare paths by code point, as {@link
   * StoragePaths} does, do not declare it.
   */
  NAME_FOLDING
}
