package dev.storagedriver.layers;

/**
 * The retries the {@code retry} layer makes, counted per thread, so a layer above it (metrics, tracing) can tell
 * how many retries one call took: read {@link #count()} before and after the call, on the thread that makes it.
 * Calls run on the caller's thread, stream reads included, so the difference is that call's retries.
 */
public final class RetryEvents {
  private static final ThreadLocal<Tally> COUNT = ThreadLocal.withInitial(Tally::new);

  private RetryEvents() {}

  /** One thread's count of retries, for reading before and after a call with a single thread-local look-up. */
  public static final class Tally {
    private long retries;

    private Tally() {}

    /**
     * Retries made on the thread this tally belongs to so far; only ever grows. Read it on that thread only.
     *
     * @return the count
     */
    public long value() {
      return retries;
    }
  }

  /**
   * Retries made on this thread so far; only ever grows.
   *
   * @return the count
   */
  public static long count() {
    return COUNT.get().retries;
  }

  /**
   * This thread's tally: what {@link #count()} reads, kept so that a call's before and after cost one look-up.
   *
   * @return the calling thread's tally
   */
  public static Tally tally() {
    return COUNT.get();
  }

  static void retried() {
    COUNT.get().retries++;
  }
}
