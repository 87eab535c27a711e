package dev.storagedriver.layers;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that, when a read fails in a way the retry policy accepts, reopens the content at the offset reached
 * and goes on, so the caller sees one unbroken stream.
 */
final class ResumingInputStream extends InputStream {
  /** Opens the content again at an absolute offset. */
  @FunctionalInterface
  interface Reopen {
    InputStream at(long offset) throws IOException;
  }

  /** Returns normally to allow another attempt, or throws the failure (or why not) to give up. */
  @FunctionalInterface
  interface Policy {
    void backOffOrThrow(Exception failure, int attempt, long startNanos) throws IOException;
  }

  private final Reopen reopen;
  private final Policy policy;
  private InputStream in;
  private long position;
  private boolean closed;

  ResumingInputStream(InputStream first, long offset, Reopen reopen, Policy policy) {
    this.in = first;
    this.position = offset;
    this.reopen = reopen;
    this.policy = policy;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int attempt = 1;
    long start = System.nanoTime();
    while (true) {
      try {
        int n = in.read(b, off, len);
        if (n > 0) {
          position += n;
        }
        return n;
      } catch (IOException | RuntimeException e) {
        if (closed) {
          throw e;
        }
        policy.backOffOrThrow(e, attempt++, start);
        closeQuietly(in, e);
        in = reopen.at(position);
      }
    }
  }

  @Override
  public long skip(long n) throws IOException {
    // Through read, so the position stays exact and a failure while skipping resumes too.
    return super.skip(n);
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    in.close();
  }

  private static void closeQuietly(InputStream stream, Exception failure) {
    try {
      stream.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
