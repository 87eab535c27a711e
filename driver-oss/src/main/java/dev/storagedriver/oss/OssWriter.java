package dev.storagedriver.oss;

import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;

/**
 * A multipart upload. Full chunks of {@code chunksize} bytes are uploaded as parts in parallel, at most {@code
 * uploadconcurrency} at a time; the writer holds at most that many chunks in flight plus the one it fills, and
 * reuses their buffers.
 *
 * <p><b>Uncommitted state lives in OSS</b>, so another process can resume it: the in-progress multipart upload
 * for the key holds the full chunks, and {@link #close()} without commit stores the unfilled tail (smaller than
 * a part may be, except the last) in a hidden object {@code <rootdirectory>/~uploads/<path>/<uploadId>}, with
 * the number of parts and their combined CRC-64 as metadata. {@code writer(path, true)} takes the newest
 * upload of exactly that key, lists its parts, and reads the tail back into its buffer. '~' never appears in a
 * valid path, so the hidden object is never listed, walked or overwritten.
 *
 * <p>Commit completes the upload (or, when everything fits in one chunk, puts the object and aborts the
 * upload); cancel aborts it; any failure aborts it too. Either way the hidden tail object is deleted: nothing
 * dangles.
 */
final class OssWriter extends FileWriter {
  private static final int MAX_PARTS = 10_000;
  private static final int FIRST_BUFFER = 64 * 1024;

  private record Part(int number, String etag, long size, Long crc) {}

  private final OssBackend backend;
  private final String path;
  private final String key;
  private final String uploadId;
  private final int chunkSize;
  private final Semaphore slots;
  private final Deque<byte[]> pool = new ArrayDeque<>();
  /** Parts done, by number; guarded by this. */
  private final Map<Integer, Part> parts = new TreeMap<>();
  /** CRC-64 of the parts resumed from an earlier session, or null if unknown. */
  private final Long resumedCrc;
  private final int resumedParts;
  private long partBytes;
  private int nextPart;
  private byte[] buffer;
  private int count;
  private int inFlight;
  private Throwable failure;
  private boolean finished;
  /** Whether a closed session left a tail object for this upload (only resumed writers have one). */
  private final boolean hasTailObject;

  private OssWriter(OssBackend backend, String path, String key, String uploadId, List<Part> resumed,
      Long resumedCrc, byte[] tail, boolean hasTailObject) {
    this.hasTailObject = hasTailObject;
    this.backend = backend;
    this.path = path;
    this.key = key;
    this.uploadId = uploadId;
    this.chunkSize = (int) backend.config.chunkSize;
    this.slots = new Semaphore(backend.config.uploadConcurrency);
    for (Part p : resumed) {
      parts.put(p.number(), p);
      partBytes += p.size();
    }
    this.resumedParts = resumed.size();
    this.resumedCrc = resumedCrc;
    this.nextPart = resumed.size() + 1;
    this.buffer = new byte[Math.max(Math.min(chunkSize, FIRST_BUFFER), tail.length)];
    System.arraycopy(tail, 0, buffer, 0, tail.length);
    this.count = tail.length;
    backend.liveUploads.add(uploadId);
  }

  static OssWriter open(OssBackend backend, String path, boolean append) throws IOException {
    String key = backend.key(path);
    Uploads uploads = new Uploads(backend);
    if (append) {
      List<Uploads.Pending> pending = uploads.pending(key, path);
      if (!pending.isEmpty()) {
        Uploads.Pending newest = pending.get(pending.size() - 1);
        OssWriter writer = resume(backend, uploads, path, key, newest.uploadId());
        uploads.abortStale(key, path, newest.uploadId());
        return writer;
      }
      var meta = backend.head(key, path);
      if (meta.isPresent() && meta.get().getContentLength() > 0) {
        throw new DriverException(OssErrors.DRIVER, path, ErrorCode.CONFLICT, "writer " + path
            + " with append: there is no uncommitted write to resume and the committed content is not empty",
            null);
      }
    } else {
      uploads.abortStale(key, path, null);
    }
    String uploadId = Retry.idempotent(backend.config.maxRetries, "writer", path, () -> backend.client
        .initiateMultipartUpload(new InitiateMultipartUploadRequest(backend.bucket, key, backend.newMetadata()))
        .getUploadId());
    return new OssWriter(backend, path, key, uploadId, List.of(), 0L, new byte[0], false);
  }

