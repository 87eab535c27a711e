package dev.storagedriver.objectstore;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.InvalidOffsetException;
import dev.storagedriver.StorageDriverException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.zip.Checksum;

/**
 * A GET from an offset as a stream. A body that breaks or ends early (a reset, a cut connection) is resumed at
 * the current position by a ranged GET pinned to the same object version by its entity tag, up to {@code
 * maxretries} times; a changed object fails the read with {@code CONFLICT} instead of mixing two versions. A
 * server that ignores the range (200 with the whole object) is handled by skipping to the offset.
 *
 * <p>A read from offset 0 of a store that reports object checksums ({@link ObjectStore#newChecksum}, {@link
 * ObjectStore.Body#checksum}) is checked against the object's checksum over every byte delivered, across
 * resumed connections: the read that would return the last bytes throws {@link ErrorCode#CORRUPTED} instead.
 */
final class ObjectReader extends InputStream {
  /** The object was replaced while being read; the bytes read so far belong to the older version. */
  static final class ChangedWhileReading extends StorageDriverException {
    private static final long serialVersionUID = 1L;

    ChangedWhileReading(String driver, String path, long position, Throwable cause) {
      super(driver, path, "read " + path + ": the file changed or vanished while being read (at byte " + position
          + ")", cause);
    }

    @Override
    public ErrorCode code() {
      return ErrorCode.CONFLICT;
    }
  }

  private final ObjectStoreBackend backend;
  private final Requests requests;
  private final String path;
  private final String key;
  private final long size;
  private final String etag;
  /** The object's checksum when reading it whole from 0 and the store reports one; else null. */
  private final Long expectedChecksum;
  /** The checksum of the bytes delivered through the current connection, or null when nothing is checked. */
  private Checksum checksum;
  /** Whether this reader updates {@link #checksum} (else the body's stream does, {@link ObjectStore.Body#streamChecksum}). */
  private boolean ownChecksum;
  private long connectionBytes;
  /** The checksum and length of the bytes delivered through earlier connections. */
  private long earlierChecksum;
  private long earlierBytes;
  private InputStream in;
  private long position;
  private int resumes;
  private boolean closed;

  private ObjectReader(ObjectStoreBackend backend, String path, String key, ObjectStore.Body body, long position) {
    this.backend = backend;
    this.requests = backend.requests;
    this.path = path;
    this.key = key;
    this.size = body.size();
    this.etag = body.etag();
    this.in = body.stream();
    this.position = position;
    Checksum fresh = position == 0 && body.checksum() != null ? requests.store.newChecksum() : null;
    this.expectedChecksum = fresh == null ? null : body.checksum();
    track(body, false);
  }

  /**
   * Starts checking the bytes of a new connection: with the body's own running checksum when it covers exactly
   * the bytes delivered (so reading costs one checksum pass, not two), else with one of this reader's.
   */
  private void track(ObjectStore.Body body, boolean skipped) {
    connectionBytes = 0;
    if (expectedChecksum == null) {
      checksum = null;
    } else if (body.streamChecksum() != null && !skipped) {
      checksum = body.streamChecksum();
      ownChecksum = false;
    } else {
      checksum = requests.store.newChecksum();
      ownChecksum = true;
    }
  }

  /** The checksum of every byte delivered so far, across connections. */
  private long deliveredChecksum() {
    if (earlierBytes == 0) {
      return checksum.getValue();
    }
    Long combined = requests.store.combineChecksums(List.of(
        new ObjectStore.Part(0, null, earlierBytes, earlierChecksum),
        new ObjectStore.Part(0, null, connectionBytes, checksum.getValue())));
    return combined == null ? ~expectedChecksum : combined; // a store that checks must combine
  }

  static InputStream open(ObjectStoreBackend backend, String path, long offset) throws IOException {
    String key = backend.keys.key(path);
    ObjectStore.Body body = get(backend, path, key, offset, null);
    if (body == null) {
      // At or past the end (a ranged GET of an empty object is refused too).
      long size = backend.head(key, path).orElseThrow(() -> new NoSuchFileException(path)).size();
      if (offset == size) {
        return InputStream.nullInputStream();
      }
      throw new InvalidOffsetException(backend.requests.driver, path, offset);
    }
    return start(backend, path, key, body, offset);
  }

