package dev.storagedriver.objectstore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body of known length for {@link ObjectStore.Body}: read to its end, closing it returns the connection
 * to the pool ({@link #finish}); closed before, it drops the connection ({@link #abort}) rather than drain the
 * rest, which for a large object would cost the whole transfer.
 */
public abstract class BodyStream extends FilterInputStream {
  private long left;

  /**
   * A body of {@code length} bytes.
   *
   * @param in the SDK's body stream
   * @param length how many bytes it holds
   */
  protected BodyStream(InputStream in, long length) {
    super(in);
    this.left = length;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      left--;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      left -= n;
    }
    return n;
  }

  @Override
  public final void close() throws IOException {
    if (left > 0) {
      abort();
    } else {
      finish();
    }
  }

  /**
   * Drops the connection of a body closed before its end.
   *
   * @throws IOException if closing what is left fails
   */
  protected abstract void abort() throws IOException;

  /**
   * Closes a body read to its end, so its connection can be reused. By default closes the SDK's stream.
   *
   * @throws IOException if closing fails
   */
  protected void finish() throws IOException {
    in.close();
  }
}
