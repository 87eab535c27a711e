package dev.storagedriver.layers;

import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.ForwardingFileWriter;
import dev.storagedriver.spi.StorageBackend;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A layer that does the same thing around every call (time it, bound it, log it, retry it): each operation of
 * the backend goes through {@link #around}. Streams are opened through it too; a layer that also acts on each
 * read or write of a stream overrides {@link #reader} or {@link #writer} and wraps what {@code super} returns,
 * with {@link #eachRead} and {@link #eachWrite} when it does the same around every step.
 */
public abstract class CallLayer extends ForwardingBackend {
  /**
   * A call to the backend below.
   *
   * @param <T> what the call returns
   */
  @FunctionalInterface
  public interface Call<T> {
    /**
     * Runs the call.
     *
     * @return what the backend returned
     * @throws IOException what the backend threw
     */
    T run() throws IOException;
  }

  /**
   * A layer over {@code below}.
   *
   * @param below the backend calls go to
   */
  protected CallLayer(StorageBackend below) {
    super(below);
  }

  /**
   * Runs {@code call}, doing what this layer does around it.
   *
   * @param <T> what the call returns
   * @param operation the operation
   * @param path the path (the source, for a move)
   * @param call the call to the backend below
   * @return what the call returned
   * @throws IOException what the call threw, or the layer's own failure
   */
  protected abstract <T> T around(Operation operation, String path, Call<T> call) throws IOException;

  /** One step of a stream: {@code read}, {@code write}, {@code commit} or {@code cancel}. */
  public enum Step {
    /** A read of a reader. */
    READ,
    /** A write to a writer. */
    WRITE,
    /** A writer's commit. */
    COMMIT,
    /** A writer's cancel. */
    CANCEL;

    /** Made once: layers pass it on every step, and lower-casing would build a string each time. */
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /**
     * The name in messages.
     *
     * @return the lower-case name
     */
    public String label() {
      return label;
    }
  }

  /**
   * Runs one step of a stream opened through this layer, for the streams wrapped by {@link #eachRead} and {@link
   * #eachWrite}; by default it just runs it.
   *
   * @param <T> what the step returns
   * @param step the step
   * @param path the stream's path
   * @param call the step on the stream below
   * @return what the step returned
   * @throws IOException what the step threw, or the layer's own failure
   */
  protected <T> T aroundStep(Step step, String path, Call<T> call) throws IOException {
    return call.run();
  }

  /**
   * {@code in} with every read going through {@link #aroundStep}.
   *
   * @param path the stream's path
   * @param in the stream from below
   * @return the wrapped stream
   */
  protected final InputStream eachRead(String path, InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        return aroundStep(Step.READ, path, in::read);
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return aroundStep(Step.READ, path, () -> in.read(b, off, len));
      }

      @Override
      public long skip(long n) throws IOException {
        return aroundStep(Step.READ, path, () -> in.skip(n));
      }
    };
  }

  /**
   * {@code w} with every write, commit and cancel going through {@link #aroundStep}.
   *
   * @param path the writer's path
   * @param w the writer from below
   * @return the wrapped writer
   */
  protected final FileWriter eachWrite(String path, FileWriter w) {
    return new ForwardingFileWriter(w) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        aroundStep(Step.WRITE, path, () -> {
          w.write(b, off, len);
          return null;
        });
      }

      @Override
      public void commit() throws IOException {
        aroundStep(Step.COMMIT, path, () -> {
          w.commit();
          return null;
        });
      }

      @Override
      public void cancel() throws IOException {
        aroundStep(Step.CANCEL, path, () -> {
          w.cancel();
          return null;
        });
      }
    };
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    return around(Operation.GET_CONTENT, path, () -> super.getContent(path));
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    around(Operation.PUT_CONTENT, path, () -> {
      super.putContent(path, content);
      return null;
    });
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return around(Operation.READER, path, () -> super.reader(path, offset));
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    return around(Operation.WRITER, path, () -> super.writer(path, append));
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    return around(Operation.STAT, path, () -> super.stat(path));
  }

  @Override
  public List<String> list(String path) throws IOException {
    return around(Operation.LIST, path, () -> super.list(path));
  }

  @Override
  public void move(String source, String destination) throws IOException {
    around(Operation.MOVE, source, () -> {
      super.move(source, destination);
      return null;
    });
  }

  @Override
  public void delete(String path) throws IOException {
    around(Operation.DELETE, path, () -> {
      super.delete(path);
      return null;
    });
  }

  @Override
  public Optional<URI> redirectUrl(String path, RedirectMethod method) throws IOException {
    return around(Operation.REDIRECT_URL, path, () -> super.redirectUrl(path, method));
  }

  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    around(Operation.WALK, path, () -> {
      super.walk(path, visitor, options);
      return null;
    });
  }

  @Override
  public List<PendingWrite> pendingWrites(String directory) throws IOException {
    return around(Operation.PENDING_WRITES, directory, () -> super.pendingWrites(directory));
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, Instant olderThan) throws IOException {
    return around(Operation.PURGE_PENDING_WRITES, directory, () -> super.purgePendingWrites(directory, olderThan));
  }
}