  /** A GET, or null when the range starts at or past the end. */
  private static ObjectStore.Body get(ObjectStoreBackend backend, String path, String key, long offset,
      String ifMatch) throws IOException {
    return backend.requests.idempotent("reader", path, () -> {
      try {
        return backend.requests.store.get(key, offset, ifMatch);
      } catch (ObjectStoreException e) {
        if (e.kind() == ObjectStoreException.Kind.RANGE_NOT_SATISFIABLE) {
          return null;
        }
        throw e;
      }
    });
  }

  private static ObjectReader start(ObjectStoreBackend backend, String path, String key, ObjectStore.Body body,
      long offset) throws IOException {
    boolean ok = false;
    try {
      if (body.offset() != offset) {
        if (body.offset() != 0) {
          throw new DriverException(backend.requests.driver, path, ErrorCode.UNKNOWN, "reader " + path
              + ": asked for bytes from " + offset + ", the server sent bytes from " + body.offset(), null);
        }
        // The server ignored the range and sent the whole object.
        if (offset > body.size()) {
          throw new InvalidOffsetException(backend.requests.driver, path, offset);
        }
        body.stream().skipNBytes(offset);
      }
      ObjectReader reader = new ObjectReader(backend, path, key, body, offset);
      ok = true;
      return reader;
    } finally {
      if (!ok) {
        body.stream().close();
      }
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("read " + path + ": the stream is closed");
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (position >= size) {
        return -1;
      }
      IOException broken;
      try {
        int n = in.read(b, off, (int) Math.min(len, size - position));
        if (n > 0) {
          position += n;
          if (checksum != null) {
            if (ownChecksum) {
              checksum.update(b, off, n);
            }
            connectionBytes += n;
            if (position == size) {
              verify();
            }
          }
          return n;
        }
        broken = new IOException("the body ended at byte " + position + " of " + size);
      } catch (StorageDriverException | InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        broken = e;
      }
      resume(broken);
    }
  }

  private void verify() throws IOException {
    if (deliveredChecksum() != expectedChecksum) {
      close();
      throw new DriverException(requests.driver, path, ErrorCode.CORRUPTED, "read " + path
          + ": the checksum of the bytes received differs from the object's; the data is not returned", null);
    }
  }

  /** Reopens the body at the current position, pinned to the same version; throws when that is not possible. */
  private void resume(IOException broken) throws IOException {
    closeQuietly();
    if (checksum != null) {
      earlierChecksum = deliveredChecksum();
      earlierBytes += connectionBytes;
      connectionBytes = 0;
    }
    if (resumes++ >= backend.settings.maxRetries() || etag == null) {
      throw new DriverException(requests.driver, path, ErrorCode.UNAVAILABLE, "read " + path
          + ": the connection broke at byte " + position + " (" + broken.getClass().getSimpleName() + ")", broken);
    }
    requests.pause(resumes - 1, "read", path);
    ObjectStore.Body body;
    try {
      body = get(backend, path, key, position, etag);
    } catch (IOException e) {
      if (Requests.is(e, ObjectStoreException.Kind.PRECONDITION_FAILED) || e instanceof NoSuchFileException) {
        throw new ChangedWhileReading(requests.driver, path, position, e);
      }
      throw e;
    }
    if (body == null || body.size() != size) {
      if (body != null) {
        body.stream().close();
      }
      throw new ChangedWhileReading(requests.driver, path, position, broken);
    }
    if (body.offset() != position) {
      if (body.offset() != 0) {
        body.stream().close();
        throw new DriverException(requests.driver, path, ErrorCode.UNKNOWN, "read " + path
            + ": the server resumed at the wrong byte", broken);
      }
      body.stream().skipNBytes(position);
    }
    in = body.stream();
    track(body, body.offset() != position);
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException ignored) {
      // The connection is already broken; closing it is only to return it.
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      in.close();
    }
  }
}
