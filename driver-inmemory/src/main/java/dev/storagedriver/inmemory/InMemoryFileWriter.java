package dev.storagedriver.inmemory;

import dev.storagedriver.FileWriter;
import java.io.IOException;

/** A writer into the store's uncommitted writes; the portable layer enforces its state machine. */
final class InMemoryFileWriter extends FileWriter {
  private final InMemoryStore store;
  private final String path;
  private final PendingWrite write;

  InMemoryFileWriter(InMemoryStore store, String path, PendingWrite write) {
    this.store = store;
    this.path = path;
    this.write = write;
  }

  @Override
  public long size() {
    return write.size();
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    store.append(path, write, b, off, len);
  }

  @Override
  public void commit() throws IOException {
    store.commit(path, write);
  }

  @Override
  public void cancel() {
    store.cancel(path, write);
  }

  @Override
  public void close() {
    // The bytes stay in the store, uncommitted, for writer(path, true) to resume from now on.
    store.release(write);
  }
}
