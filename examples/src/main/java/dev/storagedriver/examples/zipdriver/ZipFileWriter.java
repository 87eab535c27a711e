package dev.storagedriver.examples.zipdriver;

import dev.storagedriver.FileWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Spools the written bytes to a file next to the archive, counting size and CRC-32 on the way (a stored entry
 * needs both before its data), and adds the spool as an entry on commit. The portable layer enforces the state
 * machine (nothing after commit or cancel), so this class only has to clean up.
 */
final class ZipFileWriter extends FileWriter {
  private final ZipBackend backend;
  private final String path;
  private final Path spool;
  private final OutputStream out;
  private final CRC32 crc = new CRC32();
  private long size;
  private boolean done;

  ZipFileWriter(ZipBackend backend, String path, Path spool) throws IOException {
    this.backend = backend;
    this.path = path;
    this.spool = spool;
    this.out = new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16);
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    crc.update(b, off, len);
    size += len;
  }

  @Override
  public void commit() throws IOException {
    done = true;
    try {
      out.close();
      backend.commit(path, new ZipArchive.Spool(spool, size, crc.getValue()));
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  @Override
  public void cancel() throws IOException {
    discard();
  }

  /** Without resumable appends there is nothing to keep: closing without commit discards the write. */
  @Override
  public void close() throws IOException {
    if (!done) {
      discard();
    }
  }

  private void discard() throws IOException {
    done = true;
    try {
      out.close();
    } finally {
      Files.deleteIfExists(spool);
    }
  }
}
