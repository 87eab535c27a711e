package dev.storagedriver.objectstore;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StoragePaths;
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
 * A resumable write. Nothing is sent until more than a chunk is written: a write that commits with at most {@code
 * chunksize} bytes is exactly one PUT. The first full chunk followed by more starts a multipart upload of this writer's own
 * (concurrent writers of one path never share one; the last to commit wins), and every full chunk becomes a part
 * of exactly {@code chunksize} bytes (stores such as R2 require equal parts), uploaded in parallel, at most
 * {@code uploadconcurrency} at a time; the writer holds at most that many chunks in flight plus the one it fills,
 * and reuses their buffers.
 *
 * <p>{@link #close()} without commit stores the unfilled tail in a hidden tail object ({@link PendingWrites}), so
 * {@code writer(path, true)}, in this process or another, resumes the newest write a closed writer of exactly
 * that path left. A resumed writer keeps the tail it came from until its own state is safe (committed, or its new
 * tail stored), so a crash in between leaves the earlier state resumable. Commit completes the upload; cancel
 * and any failure abort it. Opening a writer never lists, aborts or touches anyone else's upload. A closed write
 * that something was committed over since (the tail's recorded entity tag is no longer the object's) is
 * superseded: a resume ignores it, and purging removes it.
 *
 * <p>Complete is not idempotent and is never tried again blindly: when its answer is lost, the store is asked
 * whether the object holds exactly the parts ({@link ObjectStore#holds}, by their combined checksum where the
 * store reports one); if it cannot prove so, the commit fails typed and the upload is aborted, the old content
 * left in place.
 */
final class ObjectWriter extends FileWriter {
  private static final int MAX_PARTS = 10_000;
  private static final int FIRST_BUFFER = 64 * 1024;

  private final ObjectStoreBackend backend;
  private final Requests requests;
  private final String path;
  private final String key;
  private final int chunkSize;
  private final Semaphore slots;
  private final Deque<byte[]> pool = new ArrayDeque<>();
  /** The tail this writer resumed from, deleted once this writer's own state is safe; or null. */
  private final PendingWrites.Tail origin;
  /** How many parts came from the write resumed, and their combined checksum (null if unknown). */
  private final int resumedParts;
  private final long resumedBytes;
  private final Long resumedChecksum;
  /** Parts done, by number; guarded by this. */
  private final Map<Integer, ObjectStore.Part> parts = new TreeMap<>();
  private String uploadId;
  private long partBytes;
  private int nextPart;
  private byte[] buffer;
  private int count;
  private int inFlight;
  private Throwable failure;
  private boolean finished;

  private ObjectWriter(ObjectStoreBackend backend, String path, String key, int chunkSize,
      PendingWrites.Resumable resumed) {
    this.backend = backend;
    this.requests = backend.requests;
    this.path = path;
    this.key = key;
    this.chunkSize = chunkSize;
    this.slots = new Semaphore(backend.settings.uploadConcurrency());
    byte[] tail = new byte[0];
    if (resumed != null) {
      origin = resumed.tail();
      uploadId = resumed.uploadId();
      for (ObjectStore.Part p : resumed.parts()) {
        parts.put(p.number(), p);
        partBytes += p.size();
      }
      tail = resumed.bytes();
      resumedChecksum = resumed.checksum();
    } else {
      origin = null;
      resumedChecksum = null;
    }
    this.resumedParts = parts.size();
    this.resumedBytes = partBytes;
    this.nextPart = parts.size() + 1;
    this.buffer = new byte[Math.max(Math.min(chunkSize, FIRST_BUFFER), tail.length)];
    System.arraycopy(tail, 0, buffer, 0, tail.length);
    this.count = tail.length;
  }

  static ObjectWriter open(ObjectStoreBackend backend, String path, boolean append) throws IOException {
    String key = backend.keys.key(path);
    if (!append) {
      return new ObjectWriter(backend, path, key, backend.settings.chunkSize(), null);
    }
    PendingWrites pending = new PendingWrites(backend);
    Optional<PendingWrites.Tail> newest = pending.newest(path);
    Optional<ObjectStore.ObjectInfo> committed = null;
    PendingWrites.Resumable resumed = null;
    if (newest.isPresent()) {
      resumed = pending.read(newest.get());
      if (!PendingWrites.UNKNOWN_COMMITTED.equals(resumed.committed())) {
        committed = backend.head(key, path);
        String now = committed.map(o -> o.etag() == null ? PendingWrites.UNKNOWN_COMMITTED : o.etag())
            .orElse(PendingWrites.NOTHING_COMMITTED);
        if (!now.equals(resumed.committed())) {
          resumed = null; // something was committed after that writer closed: its write is superseded
        }
      }
    } else {
      resumed = pending.legacy(path).orElse(null);
    }
    if (resumed != null) {
      if (resumed.bytes().length >= resumed.chunkSize()) {
        throw new DriverException(backend.requests.driver, path, ErrorCode.CONFLICT, "writer " + path
            + " with append: the uncommitted write's tail is larger than its part size", null);
      }
      return new ObjectWriter(backend, path, key, resumed.chunkSize(), resumed);
    }
    if (committed == null) {
      committed = backend.head(key, path);
    }
    if (committed.isPresent() && committed.get().size() > 0) {
      throw new DriverException(backend.requests.driver, path, ErrorCode.CONFLICT, "writer " + path
          + " with append: there is no uncommitted write to resume and the committed content is not empty", null);
    }
    return new ObjectWriter(backend, path, key, backend.settings.chunkSize(), null);
  }

  @Override
  public long size() {
    return partBytes + count;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    requireUsable("write");
    checkFailure();
    while (len > 0) {
      if (count == chunkSize) {
        // A full chunk goes out only when more follows: a write of exactly one chunk still commits as one PUT.
        submit(false);
      }
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
    }
  }

  /** Uploads the buffer as the next part, in the background; starts the upload first if this is the first. */
  private void submit(boolean last) throws IOException {
    if (nextPart > MAX_PARTS) {
      fail(new DriverException(requests.driver, path, ErrorCode.NO_SPACE, "write " + path + ": more than "
          + MAX_PARTS + " parts of chunksize " + chunkSize + " bytes; raise chunksize", null));
    }
    if (uploadId == null) {
      try {
        uploadId = requests.idempotent("write", path, () -> requests.store.createUpload(key));
      } catch (IOException e) {
        fail(e);
      }
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
      buffer = last ? new byte[0] : pool.isEmpty() ? new byte[chunkSize] : pool.pop();
    }
    count = 0;
    partBytes += length;
    String upload = uploadId;
    try {
      backend.executor.execute(() -> uploadPart(upload, number, full, length));
    } catch (RuntimeException e) {
      synchronized (this) {
        inFlight--;
        notifyAll();
      }
      slots.release();
      fail(new DriverException(requests.driver, path, ErrorCode.UNKNOWN, "write " + path
          + ": the driver is closing", e));
    }
  }

  private void uploadPart(String upload, int number, byte[] data, int length) {
    try {
      ObjectStore.Part part = requests.idempotent("write", path,
          () -> requests.store.uploadPart(key, upload, number, data, length));
      synchronized (this) {
        parts.put(number, part);
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

  /**
   * A failed part or commit aborted the upload and dropped the buffer: the writer has nothing left to write on or
   * commit, so saying so beats retrying into a null buffer. Only a new writer can write the content again.
   */
  private void requireUsable(String operation) throws DriverException {
    if (finished) {
      throw new DriverException(requests.driver, path, ErrorCode.CONFLICT, "cannot " + operation + " writer of "
          + StoragePaths.printable(path) + ": an earlier failure aborted its upload; write it again with a new"
          + " writer", null);
    }
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
      throw requests.typed("write", path, io);
    }
    throw new DriverException(requests.driver, path, ErrorCode.UNKNOWN, "write " + path + " failed", cause);
  }

  /** Aborts the upload and deletes the tail this writer came from; best effort, never throws. */
  private void cleanUp() {
    if (finished) {
      return;
    }
    finished = true;
    PendingWrites pending = new PendingWrites(backend);
    if (uploadId != null) {
      pending.abortQuietly(key, uploadId, path);
    }
    if (origin != null) {
      pending.deleteQuietly(origin.key(), path);
    }
    release();
  }

  private void release() {
    finished = true;
    buffer = null;
    pool.clear();
  }

  @Override
  public void commit() throws IOException {
    requireUsable("commit");
    checkFailure();
    try {
      if (uploadId == null || nextPart == 1) {
        // Everything fits in one chunk: one PUT replaces the content atomically. (An upload without parts comes
        // only from a resumed legacy tail: its content is the tail alone, and the upload is dropped.)
        byte[] all = buffer;
        int length = count;
        requests.idempotent("commit", path, () -> {
          requests.store.put(key, all, length, Map.of());
          return null;
        });
        if (uploadId != null) {
          new PendingWrites(backend).abortQuietly(key, uploadId, path);
        }
      } else {
        if (count > 0) {
          submit(true);
        }
        Throwable f = drain();
        if (f != null) {
          fail(f);
        }
        complete();
      }
    } catch (IOException | RuntimeException e) {
      cleanUp();
      throw e instanceof IOException io ? requests.typed("commit", path, io)
          : new DriverException(requests.driver, path, ErrorCode.UNKNOWN, "commit " + path + " failed", e);
    }
    if (origin != null) {
      new PendingWrites(backend).deleteQuietly(origin.key(), path);
    }
    release();
  }

  /**
   * Completes the upload. A Complete whose answer was lost may have done its work (a second one then finds no
   * such upload), so after a transient failure or a missing upload the store is asked whether the object holds
   * exactly these parts before the commit is called failed or tried again.
   */
  private void complete() throws IOException {
    List<ObjectStore.Part> list;
    synchronized (this) {
      list = new ArrayList<>(parts.values());
    }
    long total = size();
    Long checksum = checksum(list);
    try {
      requests.store.complete(key, uploadId, list, checksum);
    } catch (IOException e) {
      boolean lost = Requests.retryable(e) || Requests.is(e, ObjectStoreException.Kind.NO_SUCH_UPLOAD);
      if (lost && holds(list, total, checksum, e)) {
        return;
      }
      throw requests.typed("commit", path, e);
    }
  }

  /** The combined checksum of every part ({@code list}, by number), or null if the store reports none. */
  private Long checksum(List<ObjectStore.Part> list) {
    List<ObjectStore.Part> runs = new ArrayList<>();
    if (resumedParts > 0) {
      runs.add(new ObjectStore.Part(0, null, resumedBytes, resumedChecksum));
    }
    for (ObjectStore.Part p : list) {
      if (p.number() > resumedParts) {
        runs.add(p);
      }
    }
    return runs.isEmpty() ? null : requests.store.combineChecksums(runs);
  }

  private boolean holds(List<ObjectStore.Part> list, long total, Long checksum, IOException failure) {
    try {
      return requests.idempotent("commit", path, () -> requests.store.holds(key, list, total, checksum));
    } catch (IOException e) {
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
    if (count == chunkSize) {
      submit(false); // a tail is always shorter than a part
    }
    Throwable f = drain();
    if (f != null) {
      fail(f);
    }
    try {
      List<ObjectStore.Part> list;
      synchronized (this) {
        list = new ArrayList<>(parts.values());
      }
      String committed = backend.head(key, path)
          .map(o -> o.etag() == null ? PendingWrites.UNKNOWN_COMMITTED : o.etag())
          .orElse(PendingWrites.NOTHING_COMMITTED);
      new PendingWrites(backend).write(path, uploadId, list.size(), chunkSize, partBytes, buffer, count, committed,
          checksum(list));
    } catch (IOException | RuntimeException e) {
      cleanUp();
      throw e instanceof IOException io ? requests.typed("close writer", path, io)
          : new DriverException(requests.driver, path, ErrorCode.UNKNOWN, "close writer " + path + " failed", e);
    }
    if (origin != null) {
      new PendingWrites(backend).deleteQuietly(origin.key(), path);
    }
    release();
  }

  @Override
  public String toString() {
    return "ObjectWriter[" + path + ", " + size() + " bytes]";
  }
}
