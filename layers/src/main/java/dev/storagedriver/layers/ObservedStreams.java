package dev.storagedriver.layers;

import dev.storagedriver.FileWriter;
import dev.storagedriver.spi.ForwardingFileWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams that tell an {@link Observer} what passed through them: the bytes each read or write moved and the
 * retries a {@code retry} layer below made meanwhile, each failure, and the totals once, when closed. For layers
 * that count, log or trace streams (logging, metrics, tracing).
 */
public final class ObservedStreams {
  private ObservedStreams() {}

  /** What a layer hears of a stream; every method does nothing by default. */
  public interface Observer {
    /**
     * After a read or write.
     *
     * @param bytes the bytes it moved (0 at the end of a reader)
     * @param retries the retries a retry layer below made during it
     */
    default void moved(long bytes, long retries) {}

    /**
     * When a read, write or commit failed.
     *
     * @param failure what it threw
     */
    default void failed(Exception failure) {}

    /**
     * Once, when the stream is closed.
     *
     * @param bytes the bytes moved in all (a writer: in this session)
     * @param retries the retries made during its reads or writes
     * @param failure the first failure, or null
     */
    default void closed(long bytes, long retries, Exception failure) {}
  }

  /** The running totals of one stream. */
  private static final class Totals {
    private final Observer observer;
    private long bytes;
    private long retries;
    private Exception failure;
    private boolean closed;

    Totals(Observer observer) {
      this.observer = observer;
    }

    void moved(long n, long retried) {
      bytes += n;
      retries += retried;
      observer.moved(n, retried);
    }

    IOException failed(IOException e) {
      note(e);
      return e;
    }

    RuntimeException failed(RuntimeException e) {
      note(e);
      return e;
    }

    private void note(Exception e) {
      if (failure == null) {
        failure = e;
      }
      observer.failed(e);
    }

    void close() {
      if (!closed) {
        closed = true;
        observer.closed(bytes, retries, failure);
      }
    }
  }

  /**
   * {@code in}, observed.
   *
   * @param in the stream from below
   * @param observer who hears of it
   * @return the observed stream
   */
  public static InputStream reader(InputStream in, Observer observer) {
    Totals totals = new Totals(observer);
    return new FilterInputStream(in) {
      private final byte[] one = new byte[1];

      @Override
      public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        RetryEvents.Tally tally = RetryEvents.tally();
        long before = tally.value();
        int n;
        try {
          n = in.read(b, off, len);
        } catch (IOException e) {
          throw totals.failed(e);
        } catch (RuntimeException e) {
          throw totals.failed(e);
        }
        totals.moved(Math.max(n, 0), tally.value() - before);
        return n;
      }

      @Override
      public void close() throws IOException {
        try {
          in.close();
        } finally {
          totals.close();
        }
      }
    };
  }

  /**
   * {@code w}, observed.
   *
   * @param w the writer from below
   * @param observer who hears of it
   * @return the observed writer
   */
  public static FileWriter writer(FileWriter w, Observer observer) {
    Totals totals = new Totals(observer);
    return new ForwardingFileWriter(w) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        RetryEvents.Tally tally = RetryEvents.tally();
        long before = tally.value();
        try {
          w.write(b, off, len);
        } catch (IOException e) {
          throw totals.failed(e);
        } catch (RuntimeException e) {
          throw totals.failed(e);
        }
        totals.moved(len, tally.value() - before);
      }

      @Override
      public void commit() throws IOException {
        try {
          w.commit();
        } catch (IOException e) {
          throw totals.failed(e);
        } catch (RuntimeException e) {
          throw totals.failed(e);
        }
      }

      @Override
      public void close() throws IOException {
        try {
          w.close();
        } finally {
          totals.close();
        }
      }
    };
  }
}
