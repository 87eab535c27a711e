package dev.storagedriver.oss.emulator;

import java.io.IOException;
import java.io.InputStream;

/**
 * Immutable bytes of one object version or part. Versions never change in place, so readers need no lock: a
 * reader that looked up an object keeps serving that version even if a writer replaces it meanwhile.
 */
interface Blob {
  long size();

  /**
   * The Netty message that writes {@code length} bytes from {@code offset}: a {@code ByteBuf} (memory) or a
   * {@code FileRegion} (directory). Opens any file at once, so a concurrent delete either happens before (and
   * this throws {@link java.nio.file.NoSuchFileException}) or is harmless.
   */
  Object body(long offset, long length) throws IOException;

  InputStream open(long offset, long length) throws IOException;

  /** Frees the storage; called once nothing can reach this blob any more. */
  void release();

  /** Whether both blobs are backed by the same storage (an appended object grows its file in place). */
  default boolean sharesStorage(Blob other) {
    return false;
  }
}
