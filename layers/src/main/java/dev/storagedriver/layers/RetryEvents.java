package dev.storagedriver.layers;

/**
 * The retries the {@code retry} layer makes, counted per thread, so a layer above it (metrics, tracing) can tell
 * how many retries one call took: read {@link #count()} before and after the call, on the thread that makes it.
 * Calls run on the caller's thread, stream reads included, so the difference is that call's retries.
 */
public final class RetryEvents {
  private static final ThreadLocal<long[]> COUNT = ThreadLocal.withInitial(() -> new long[1]);

  private RetryEvents() {}

  /**
   * Retries made on this thread so far; only ever grows.
   *
   * @return the count
   */
  public static long count() {
    return COUNT.get()[0];
  }

  static void retried() {
    COUNT.get()[0]++;
  }
}
