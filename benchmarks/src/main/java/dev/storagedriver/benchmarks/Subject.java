package dev.storagedriver.benchmarks;

/**
 * One thing measured: a driver, a baseline or a peer, reduced to the operations every scenario needs. Keys are
 * storage paths ({@code /bench/tree/0a/03/o00042}); each subject maps them to its own namespace. Every method does
 * the whole of the work its API promises (a put is durable when the subject's durability says so, a get returns a
 * fresh array), so scenarios compare like with like.
 */
interface Subject extends AutoCloseable {
  /** Replaces the whole object at {@code key}. */
  void put(String key, byte[] data) throws Exception;

  /** The whole object, as a new array. */
  byte[] get(String key) throws Exception;

  /** The size of the object, from its metadata. */
  long stat(String key) throws Exception;

  /**
   * Writes {@code total} bytes to {@code key} as a stream (or as the subject's large-object upload), repeating
   * {@code chunk}, and makes them visible.
   */
  void streamWrite(String key, byte[] chunk, long total) throws Exception;

  /** Reads the whole object at {@code key} as a stream, into {@code buffer}; returns the number of bytes. */
  long streamRead(String key, byte[] buffer) throws Exception;

  /** The number of direct children of directory {@code dir}, listed in sorted order. */
  int list(String dir) throws Exception;

  /** The number of entries (files, and directories where the subject has them) below {@code dir}. */
  int walk(String dir) throws Exception;

  /** Deletes {@code dir} and everything below it. */
  void deleteTree(String dir) throws Exception;

  /** Work the harness may do between iterations, outside measurement (e.g. collect leaked handles). */
  default void betweenIterations() {}

  @Override
  void close() throws Exception;
}
