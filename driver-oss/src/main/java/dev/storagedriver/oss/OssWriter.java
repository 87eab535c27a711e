package dev.storagedriver.oss;

import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartSummary;
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
 * A lazy multipart upload. Nothing is sent until the first full chunk of {@code chunksize} bytes: then the upload
 * is initiated and full chunks go up as parts in parallel, at most {@code uploadconcurrency} at a time; the
 * writer holds at most that many chunks in flight plus the one it fills, and reuses their buffers. A commit of
 * content that fits in one chunk is a single PutObject. A writer never touches an upload it did not start or
 * resume, so any number of writers to one key, in one process or several, each commit their own upload and the
 * last commit wins.
 *
 * <p><b>Uncommitted state lives in OSS</b>, so another process can resume it: {@link #close()} without commit
 * initiates the upload if it has not yet, and stores the unfilled tail (smaller than a part may be, except the
 * last) in a hidden tail object (see {@link Uploads}). {@code writer(path, true)} takes the newest tail a closed
 * writer left for exactly that key, unless something was committed to the key since, lists the upload's parts,
 * and reads the tail back into its buffer.
 *
 * <p>Commit completes the upload (or, when no part was uploaded, puts the object and aborts the upload); cancel
 * aborts it; any failure aborts it too, and the tail objects the writer took over are deleted. Uploads that
 * nobody resumes (writers closed and forgotten, processes that died) are purged by age ({@code uploadpurging},
 * {@link dev.storagedriver.StorageDriver#purgePendingWrites}).
 */
final class OssWriter extends FileWriter {
  private static final int MAX_PARTS = 10_000;
  private static final int FIRST_BUFFER = 64 * 1024;

  private record Part(int number, String etag, long size, Long crc) {}

  private final OssBackend backend;
  private final String path;
  private final String key;
  /** The upload, or null until the first full chunk (or a close) needs one. */
  private String uploadId;
  private final int chunkSize;
  private final Semaphore slots;
  private final Deque<byte[]> pool = new ArrayDeque<>();
  /** Parts done, by number; guarded by this. */
  private final Map<Integer, Part> parts = new TreeMap<>();
  /** CRC-64 of the parts resumed from an earlier session, or null if unknown. */
  private final Long resumedCrc;
  private final int resumedParts;
  /** Tail objects of earlier sessions this writer took over: deleted when it commits, cancels or closes. */
  private final List<String> takenTails;
  private long partBytes;
  private int nextPart;
  private byte[] buffer;
  private int count;
  private int inFlight;
  private Throwable failure;
  private boolean finished;

  private OssWriter(OssBackend backend, String path, String key, String uploadId, List<Part> resumed,
      Long resumedCrc, byte[] tail, List<String> takenTails) {
    this.backend = backend;
    this.path = path;
    this.key = key;
    this.uploadId = uploadId;
    this.takenTails = takenTails;
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
  }

  static OssWriter open(OssBackend backend, String path, boolean append) throws IOException {
    String key = backend.key(path);
    if (!append) {
      return new OssWriter(backend, path, key, null, List.of(), 0L, new byte[0], List.of());
    }
    Uploads uploads = new Uploads(backend);
    Optional<ObjectMetadata> committed = null;
    Optional<Uploads.TailRef> newest = uploads.newestTail(key, path);
    Optional<Uploads.Tail> tail = Optional.empty();
    if (newest.isPresent()) {
      tail = uploads.readTail(newest.get(), path);
      if (tail.isPresent()) {
        committed = backend.head(key, path);
        String now = committed.map(ObjectMetadata::getETag).orElse(null);
        if (now != null && !now.equals(tail.get().committedEtag())) {
          tail = Optional.empty(); // something was committed after that writer closed: its write is superseded
        }
      }
    } else {
      Optional<Uploads.TailRef> legacy = uploads.newestLegacyTail(key, path);
      if (legacy.isPresent()) {
        tail = uploads.readTail(legacy.get(), path);
      }
    }
    if (tail.isPresent()) {
      OssWriter resumed = resume(backend, uploads, path, key, tail.get());
      if (resumed != null) {
        return resumed;
      }
    }
    if (committed == null) {
      committed = backend.head(key, path);
    }
    if (committed.isPresent() && committed.get().getContentLength() > 0) {
      throw new DriverException(OssErrors.DRIVER, path, ErrorCode.CONFLICT, "writer " + path
          + " with append: there is no uncommitted write to resume and the committed content is not empty",
          null);
    }
    return new OssWriter(backend, path, key, null, List.of(), 0L, new byte[0], List.of());
  }

  /** A writer continuing the upload of {@code tail}, or null if that upload is gone. */
  private static OssWriter resume(OssBackend backend, Uploads uploads, String path, String key, Uploads.Tail tail)
      throws IOException {
    String uploadId = tail.ref().uploadId();
    List<PartSummary> listed = uploads.parts(key, path, uploadId);
    if (listed == null) {
      return null;
    }
    List<Part> resumed = new ArrayList<>();
    for (PartSummary p : listed) {
      resumed.add(new Part(p.getPartNumber(), p.getETag(), p.getSize(), null));
    }
    for (int i = 0; i < resumed.size(); i++) {
      if (resumed.get(i).number() != i + 1) {
        throw new DriverException(OssErrors.DRIVER, path, ErrorCode.CONFLICT, "writer " + path + " with append:"
            + " the uncommitted write has a gap at part " + (i + 1) + " (a process stopped mid-upload);"
            + " write it again with append=false", null);
      }
    }
    Long crc = tail.parts() == resumed.size() ? tail.partsCrc() : null;
    return new OssWriter(backend, path, key, uploadId, resumed, crc, tail.bytes(),
        new ArrayList<>(List.of(tail.ref().key())));
  }

  /** Initiates the upload if this writer has none yet. */
  private void ensureUpload() throws IOException {
    if (uploadId == null) {
      uploadId = Retry.idempotent(backend.config.maxRetries, "write", path, () -> backend.client
          .initiateMultipartUpload(backend.quiet(
              new InitiateMultipartUploadRequest(backend.bucket, key, backend.newMetadata())))
          .getUploadId());
    }
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
      ensureUpload();
    } catch (IOException e) {
      fail(e);
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
        UploadPartRequest request = backend.quiet(new UploadPartRequest(backend.bucket, key, uploadId, number,
            new ByteArrayInputStream(data, 0, length), length));
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
    throw new DriverException(OssErrors.DRIVER, path, ErrorCode.UNKNOWN, "write " + path + " failed",
        OssErrors.safe(cause));
  }

  /** Aborts the upload (if any) and deletes the tails taken over; best effort, never throws. */
  private void cleanUp() {
    if (finished) {
      return;
    }
    if (uploadId != null) {
      new Uploads(backend).discard(key, uploadId, takenTails);
    }
    finish();
  }

  private void finish() {
    finished = true;
    buffer = null;
    pool.clear();
  }

  private void deleteTakenTails() {
    Uploads uploads = new Uploads(backend);
    takenTails.forEach(uploads::deleteQuietly);
  }

  @Override
  public void commit() throws IOException {
    checkFailure();
    try {
      if (uploadId == null) {
        // Nothing sent yet: the whole content is in the buffer, and one PutObject replaces it atomically.
        backend.putBytes(key, path, buffer, count);
        partBytes += count;
        count = 0;
        finish();
        return;
      }
      if (parts.isEmpty() && nextPart == 1) {
        // A resumed upload without parts: its content is the tail alone.
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
    deleteTakenTails();
    finish();
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
          backend.quiet(new CompleteMultipartUploadRequest(backend.bucket, key, uploadId, etags)));
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
      // The upload records the write even when nothing was sent, so a later writer(path, true) resumes this
      // one and not an older write: writer(path, false) discards what came before.
      ensureUpload();
      Uploads uploads = new Uploads(backend);
      String committed = backend.head(key, path).map(ObjectMetadata::getETag).orElse(null);
      uploads.writeTail(key, uploadId, buffer, count, parts.size(), partsCrc(), committed, path);
    } catch (IOException | RuntimeException e) {
      cleanUp();
      throw e instanceof RuntimeException re ? OssErrors.translate("close writer", path, re) : (IOException) e;
    }
    deleteTakenTails();
    finish();
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