  private static OssWriter resume(OssBackend backend, Uploads uploads, String path, String key, String uploadId)
      throws IOException {
    List<Part> resumed = new ArrayList<>();
    for (var p : uploads.parts(key, path, uploadId)) {
      resumed.add(new Part(p.getPartNumber(), p.getETag(), p.getSize(), null));
    }
    for (int i = 0; i < resumed.size(); i++) {
      if (resumed.get(i).number() != i + 1) {
        throw new DriverException(OssErrors.DRIVER, path, ErrorCode.CONFLICT, "writer " + path + " with append:"
            + " the uncommitted write has a gap at part " + (i + 1) + " (a process stopped mid-upload);"
            + " write it again with append=false", null);
      }
    }
    Uploads.Tail tail = uploads.readTail(backend.stateKey(key, uploadId), path);
    Long crc = tail.parts() == resumed.size() ? tail.partsCrc() : null;
    return new OssWriter(backend, path, key, uploadId, resumed, crc, tail.bytes(), tail.parts() >= 0);
  }

  @Override
  public long size() {
    return partBytes + count;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    checkFailure();
    while (len > 0) {
      if (count == buffer.length && buffer.length < chunkSize) {
        byte[] bigger = new byte[(int) Math.min(chunkSize, 2L * buffer.length)];
        System.arraycopy(buffer, 0, bigger, 0, count);
        buffer = bigger;
      }
      int n = Math.min(len, buffer.length - count);
      System.arraycopy(b, off, buffer, count, n);
      count += n;
      off += n;
      len -= n;
      if (count == chunkSize) {
        submitBuffer();
      }
    }
  }

