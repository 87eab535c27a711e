package dev.storagedriver;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A resumable write to one path, from {@link StorageDriver#writer}. It is an {@link OutputStream}, so {@code
 * in.transferTo(writer)} streams into it.
 *
 * <p>Nothing written is visible at the path (to get, read, stat, list or walk) until {@link #commit()}, which
 * makes the whole content visible at once. {@link #close()} without commit keeps what was written, so a later
 * {@code writer(path, true)} can resume it; {@link #cancel()} discards it. Exactly one of commit and cancel ends
 * a write; after either, only {@link #close()} and {@link #size()} may be called.
 *
 * <p>Writers are not thread-safe; use each from one thread at a time.
 */
public abstract class FileWriter extends OutputStream {
  /** For subclasses. */
  protected FileWriter() {}

  /**
   * Bytes written so far, including those of earlier sessions this writer resumed.
   *
   * @return the size the content will have when committed now
   */
  public abstract long size();

  /**
   * Makes the content visible at the path, replacing what was there, atomically: readers see the old content or
   * the new, never a mix.
   *
   * @throws IOException a {@link StorageDriverException} if the driver fails; the uncommitted content is then
   *     kept or discarded as the driver's contract for the failure says, and the committed content is unchanged
   * @throws IllegalStateException if the writer was closed, committed or cancelled
   */
  public abstract void commit() throws IOException;

  /**
   * Discards everything written, leaving the committed content at the path as it was.
   *
   * @throws IOException a {@link StorageDriverException} if the driver fails to discard what was written
   * @throws IllegalStateException if the writer was closed, committed or cancelled
   */
  public abstract void cancel() throws IOException;

  /** Writes one byte; prefer the array form. */
  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public abstract void write(byte[] b, int off, int len) throws IOException;

  /**
   * Ends this session. Without a prior commit or cancel the written bytes are kept, uncommitted, for {@code
   * writer(path, true)} to resume. Closing twice does nothing.
   */
  @Override
  public abstract void close() throws IOException;
}
