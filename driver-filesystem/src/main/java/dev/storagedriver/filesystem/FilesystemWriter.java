package dev.storagedriver.filesystem;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorTranslation;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StoragePaths;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * One writer session: bytes go to a private file in the driver's temporary directory, which no listing shows.
 * Commit renames it onto the path; close renames it to the path's pending write ({@link Layout#pendingName}),
 * where {@code writer(path, true)} of this or a new driver instance finds it; cancel deletes it. A writer that
 * becomes unreachable without commit, cancel or close is cancelled by a {@link Cleaner}: its descriptor is
 * closed and its file deleted.
 *
 * <p>Bytes go through one direct buffer per writer: copied once from the caller's array, handed to the channel
 * without the JDK's extra copy into a temporary direct buffer. The portable layer enforces the state machine
 * (no write after commit, cancel or close), so this class only tracks whether its channel is still open.
 */
final class FilesystemWriter extends FileWriter {
  static final int BUFFER_SIZE = 128 * 1024;
  private static final Cleaner CLEANER = Cleaner.create();

  private final FilesystemBackend backend;
  private final String path;
  private final Session session;
  private final Cleaner.Cleanable cleanable;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
  private long size;
  /**
   * The failure of a write to the session file, once one failed: the buffer it held is lost, so the file no
   * longer holds every byte counted, and writing on or committing would store content with a hole in it.
   */
  private IOException failed;

  /** What an abandoned writer leaves to clean up; refers to nothing that refers back to the writer. */
  private static final class Session implements Runnable {
    final Dir tmp;
    final String name;
    final FileChannel channel;
    /** Committed, cancelled or closed: the session file is no longer this writer's to delete. */
    volatile boolean finished;

    Session(Dir tmp, String name, FileChannel channel) {
      this.tmp = tmp;
      this.name = name;
      this.channel = channel;
    }

    @Override
    public void run() {
      if (finished) {
        return;
      }
      try {
        channel.close();
      } catch (IOException e) {
        // closing is all that is left to do
      }
      Layout.deleteQuietly(tmp, name);
    }
  }

  FilesystemWriter(FilesystemBackend backend, String path, Dir tmp, String name, FileChannel channel, long size) {
    this.backend = backend;
    this.path = path;
    this.session = new Session(tmp, name, channel);
    this.cleanable = CLEANER.register(this, session);
    this.size = size;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    requireNoFailure();
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
    if (session.channel.isOpen()) {
      requireNoFailure();
      drain();
    }
  }

  /**
   * Forces the session file, renames it onto the path and forces the directory. If the rename fails (a file
   * stands where a directory is needed, say), the session stays open, its file too: the writer may write on,
   * commit again, cancel or close, and {@link #size()} stays what the file holds.
   */
  @Override
  public void commit() throws IOException {
    requireNoFailure();
    drain();
    // modTime is when the content was committed, not when its last byte arrived.
    session.tmp.setModifiedTime(session.name, FileTime.from(Instant.now()));
    session.channel.force(true);
    // Renamed while still open (POSIX, Windows and Jimfs all allow it), so that a refused rename leaves a
    // writer that can go on; closed once the content is in place.
    backend.commitSession(session.tmp, session.name, path);
    finish();
    try {
      session.channel.close();
    } catch (IOException e) {
      // The content is committed and forced; closing only releases the descriptor: no failure to report.
    }
  }

  @Override
  public void cancel() throws IOException {
    session.channel.close();
    try {
      session.tmp.deleteFile(session.name);
    } catch (NoSuchFileException e) {
      // already gone
    }
    finish();
  }

  /**
   * Forces what was written and makes it the path's pending write, so a resuming writer, even of a restarted
   * process, finds exactly the size reported here.
   */
  @Override
  public void close() throws IOException {
    if (session.finished) {
      return;
    }
    try {
      if (failed == null) {
        drain();
      }
      session.channel.force(true); // after a failed write: what the file holds, a prefix of what was written
    } finally {
      session.channel.close();
    }
    finish();
    backend.suspendSession(session.tmp, session.name, path);
  }

  private void finish() {
    session.finished = true;
    cleanable.clean();
  }

  private void drain() throws IOException {
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        session.channel.write(buffer);
      }
    } catch (IOException | RuntimeException e) {
      failed = e instanceof IOException io ? io : new IOException(e);
      try {
        size = session.channel.size(); // what the file holds: the written bytes up to the failure
      } catch (IOException sizeUnknown) {
        e.addSuppressed(sizeUnknown);
      }
      throw e;
    } finally {
      buffer.clear();
    }
  }

  /**
   * After a failed write, writing on or committing would store content missing the bytes that failed: refused,
   * typed as that failure was. Closing keeps what the file holds ({@link #size()} bytes) for a resume.
   */
  private void requireNoFailure() throws DriverException {
    if (failed != null) {
      StorageDriverException first = ErrorTranslation.translate(FilesystemDriver.NAME, "write", path, failed);
      throw new DriverException(FilesystemDriver.NAME, path, first.code(), "an earlier write to "
          + StoragePaths.printable(path) + " failed (" + first.getMessage() + "); the session holds its first "
          + size + " bytes: close the writer to keep them for a resume, or cancel it", failed);
    }
  }
}
