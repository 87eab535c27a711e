package dev.storagedriver.oss.emulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.DefaultFileRegion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * File storage under {@code DIR}: bodies stream into {@code DIR/tmp} and move atomically into {@code DIR/blobs}, so
 * multi-GiB objects need no heap and a half-written body is never visible. GETs are served with zero-copy file
 * regions. {@link DirectoryCatalog} keeps the metadata next to the blobs and removes orphans at start.
 */
final class DirectoryBlobStore implements BlobStore {
  private final Path tmp;
  private final Path blobs;

  DirectoryBlobStore(Path dir) throws IOException {
    this.tmp = dir.resolve("tmp");
    this.blobs = dir.resolve("blobs");
    Files.createDirectories(tmp);
    Files.createDirectories(blobs);
  }

  @Override
  public BlobWriter writer(long expectedLength) throws IOException {
    return new Writer(newTmp());
  }

  private Path newTmp() {
    return tmp.resolve(UUID.randomUUID().toString());
  }

  private FileBlob publish(Path tmpFile) throws IOException {
    Path target = blobs.resolve(tmpFile.getFileName());
    Files.move(tmpFile, target, StandardCopyOption.ATOMIC_MOVE);
    return new FileBlob(target, Files.size(target));
  }

  @Override
  public Blob concat(List<Blob> parts) throws IOException {
    Path out = newTmp();
    try (FileChannel dst = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (Blob b : parts) {
        transfer((FileBlob) b, 0, b.size(), dst);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(out);
      throw e;
    }
    return publish(out);
  }

  @Override
  public Blob copy(Blob source, long offset, long length) throws IOException {
    Path out = newTmp();
    try (FileChannel dst = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      transfer((FileBlob) source, offset, length, dst);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(out);
      throw e;
    }
    return publish(out);
  }

  /**
   * Appends the tail's bytes to the base's file in place: appendable objects only ever grow, and every older
   * version still reads its own (shorter) length, so readers stay consistent.
   */
  @Override
  public Blob append(Blob base, Blob tail) throws IOException {
    FileBlob b = (FileBlob) base;
    try (FileChannel dst = FileChannel.open(b.path, StandardOpenOption.WRITE)) {
      dst.position(b.size);
      transfer((FileBlob) tail, 0, tail.size(), dst);
    }
    tail.release();
    return new FileBlob(b.path, b.size + tail.size());
  }

  private static void transfer(FileBlob src, long offset, long length, FileChannel dst) throws IOException {
    try (FileChannel in = FileChannel.open(src.path, StandardOpenOption.READ)) {
      long done = 0;
      while (done < length) {
        long n = in.transferTo(offset + done, length - done, dst);
        if (n <= 0) {
          throw new IOException("short read from " + src.path);
        }
        done += n;
      }
    }
  }

  @Override
  public void close() {}

  /** One file; {@code size} may be shorter than the file when a later append grew it. */
  static final class FileBlob implements Blob {
    final Path path;
    final long size;

    FileBlob(Path path, long size) {
      this.path = path;
      this.size = size;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public Object body(long offset, long length) throws IOException {
      return new DefaultFileRegion(FileChannel.open(path, StandardOpenOption.READ), offset, length);
    }

    @Override
    public InputStream open(long offset, long length) throws IOException {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
      ch.position(offset);
      InputStream in = Channels.newInputStream(ch);
      return new InputStream() {
        long left = length;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = in.read();
          if (b >= 0) {
            left--;
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = in.read(buf, off, (int) Math.min(len, left));
          if (n > 0) {
            left -= n;
          }
          return n;
        }

        @Override
        public void close() throws IOException {
          in.close();
        }
      };
    }

    @Override
    public void release() {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean sharesStorage(Blob other) {
      return other instanceof FileBlob f && f.path.equals(path);
    }
  }

  private final class Writer implements BlobWriter {
    private final Path file;
    private final FileChannel ch;

    Writer(Path file) throws IOException {
      this.file = file;
      this.ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public void write(ByteBuf chunk) throws IOException {
      for (ByteBuffer b : chunk.nioBuffers()) {
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      chunk.skipBytes(chunk.readableBytes());
    }

    @Override
    public Blob finish() throws IOException {
      ch.close();
      return publish(file);
    }

    @Override
    public void abort() {
      try {
        ch.close();
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // best effort: the tmp directory is cleared at the next start anyway
      }
    }
  }
}
