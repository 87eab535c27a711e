package dev.storagedriver.oss;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.InvalidOffsetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CheckedInputStream;
import java.util.zip.Checksum;

/**
 * A ranged GET as a stream. The range is sent with {@code x-oss-range-behavior: standard}, so a start past the
 * end is a 416 (never OSS's default "200 with the whole object"); a 200 to a ranged request is still handled
 * correctly by skipping to the offset. A read from offset 0 to the end is checked against the object's CRC-64:
 * the read that would return the last bytes throws {@link ErrorCode#CORRUPTED} instead. A connection that
 * fails mid-body is resumed at the current position, pinned to the same object version by its ETag. The
 * underlying {@link OSSObject} is always closed (aborted if not read to the end, so the pool is not drained).
 */
final class OssReader extends InputStream {
  private static final String RANGE_BEHAVIOUR = "x-oss-range-behavior";

  private final OssBackend backend;
  private final String path;
  private final String key;
  private final long total;
  private final String etag;
  /**
   * The object's CRC-64 to check the bytes against, when reading it whole from 0; else null (nothing is checked).
   */
  private final Long expectedCrc;
  /** CRC-64 and length of the bytes read through earlier connections (a read resumes on a new one). */
  private long earlierCrc;
  private long earlierBytes;
  /**
   * CRC-64 of the bytes read through the current connection. The SDK already computes one over every object body
   * it hands out (and never checks it); that one is used when it covers exactly the bytes delivered, so reading
   * costs one CRC pass, not two. Otherwise the reader keeps its own.
   */
  private Checksum connectionCrc;
  private boolean ownConnectionCrc;
  private long connectionBytes;
  private OSSObject object;
  private InputStream in;
  private long position;
  private int resumes;
  private boolean closed;

  private OssReader(OssBackend backend, String path, String key, OSSObject object, InputStream in, long position,
      long total, String etag, Long expectedCrc) {
    this.backend = backend;
    this.path = path;
    this.key = key;
    this.object = object;
    this.in = in;
    this.position = position;
    this.total = total;
    this.etag = etag;
    this.expectedCrc = position == 0 ? expectedCrc : null;
    trackConnection(in, false);
  }

  static InputStream open(OssBackend backend, String path, long offset) throws IOException {
    String key = backend.key(path);
    OSSObject object;
    try {
      object = get(backend, key, path, offset, null);
    } catch (OSSException e) {
      if (OssErrors.isCode(e, "InvalidRange")) {
        // Standard range behaviour: the offset is at or past the end.
        long size = backend.head(key, path).orElseThrow(() -> new NoSuchFileException(path)).getContentLength();
        if (offset == size) {
          return InputStream.nullInputStream();
        }
        throw new InvalidOffsetException(OssErrors.DRIVER, path, offset);
      }
      throw Retry.typed("reader", path, e);
    } catch (RuntimeException e) {
      throw Retry.typed("reader", path, e);
    }
    boolean ok = false;
    try {
      ObjectMetadata meta = object.getObjectMetadata();
      InputStream in = object.getObjectContent();
      Optional<long[]> range = contentRange(meta.getRawMetadata());
      long total;
      if (range.isPresent()) {
        if (range.get()[0] != offset) {
          throw new DriverException(OssErrors.DRIVER, path, ErrorCode.UNKNOWN, "reader " + path
              + ": asked for bytes from " + offset + ", the server sent a range from " + range.get()[0], null);
        }
        total = range.get()[1];
      } else {
        // A whole object: either no range was asked for, or the server ignored it.
        total = meta.getContentLength();
        if (offset > 0) {
          if (offset > total) {
            throw new InvalidOffsetException(OssErrors.DRIVER, path, offset);
          }
          in.skipNBytes(offset);
        }
      }
      OssReader reader = new OssReader(backend, path, key, object, in, offset, total, meta.getETag(),
          meta.getServerCRC());
      ok = true;
      return reader;
    } finally {
      if (!ok) {
        abort(object);
      }
    }
  }

  private static OSSObject get(OssBackend backend, String key, String path, long offset, String etag) {
    GetObjectRequest request = new GetObjectRequest(backend.bucket, key);
    request.setLogEnabled(false); // 404 and 416 are answers here, not failures worth a warning
    if (offset > 0) {
      request.setRange(offset, -1);
      request.addHeader(RANGE_BEHAVIOUR, "standard");
    }
    if (etag != null) {
      request.setMatchingETagConstraints(List.of(etag));
    }
    return backend.client.getObject(request);
  }

