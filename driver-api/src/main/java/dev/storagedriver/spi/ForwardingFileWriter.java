package dev.storagedriver.spi;

import dev.storagedriver.FileWriter;
import java.io.IOException;
import java.util.Objects;

/**
 * A writer that passes every call to another one, as {@link ForwardingBackend} does for a backend: layers extend
 * it and override what they change (count bytes, bound each write, check a digest before commit).
 */
public class ForwardingFileWriter extends FileWriter {
  private final FileWriter delegate;

  /**
   * Forwards to {@code delegate}.
   *
   * @param delegate the writer calls go to
   */
  public ForwardingFileWriter(FileWriter delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The writer calls go to.
   *
   * @return the writer below
   */
  protected FileWriter delegate() {
    return delegate;
  }

  @Override
  public long size() {
    return delegate.size();
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    delegate.write(b, off, len);
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }

  @Override
  public void commit() throws IOException {
    delegate.commit();
  }

  @Override
  public void cancel() throws IOException {
    delegate.cancel();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
