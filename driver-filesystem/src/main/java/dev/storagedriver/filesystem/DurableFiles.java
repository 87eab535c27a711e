package dev.storagedriver.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The durable primitive every write starts from: write and force a new file. */
final class DurableFiles {
  /** Largest slice handed to one channel call, so the JDK's temporary direct buffers stay small. */
  static final int MAX_IO = 1 << 20;

  DurableFiles() {}

  /** Creates {@code name} in {@code directory}, which must not exist, with {@code content}, forced to the device. */
  void writeNew(Dir directory, String name, byte[] content) throws IOException {
    try (FileChannel channel = directory.open(name, FilesystemBackend.CREATE_NEW)) {
      int offset = 0;
      while (offset < content.length) {
        ByteBuffer slice = ByteBuffer.wrap(content, offset, Math.min(MAX_IO, content.length - offset));
        while (slice.hasRemaining()) {
          offset += channel.write(slice);
        }
      }
      channel.force(true);
    }
  }
}