  /** {start, total} from a {@code Content-Range: bytes a-b/total} header, if there is one. */
  static Optional<long[]> contentRange(Map<String, Object> headers) {
    Object value = null;
    for (Map.Entry<String, Object> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase("Content-Range")) {
        value = h.getValue();
      }
    }
    if (value == null) {
      return Optional.empty();
    }
    String s = value.toString().trim();
    try {
      int dash = s.indexOf('-');
      int slash = s.indexOf('/');
      long start = Long.parseLong(s.substring(s.indexOf(' ') + 1, dash).trim());
      long total = Long.parseLong(s.substring(slash + 1).trim());
      return Optional.of(new long[] {start, total});
    } catch (RuntimeException e) {
      return Optional.empty();
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
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("reader of " + path + " is closed");
    }
    if (len == 0) {
      return 0;
    }
    while (true) {
      if (position >= total) {
        verify();
        return -1;
      }
      int n;
      try {
        n = in.read(b, off, (int) Math.min(len, total - position));
        if (n < 0) {
          throw new IOException("connection closed " + (total - position) + " bytes before the end");
        }
      } catch (IOException e) {
        resume(e);
        continue;
      }
      if (ownConnectionCrc) {
        connectionCrc.update(b, off, n);
      }
      connectionBytes += n;
      position += n;
      if (position == total) {
        verify();
      }
      return n;
    }
  }

  private boolean verified;

  /** Starts counting the CRC of a new connection's body; {@code skipped}: bytes were skipped through it. */
  private void trackConnection(InputStream body, boolean skipped) {
    connectionBytes = 0;
    if (expectedCrc == null) {
      connectionCrc = null;
      ownConnectionCrc = false;
    } else if (body instanceof CheckedInputStream checked && !skipped) {
      connectionCrc = checked.getChecksum();
      ownConnectionCrc = false;
    } else {
      connectionCrc = new CRC64();
      ownConnectionCrc = true;
    }
  }

  private void verify() throws IOException {
    if (verified || expectedCrc == null) {
      return;
    }
    verified = true;
    long crc = earlierBytes == 0 ? connectionCrc.getValue()
        : CRC64.combine(earlierCrc, connectionCrc.getValue(), connectionBytes);
    if (crc != expectedCrc) {
      close();
      throw new DriverException(OssErrors.DRIVER, path, ErrorCode.CORRUPTED, "read " + path
          + ": the CRC-64 of the bytes received differs from the object's; the data is not returned", null);
    }
  }

  /** Reopens at the current position after a failure mid-body, a bounded number of times. */
  private void resume(IOException failure) throws IOException {
    abort(object);
    object = null;
    if (connectionCrc != null) {
      earlierCrc = earlierBytes == 0 ? connectionCrc.getValue()
          : CRC64.combine(earlierCrc, connectionCrc.getValue(), connectionBytes);
      earlierBytes += connectionBytes;
    }
    if (resumes++ >= backend.config.maxRetries) {
      closed = true;
      throw OssErrors.translate("read", path, failure);
    }
    Retry.pause(resumes - 1, "read", path);
    try {
      object = get(backend, key, path, position, etag);
      in = object.getObjectContent();
      boolean skipped = position > 0 && contentRange(object.getObjectMetadata().getRawMetadata()).isEmpty();
      if (skipped) {
        in.skipNBytes(position);
      }
      trackConnection(in, skipped);
    } catch (OSSException e) {
      closed = true;
      if (OssErrors.isCode(e, "PreconditionFailed") || OssErrors.isNotFound(e)) {
        throw new DriverException(OssErrors.DRIVER, path, ErrorCode.CONFLICT,
            "read " + path + ": the object changed while it was read; read it again", OssErrors.safe(e));
      }
      throw Retry.typed("read", path, e);
    } catch (RuntimeException e) {
      closed = true;
      throw Retry.typed("read", path, e);
    }
  }

  @Override
  public int available() throws IOException {
    return closed ? 0 : in.available();
  }

  private static void abort(OSSObject object) {
    if (object == null) {
      return;
    }
    try {
      object.forcedClose();
    } catch (IOException | RuntimeException ignored) {
      // The connection is being discarded; nothing to keep.
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (position >= total) {
      try {
        object.close();
      } catch (IOException | RuntimeException e) {
        abort(object);
      }
    } else {
      abort(object);
    }
  }
}
