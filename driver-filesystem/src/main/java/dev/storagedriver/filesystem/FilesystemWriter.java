package dev.storagedriver.filesystem;

import dev.storagedriver.FileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * One writer session: bytes go to a private file in the driver's temporary directory, which no listing shows.
 * Commit renames it onto the path; close renames it to the path's pending write ({@link Layout#pending}), where
 * {@code writer(path, true)} of this or a new driver instance finds it; cancel deletes it.
 *
 * <p>Bytes go through one direct buffer per writer: copied once from the caller's array, handed to the channel
 * without the JDK's extra copy into a temporary direct buffer. The portable layer enforces the state machine
 * (no write after commit, cancel or close), so this class only tracks whether its channel is still open.
 */
final class FilesystemWriter extends FileWriter {
  static final int BUFFER_SIZE = 128 * 1024;

  private final FilesystemBackend backend;
  private final String path;
  private final Path session;
  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
  private long size;
  /** Committed or cancelled: the session file is gone, close has nothing to keep. */
  private boolean finished;

  FilesystemWriter(FilesystemBackend backend, String path, Path session, FileChannel channel, long size) {
    this.backend = backend;
    this.path = path;
    this.session = session;
    this.channel = channel;
    this.size = size;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
      size += n;
      if (!buffer.hasRemaining()) {
        drain();
      }
    }
  }

  /** Hands buffered bytes to the file system (not to the device: {@link #close()} and commit force). */
  @Override
  public void flush() throws IOException {
    if (channel.isOpen()) {
      drain();
    }
  }

  /**
   * Forces the session file, renames it onto the path and forces the directory. If the rename fails (a file
   * stands where a directory is needed, say), the session stays open: commit may be tried again, or cancelled.
   */
  @Override
  public void commit() throws IOException {
    if (channel.isOpen()) {
      drain();
      // modTime is when the content was committed, not when its last byte arrived.
      Files.setLastModifiedTime(session, FileTime.from(Instant.now()));
      force();
      channel.close();
    }
    backend.commitSession(session, path);
    finished = true;
  }

  @Override
  public void cancel() throws IOException {
    channel.close();
    Files.deleteIfExists(session);
    finished = true;
  }

  /**
   * Forces what was written and makes it the path's pending write, so a resuming writer, even of a restarted
   * process, finds exactly the size reported here.
   */
  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    if (channel.isOpen()) { // else a commit forced and closed it, then failed to rename
      try {
        drain();
        force();
      } finally {
        channel.close();
      }
    }
    finished = true;
    backend.suspendSession(session, path);
  }

  private void drain() throws IOException {
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } finally {
      buffer.clear();
    }
  }

  private void force() throws IOException {
    channel.force(true);
  }
}
