package dev.storagedriver.oss.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Heap storage. A blob is a list of byte arrays, so multipart completion, copy and append share arrays instead of
 * copying them, and a GET wraps the arrays in a {@code ByteBuf} without copying. Each object is copied once: from
 * Netty's receive buffers into its arrays.
 */
final class MemoryBlobStore implements BlobStore {
  private static final int CHUNK = 1 << 20;

  @Override
  public BlobWriter writer(long expectedLength) throws OssException {
    if (expectedLength > MAX_OBJECT) {
      throw tooLarge();
    }
    return new Writer(expectedLength);
  }

  /** ByteBuf indexes are ints: in-memory objects stop just short of 2 GiB. */
  static final long MAX_OBJECT = Integer.MAX_VALUE - 16;

  static OssException tooLarge() {
    return new OssException(400, "EntityTooLarge", "In-memory storage holds objects of up to 2 GiB; "
        + "start the emulator with a data directory for larger ones.");
  }

  @Override
  public Blob concat(List<Blob> parts) throws OssException {
    List<byte[]> chunks = new ArrayList<>();
    long total = 0;
    for (Blob p : parts) {
      total += p.size();
      if (total > MAX_OBJECT) {
        throw tooLarge();
      }
      chunks.addAll(((Mem) p).chunks);
    }
    return new Mem(chunks);
  }

  @Override
  public Blob copy(Blob source, long offset, long length) throws IOException {
    if (offset == 0 && length == source.size()) {
      return source; // immutable, so sharing is a copy
    }
    try (InputStream in = source.open(offset, length)) {
      return new Mem(List.of(in.readAllBytes()));
    }
  }

  @Override
  public Blob append(Blob base, Blob tail) throws OssException {
    if (base.size() + tail.size() > MAX_OBJECT) {
      throw tooLarge();
    }
    return concat(List.of(base, tail));
  }

  @Override
  public void close() {}

  /** Bytes held as full arrays; only their list is copied when blobs are combined. */
  static final class Mem implements Blob {
    final List<byte[]> chunks;
    final long size;

    Mem(List<byte[]> chunks) {
      this.chunks = List.copyOf(chunks);
      long s = 0;
      for (byte[] c : chunks) {
        s += c.length;
      }
      this.size = s;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public Object body(long offset, long length) {
      if (chunks.size() == 1) {
        return Unpooled.wrappedBuffer(chunks.get(0), (int) offset, (int) length);
      }
      ByteBuf all = Unpooled.wrappedBuffer(chunks.size(), chunks.toArray(new byte[0][]));
      return all.slice((int) offset, (int) length);
    }

    @Override
    public InputStream open(long offset, long length) {
      List<InputStream> streams = new ArrayList<>();
      long pos = 0;
      for (byte[] c : chunks) {
        long start = Math.max(offset, pos);
        long end = Math.min(offset + length, pos + c.length);
        if (start < end) {
          streams.add(new ByteArrayInputStream(c, (int) (start - pos), (int) (end - start)));
        }
        pos += c.length;
      }
      Enumeration<InputStream> e = Collections.enumeration(streams);
      return new SequenceInputStream(e);
    }

    @Override
    public void release() {}
  }

  /** Fills one exact-size array when the length is known, else 1 MiB arrays (the last one trimmed). */
  private static final class Writer implements BlobWriter {
    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int pos;

    private long total;

    Writer(long expectedLength) {
      current = new byte[expectedLength >= 0 ? (int) expectedLength : CHUNK];
    }

    @Override
    public void write(ByteBuf chunk) throws OssException {
      total += chunk.readableBytes();
      if (total > MAX_OBJECT) {
        throw tooLarge();
      }
      while (chunk.isReadable()) {
        if (pos == current.length) {
          chunks.add(current);
          current = new byte[CHUNK];
          pos = 0;
        }
        int n = Math.min(chunk.readableBytes(), current.length - pos);
        chunk.readBytes(current, pos, n);
        pos += n;
      }
    }

    @Override
    public Blob finish() {
      if (pos > 0 || chunks.isEmpty()) {
        chunks.add(pos == current.length ? current : java.util.Arrays.copyOf(current, pos));
      }
      return new Mem(chunks);
    }

    @Override
    public void abort() {
      chunks.clear();
    }
  }
}
