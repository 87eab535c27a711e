package dev.storagedriver.layers;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.ForwardingFileWriter;
import dev.storagedriver.spi.StorageBackend;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * Holds reads to {@code read} bytes per second and writes to {@code write} bytes per second (0: no bound), over
 * all calls of the driver together: content read by {@code getContent} and streams, written by {@code putContent}
 * and writers. Up to a tenth of a second's bytes may pass at once, so short bursts are not delayed.
 */
final class ThrottleLayer extends ForwardingBackend {
  private final Pacer reads;
  private final Pacer writes;

  ThrottleLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    super(below);
    long read = config.getBytes("read", 0, 0, Long.MAX_VALUE / 2);
    long write = config.getBytes("write", 0, 0, Long.MAX_VALUE / 2);
    if (read == 0 && write == 0) {
      throw config.invalid("read", "a rate in bytes per second (such as 10MiB) for read or write, or both", null);
    }
    reads = read == 0 ? null : new Pacer(read);
    writes = write == 0 ? null : new Pacer(write);
  }

  /** Delays a caller until its bytes fit the rate. */
  static final class Pacer {
    private final double nanosPerByte;
    private final long burstNanos = 100_000_000L;
    private long next = System.nanoTime();

    Pacer(long bytesPerSecond) {
      this.nanosPerByte = 1e9 / bytesPerSecond;
    }

    void take(long bytes) throws InterruptedIOException {
      if (bytes <= 0) {
        return;
      }
      long wait;
      synchronized (this) {
        long now = System.nanoTime();
        next = Math.max(next, now - burstNanos) + (long) (bytes * nanosPerByte);
        wait = next - now;
      }
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while throttled");
        }
      }
    }
  }

  private static void take(Pacer pacer, long bytes) throws InterruptedIOException {
    if (pacer != null) {
      pacer.take(bytes);
    }
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    byte[] content = super.getContent(path);
    take(reads, content.length);
    return content;
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    take(writes, content.length);
    super.putContent(path, content);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    InputStream in = super.reader(path, offset);
    if (reads == null) {
      return in;
    }
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = in.read();
        take(reads, b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        take(reads, n);
        return n;
      }
    };
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    FileWriter w = super.writer(path, append);
    if (writes == null) {
      return w;
    }
    return new ForwardingFileWriter(w) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        take(writes, len);
        w.write(b, off, len);
      }
    };
  }
}
