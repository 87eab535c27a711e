package dev.storagedriver.filesystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable primitives every write is built from: write and force a new file, atomically rename it over the
 * target, force the directory that holds the new name.
 */
final class DurableFiles {
  /** Largest slice handed to one channel call, so the JDK's temporary direct buffers stay small. */
  static final int MAX_IO = 1 << 20;

  private static final Logger log = LoggerFactory.getLogger(DurableFiles.class);

  private final boolean directorySync;
  private final AtomicBoolean warnedNonAtomic = new AtomicBoolean();

  private DurableFiles(boolean directorySync) {
    this.directorySync = directorySync;
  }

  /**
   * Finds out whether directories can be forced on the file system of {@code root}. POSIX systems can; Windows
   * and Jimfs cannot open a directory as a channel at all, and there the rename is as durable as it gets.
   */
  static DurableFiles probe(Path root) {
    try (FileChannel directory = FileChannel.open(root, StandardOpenOption.READ)) {
      directory.force(true);
      return new DurableFiles(true);
    } catch (IOException | UnsupportedOperationException e) {
      log.debug("directories under {} cannot be forced ({}); renames are not followed by a directory sync", root,
          e.toString());
      return new DurableFiles(false);
    }
  }

  /** Creates {@code file}, which must not exist, with {@code content}, and forces it to the device. */
  void writeNew(Path file, byte[] content) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
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

  /**
   * Renames {@code source} over {@code target} atomically: a reader of {@code target} sees the old file or the
   * new one, never a mix or nothing. Only a file system without atomic renames gets a plain replacing move.
   */
  void replace(Path source, Path target) throws IOException {
    try {
      // Jimfs honours REPLACE_EXISTING alongside ATOMIC_MOVE; the default provider ignores it (rename(2) replaces).
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      if (warnedNonAtomic.compareAndSet(false, true)) {
        log.warn("the file system of {} has no atomic rename; replacing files is not atomic there", target);
      }
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Forces {@code directory}, so a rename into it survives a crash; a no-op where directories cannot be forced. */
  void syncDirectory(Path directory) throws IOException {
    if (!directorySync) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Deletes {@code file} if it exists, ignoring failures: used only to clean up after another failure. */
  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException e) {
      log.debug("could not remove {}: {}", file, e.toString());
    }
  }
}
