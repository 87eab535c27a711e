package dev.storagedriver.layers;

import dev.storagedriver.ErrorCode;
import dev.storagedriver.ErrorTranslation;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries calls that failed with {@link ErrorCode#UNAVAILABLE}, with exponential backoff and full jitter (a delay
 * drawn uniformly from zero to {@code min(maxdelay, basedelay * 2^retry)}), at most {@code maxattempts} attempts
 * and never past the overall {@code budget}.
 *
 * <p>Only operations that may be repeated without changing the outcome are retried: {@code getContent}, {@code
 * putContent} (it replaces the whole content), opening a {@code reader} or a {@code writer}, {@code stat}, {@code
 * list}, {@code redirectUrl}, {@code pendingWrites}, and {@code walk} while the visitor has seen nothing yet. {@code move} and {@code
 * delete} are not (a lost answer to a successful move would turn into a missing source), and neither is anything
 * written to a writer: bytes the backend may or may not have taken are never sent again blindly. A reader that
 * fails mid-stream is reopened at the offset reached and goes on transparently; this assumes the content did not
 * change meanwhile, which holds for content-addressed stores such as a registry's blobs.
 */
final class RetryLayer extends CallLayer {
  private static final Set<Operation> IDEMPOTENT = EnumSet.of(Operation.GET_CONTENT, Operation.PUT_CONTENT,
      Operation.READER, Operation.WRITER, Operation.STAT, Operation.LIST, Operation.REDIRECT_URL, Operation.PENDING_WRITES);

  private final int maxAttempts;
  private final long baseDelayNanos;
  private final long maxDelayNanos;
  private final long budgetNanos;

  RetryLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    super(below);
    this.maxAttempts = config.getInt("maxattempts", 3, 1, 100);
    this.baseDelayNanos = config.getDuration("basedelay", Duration.ofMillis(50), Duration.ofMillis(1)).toNanos();
    Duration maxDelay = config.getDuration("maxdelay", Duration.ofSeconds(5), Duration.ofMillis(1));
    if (maxDelay.toNanos() < baseDelayNanos) {
      throw config.invalid("maxdelay", "a duration of at least basedelay (" + Duration.ofNanos(baseDelayNanos)
          + ")", null);
    }
    this.maxDelayNanos = maxDelay.toNanos();
    this.budgetNanos = config.getDuration("budget", Duration.ofSeconds(30), Duration.ofMillis(1)).toNanos();
  }

  @Override
  protected <T> T around(Operation operation, String path, Call<T> call) throws IOException {
    if (!IDEMPOTENT.contains(operation)) {
      return call.run();
    }
    return retrying(operation, path, call);
  }

  private <T> T retrying(Operation operation, String path, Call<T> call) throws IOException {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (IOException | RuntimeException e) {
        backOffOrThrow(operation, path, e, attempt, start);
      }
    }
  }

  /** Sleeps before the next attempt, or rethrows {@code failure} when it is not to be retried. */
  private void backOffOrThrow(Operation operation, String path, Exception failure, int attempt, long start)
      throws IOException {
    StorageDriverException typed = ErrorTranslation.translate(name(), operation.configName(), path, failure);
    if (typed.code() != ErrorCode.UNAVAILABLE || attempt >= maxAttempts || Thread.currentThread().isInterrupted()) {
      throw rethrowable(failure);
    }
    int doublings = Math.min(attempt - 1, 30);
    // Saturates instead of shifting past a long: a long basedelay doubled thirty times would turn negative.
    long ceiling = baseDelayNanos > maxDelayNanos >> doublings ? maxDelayNanos : baseDelayNanos << doublings;
    long delay = ThreadLocalRandom.current().nextLong(ceiling + 1);
    if (System.nanoTime() - start + delay > budgetNanos) {
      throw rethrowable(failure);
    }
    RetryEvents.retried();
    try {
      Thread.sleep(delay / 1_000_000, (int) (delay % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException(
          operation + " " + path + ": interrupted while waiting to retry");
      interrupted.addSuppressed(failure);
      throw interrupted;
    }
  }

  private static IOException rethrowable(Exception failure) {
    if (failure instanceof IOException io) {
      return io;
    }
    throw (RuntimeException) failure;
  }

  @Override
  public void walk(String path, dev.storagedriver.WalkVisitor visitor, dev.storagedriver.WalkOptions options)
      throws IOException {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      boolean[] visited = {false};
      try {
        super.walk(path, info -> {
          visited[0] = true;
          return visitor.visit(info);
        }, options);
        return;
      } catch (IOException | RuntimeException e) {
        if (visited[0]) {
          // The visitor has acted on paths already: a second walk would give it them again.
          throw rethrowable(e);
        }
        backOffOrThrow(Operation.WALK, path, e, attempt, start);
      }
    }
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    InputStream first = super.reader(path, offset);
    return new ResumingInputStream(first, offset, position -> retrying(Operation.READER, path,
        () -> delegate().reader(path, position)), (e, attempt, start) ->
        backOffOrThrow(Operation.READER, path, e, attempt, start));
  }
}
