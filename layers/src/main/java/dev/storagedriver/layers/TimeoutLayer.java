package dev.storagedriver.layers;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Bounds every call by {@code operation}, and every read of a stream and every write to a writer by {@code
 * idle}. A call past its bound is interrupted and fails with {@link ErrorCode#UNAVAILABLE} ("timed out"), which a
 * {@code retry} layer above retries. A call that still succeeds after its bound returns its result: the work is
 * done, and reporting it as failed would be false. {@code walk} is bounded only when {@code walk} is set, since it
 * also runs the caller's visitor.
 */
final class TimeoutLayer extends CallLayer {
  private final long operationNanos;
  private final long idleNanos;
  private final long walkNanos;
  private final Watchdog watchdog;
  /** The bounds in the watchdog's ticks, worked out once. */
  private final long operationTicks;
  private final long idleTicks;
  private final long walkTicks;

  TimeoutLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    super(below);
    Duration operation = config.getDuration("operation", Duration.ofSeconds(30), Duration.ofMillis(1));
    Duration idle = config.getDuration("idle", Duration.ofSeconds(30), Duration.ofMillis(1));
    this.operationNanos = operation.toNanos();
    this.idleNanos = idle.toNanos();
    this.walkNanos = config.has("walk")
        ? config.getDuration("walk", Duration.ZERO, Duration.ofMillis(1)).toNanos() : 0;
    long shortest = Math.min(operation.toMillis(), idle.toMillis());
    if (walkNanos > 0) {
      shortest = Math.min(shortest, walkNanos / 1_000_000);
    }
    // A call ends at most about two ticks past its bound: a tick of a twentieth of the shortest timeout (between
    // 1 ms and 1 s) keeps that within a tenth of it.
    this.watchdog = new Watchdog("storagedriver-timeout-" + below.name(), Math.max(1, Math.min(1000,
        shortest / 20)));
    this.operationTicks = watchdog.ticks(operationNanos);
    this.idleTicks = watchdog.ticks(idleNanos);
    this.walkTicks = walkNanos > 0 ? watchdog.ticks(walkNanos) : 0;
  }

  @Override
  protected <T> T around(Operation op, String path, Call<T> call) throws IOException {
    if (op == Operation.WALK) {
      return walkTicks == 0 ? call.run() : bounded(op.configName(), path, walkNanos, walkTicks, call);
    }
    return bounded(op.configName(), path, operationNanos, operationTicks, call);
  }

  private <T> T bounded(String what, String path, long bound, long ticks, Call<T> call) throws IOException {
    Watchdog.Deadline deadline = watchdog.start(ticks);
    T result;
    try {
      result = call.run();
    } catch (IOException | RuntimeException e) {
      if (watchdog.finish(deadline)) {
        throw timedOut(what, path, bound, e);
      }
      throw e;
    }
    watchdog.finish(deadline);
    return result;
  }

  private DriverException timedOut(String what, String path, long bound, Exception cause) {
    return new DriverException(name(), path, ErrorCode.UNAVAILABLE,
        what + " " + path + ": timed out after " + Duration.ofNanos(bound), cause);
  }

  @Override
  protected <T> T aroundStep(Step step, String path, Call<T> call) throws IOException {
    return step == Step.READ || step == Step.WRITE ? bounded(step.label(), path, idleNanos, idleTicks, call)
        : bounded(step.label(), path, operationNanos, operationTicks, call);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return eachRead(path, super.reader(path, offset));
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    return eachWrite(path, super.writer(path, append));
  }

  @Override
  public void close() throws IOException {
    watchdog.close();
    super.close();
  }
}
