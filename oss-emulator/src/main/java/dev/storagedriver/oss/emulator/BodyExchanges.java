package dev.storagedriver.oss.emulator;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/** Exchanges that consume a request body: streamed into storage, or buffered when it is a small XML document. */
final class BodyExchanges {
  private BodyExchanges() {}

  /** The digested result of a streamed body. */
  record Received(Blob blob, byte[] md5, long crc) {}

  /** Commits a received body; on failure the exchange releases the blob. */
  interface Commit {
    Response commit(Received body) throws Exception;
  }

  /** A small-document body (XML) handler. */
  interface Document {
    Response handle(byte[] body) throws Exception;
  }

  /**
   * Streams the body into a {@link BlobWriter} while computing MD5 and CRC-64 over the same bytes, then checks
   * Content-MD5 (InvalidDigest) before {@code commit} makes the blob visible.
   */
  static Exchange upload(BlobStore store, OssRequest r, Commit commit) throws Exception {
    long expected = contentLength(r);
    BlobWriter writer = store.writer(expected);
    Md5Pipeline md5 = new Md5Pipeline();
    Crc64 crc = new Crc64();
    String contentMd5 = r.header("Content-MD5");
    return new Exchange() {
      @Override
      public void content(ByteBuf chunk) throws Exception {
        if (!chunk.isReadable()) {
          return;
        }
        md5.update(chunk);
        for (ByteBuffer b : chunk.nioBuffers()) {
          crc.update(b);
        }
        writer.write(chunk);
      }

      @Override
      public Response finish() throws Exception {
        Blob blob = writer.finish();
        byte[] digest = md5.digest();
        try {
          if (contentMd5 != null && !contentMd5.equals(Base64.getEncoder().encodeToString(digest))) {
            throw new OssException(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
          }
          return commit.commit(new Received(blob, digest, crc.value()));
        } catch (Exception e) {
          blob.release();
          throw e;
        }
      }

      @Override
      public void abort() {
        md5.digest();
        writer.abort();
      }
    };
  }

  /**
   * MD5 is the slowest per-byte step of an upload (CRC-64 is ~2x faster), so it runs on a digest thread, chained
   * per request to keep byte order, while the event loop copies and CRCs the same bytes: a PUT then costs
   * max(MD5, copy + CRC) rather than their sum. At most {@link #MAX_PENDING} bytes wait for it (backpressure).
   */
  static final class Md5Pipeline {
    private static final long MAX_PENDING = 8L << 20;
    private static final ExecutorService DIGESTERS = Executors.newFixedThreadPool(
        Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
          Thread t = new Thread(r, "oss-emulator-md5");
          t.setDaemon(true);
          return t;
        });

    private final MessageDigest md5 = md5();
    private final AtomicLong pending = new AtomicLong();
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    void update(ByteBuf chunk) {
      ByteBuf view = chunk.retainedDuplicate();
      int n = view.readableBytes();
      if (pending.addAndGet(n) > MAX_PENDING) {
        chain.join();
      }
      chain = chain.thenRunAsync(() -> {
        try {
          for (ByteBuffer b : view.nioBuffers()) {
            md5.update(b);
          }
        } finally {
          view.release();
          pending.addAndGet(-n);
        }
      }, DIGESTERS);
    }

    byte[] digest() {
      chain.join();
      return md5.digest();
    }
  }

  /** Buffers a body of at most {@code limit} bytes (larger → MalformedXML), checking Content-MD5 when sent. */
  static Exchange document(OssRequest r, int limit, Document handler) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    String contentMd5 = r.header("Content-MD5");
    return new Exchange() {
      @Override
      public void content(ByteBuf chunk) throws Exception {
        if (buf.size() + chunk.readableBytes() > limit) {
          throw OssException.malformedXml("The XML body is too large.");
        }
        chunk.readBytes(buf, chunk.readableBytes());
      }

      @Override
      public Response finish() throws Exception {
        byte[] body = buf.toByteArray();
        if (contentMd5 != null && !contentMd5.equals(Base64.getEncoder().encodeToString(md5().digest(body)))) {
          throw new OssException(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
        }
        return handler.handle(body);
      }
    };
  }

  static long contentLength(OssRequest r) throws OssException {
    String cl = r.header("Content-Length");
    if (cl == null) {
      return -1;
    }
    try {
      return Long.parseLong(cl.trim());
    } catch (NumberFormatException e) {
      throw OssException.invalidArgument("Invalid Content-Length.");
    }
  }

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
