package dev.storagedriver.layers;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.ForwardingFileWriter;
import dev.storagedriver.spi.StorageBackend;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

/**
 * Injects faults into the calls of {@code operations}, drawn from a generator seeded with {@code seed}, so a run
 * can be repeated: with probability {@code errorrate} a call fails with {@link ErrorCode#UNAVAILABLE} before it
 * reaches the driver (so nothing changed); with probability {@code latencyrate} it is first delayed by {@code
 * latency}; with probability {@code cutrate} a stream opened by {@code reader} or {@code writer} fails with {@link
 * ErrorCode#UNAVAILABLE} after a number of bytes drawn from zero to {@code cutwithin}. Lets callers (and the
 * {@code retry} layer) be tested against any backend.
 */
final class FaultsLayer extends CallLayer {
  private final Random random;
  private final Set<Operation> operations;
  private final double errorRate;
  private final double latencyRate;
  private final long latencyNanos;
  private final double cutRate;
  private final long cutWithin;

  FaultsLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    super(below);
    this.random = new Random(config.getInt("seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    this.operations = Operation.parseList(config, "operations", EnumSet.allOf(Operation.class));
    this.errorRate = config.getDouble("errorrate", 0, 0, 1);
    this.latencyRate = config.getDouble("latencyrate", 0, 0, 1);
    this.latencyNanos = config.getDuration("latency", Duration.ofMillis(100), Duration.ZERO).toNanos();
    this.cutRate = config.getDouble("cutrate", 0, 0, 1);
    this.cutWithin = config.getBytes("cutwithin", 1 << 20, 1, Long.MAX_VALUE);
  }

  private boolean draw(double rate) {
    return rate > 0 && random.nextDouble() < rate;
  }

  private DriverException injected(String what, String path) {
    return new DriverException(name(), path, ErrorCode.UNAVAILABLE, what + " " + path + ": injected fault (layer "
        + "faults)", null);
  }

  @Override
  protected <T> T around(Operation operation, String path, Call<T> call) throws IOException {
    if (!operations.contains(operation)) {
      return call.run();
    }
    if (draw(latencyRate)) {
      try {
        Thread.sleep(latencyNanos / 1_000_000, (int) (latencyNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(operation + " " + path + ": interrupted during injected latency");
      }
    }
    if (draw(errorRate)) {
      throw injected(operation.configName(), path);
    }
    return call.run();
  }

  /** Bytes after which a stream is cut, or -1 to leave it whole. */
  private long cutPoint(Operation operation) {
    if (!operations.contains(operation) || !draw(cutRate)) {
      return -1;
    }
    synchronized (random) {
      return (long) (random.nextDouble() * cutWithin);
    }
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    InputStream in = super.reader(path, offset);
    long cut = cutPoint(Operation.READER);
    if (cut < 0) {
      return in;
    }
    return new FilterInputStream(in) {
      private long left = cut;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          throw injected("read", path);
        }
        int b = in.read();
        left -= b < 0 ? 0 : 1;
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (left <= 0) {
          throw injected("read", path);
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        left -= Math.max(n, 0);
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        // Bytes skipped pass the cut too: a dropped connection does not care whether they were read.
        if (n <= 0) {
          return 0;
        }
        if (left <= 0) {
          throw injected("read", path);
        }
        long skipped = in.skip(Math.min(n, left));
        left -= Math.max(skipped, 0);
        return skipped;
      }
    };
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    FileWriter w = super.writer(path, append);
    long cut = cutPoint(Operation.WRITER);
    if (cut < 0) {
      return w;
    }
    return new ForwardingFileWriter(w) {
      private long left = cut;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (len > left) {
          // The bytes before the cut go through, as a connection dropped mid-body would have sent them.
          w.write(b, off, (int) left);
          left = 0;
          throw injected("write", path);
        }
        w.write(b, off, len);
        left -= len;
      }
    };
  }
}