  /** Hands the full buffer to an upload task, waiting for a free slot first (this bounds memory). */
  private void submitBuffer() throws IOException {
    if (nextPart > MAX_PARTS) {
      fail(new DriverException(OssErrors.DRIVER, path, ErrorCode.NO_SPACE, "write " + path + ": more than "
          + MAX_PARTS + " parts of chunksize " + chunkSize + " bytes; raise chunksize", null));
    }
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("write " + path + " interrupted");
    }
    byte[] full = buffer;
    int length = count;
    int number = nextPart++;
    synchronized (this) {
      inFlight++;
      buffer = pool.isEmpty() ? new byte[chunkSize] : pool.pop();
    }
    count = 0;
    partBytes += length;
    try {
      backend.executor.execute(() -> uploadPart(number, full, length));
    } catch (RuntimeException e) {
      synchronized (this) {
        inFlight--;
        notifyAll();
      }
      slots.release();
      fail(OssErrors.translate("write", path, e));
    }
  }

  private void uploadPart(int number, byte[] data, int length) {
    try {
      // No Content-MD5 and no CRC pass of our own: the SDK computes the part's CRC-64 while sending it and
      // compares it with the server's (a mismatch is an InconsistentException, retried as CORRUPTED), so two
      // more passes over every chunk would only halve the upload rate.
      UploadPartResult result = Retry.idempotent(backend.config.maxRetries, "write", path, () -> {
        UploadPartRequest request = new UploadPartRequest(backend.bucket, key, uploadId, number,
            new ByteArrayInputStream(data, 0, length), length);
        return backend.client.uploadPart(request);
      });
      Long crc = result.getClientCRC();
      if (crc == null) {
        CRC64 computed = new CRC64();
        computed.update(data, length);
        crc = computed.getValue();
      }
      synchronized (this) {
        parts.put(number, new Part(number, result.getETag(), length, crc));
      }
    } catch (Throwable t) {
      synchronized (this) {
        if (failure == null) {
          failure = t;
        }
      }
    } finally {
      synchronized (this) {
        if (data.length == chunkSize) {
          pool.push(data);
        }
        inFlight--;
        notifyAll();
      }
      slots.release();
    }
  }

  /** Waits for every part in flight; returns the first failure, if any. */
  private synchronized Throwable drain() throws InterruptedIOException {
    while (inFlight > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("write " + path + " interrupted while parts were uploading");
      }
    }
    return failure;
  }

  private void checkFailure() throws IOException {
    Throwable f;
    synchronized (this) {
      f = failure;
    }
    if (f != null) {
      fail(f);
    }
  }

  /** Aborts everything and throws {@code cause}, typed. */
  private void fail(Throwable cause) throws IOException {
    try {
      drain();
    } finally {
      cleanUp();
    }
    if (cause instanceof IOException io) {
      throw io;
    }
    if (cause instanceof RuntimeException re) {
      throw OssErrors.translate("write", path, re);
    }
    throw new DriverException(OssErrors.DRIVER, path, ErrorCode.UNKNOWN, "write " + path + " failed", cause);
  }

  /** Aborts the upload and deletes the tail object; best effort, never throws. */
  private void cleanUp() {
    if (finished) {
      return;
    }
    finished = true;
    backend.liveUploads.remove(uploadId);
    new Uploads(backend).discard(key, uploadId);
    buffer = null;
    pool.clear();
  }

  @Override
  public void commit() throws IOException {
    checkFailure();
    try {
      if (parts.isEmpty() && nextPart == 1) {
        // Everything fits in one chunk: one PutObject replaces the content atomically.
        backend.putBytes(key, path, buffer, count);
        partBytes += count;
        count = 0;
        cleanUp();
        return;
      }
      if (count > 0) {
        submitLast();
      }
      Throwable f = drain();
      if (f != null) {
        fail(f);
      }
      complete();
    } catch (IOException | RuntimeException e) {
      if (!finished) {
        cleanUp();
      }
      throw e instanceof RuntimeException re ? OssErrors.translate("commit", path, re) : (IOException) e;
    }
    if (hasTailObject) {
      new Uploads(backend).deleteQuietly(backend.stateKey(key, uploadId));
    }
    backend.liveUploads.remove(uploadId);
    finished = true;
    buffer = null;
    pool.clear();
  }

  private void submitLast() throws IOException {
    // A last part may be smaller than a chunk; it needs its own exact-size array only to keep the pool uniform.
    byte[] last = buffer;
    buffer = new byte[0];
    int length = count;
    count = 0;
    int number = nextPart++;
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("commit " + path + " interrupted");
    }
    synchronized (this) {
      inFlight++;
    }
    partBytes += length;
    backend.executor.execute(() -> uploadPart(number, last, length));
  }

  private void complete() throws IOException {
    List<PartETag> etags = new ArrayList<>();
    Long expected = resumedParts == 0 ? Long.valueOf(0) : resumedCrc;
    synchronized (this) {
      for (Part p : parts.values()) {
        etags.add(new PartETag(p.number(), p.etag(), p.size(), p.crc()));
        if (p.number() > resumedParts && expected != null) {
          expected = CRC64.combine(expected, p.crc(), p.size());
        }
      }
    }
    CompleteMultipartUploadResult result;
    try {
      result = backend.client.completeMultipartUpload(
          new CompleteMultipartUploadRequest(backend.bucket, key, uploadId, etags));
    } catch (RuntimeException e) {
      if (completedDespite(e, expected)) {
        return;
      }
      // Complete is not idempotent and is not retried: fail typed, abort, leave the old content.
      cleanUp();
      throw OssErrors.translate("commit", path, e);
    }
    Long server = result.getServerCRC();
    if (expected != null && server != null && server.longValue() != expected.longValue()) {
      new Uploads(backend).deleteQuietly(key);
      cleanUp();
      throw new DriverException(OssErrors.DRIVER, path, ErrorCode.CORRUPTED, "commit " + path
          + ": the CRC-64 of the committed object differs from that of the bytes written; it was removed", null);
    }
  }

  /**
   * Whether the object now holds exactly the bytes written although completing failed: a Complete whose response
   * was lost did its work (and the SDK's retry of it then finds no such upload). Decided by the object's size
   * and CRC-64, which only these bytes match; unknowable without the CRC of resumed parts.
   */
  private boolean completedDespite(RuntimeException failure, Long expectedCrc) {
    if (expectedCrc == null) {
      return false;
    }
    try {
      Optional<ObjectMetadata> now = backend.head(key, path);
      return now.isPresent() && now.get().getContentLength() == size()
          && expectedCrc.equals(now.get().getServerCRC());
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  @Override
  public void cancel() throws IOException {
    try {
      drain();
    } finally {
      cleanUp();
    }
  }

  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    Throwable f = drain();
    if (f != null) {
      fail(f);
    }
    try {
      ObjectMetadata meta = new ObjectMetadata();
      backend.config.serverSideEncryption().ifPresent(s -> meta.setHeader("x-oss-server-side-encryption", s));
      backend.config.encryptionKeyId.ifPresent(s -> meta.setHeader("x-oss-server-side-encryption-key-id", s));
      meta.setContentLength(count);
      meta.setContentMD5(OssBackend.md5(buffer, 0, count));
      Long crc = partsCrc();
      meta.addUserMetadata(Uploads.META_PARTS, Integer.toString(parts.size()));
      if (crc != null) {
        meta.addUserMetadata(Uploads.META_CRC, Long.toUnsignedString(crc));
      }
      byte[] tail = buffer;
      int length = count;
      String stateKey = backend.stateKey(key, uploadId);
      Retry.idempotent(backend.config.maxRetries, "close writer", path, () -> backend.client.putObject(
          new PutObjectRequest(backend.bucket, stateKey, new ByteArrayInputStream(tail, 0, length), meta)));
    } catch (IOException | RuntimeException e) {
      cleanUp();
      throw e instanceof RuntimeException re ? OssErrors.translate("close writer", path, re) : (IOException) e;
    }
    finished = true;
    backend.liveUploads.remove(uploadId);
    buffer = null;
    pool.clear();
  }

  private synchronized Long partsCrc() {
    Long crc = resumedParts == 0 ? Long.valueOf(0) : resumedCrc;
    for (Part p : parts.values()) {
      if (crc == null) {
        return null;
      }
      if (p.number() > resumedParts) {
        crc = CRC64.combine(crc, p.crc(), p.size());
      }
    }
    return crc;
  }

  @Override
  public String toString() {
    return "OssWriter[" + path + ", " + size() + " bytes]";
  }
}
