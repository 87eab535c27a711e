package dev.storagedriver.inmemory;

import dev.storagedriver.Capability;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidOffsetException;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.spi.StorageBackend;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The in-memory backend: raw operations over an {@link InMemoryStore}. */
final class InMemoryBackend implements StorageBackend {
  private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.RESUMABLE_APPEND, Capability.PENDING_WRITES);

  private final InMemoryStore store;

  InMemoryBackend(InMemoryStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return InMemoryStore.NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    return store.file(path).content().clone();
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    // Copy: the caller may reuse its array, and stored arrays are shared with readers.
    store.put(path, content.clone());
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    byte[] content = store.file(path).content();
    if (offset > content.length) {
      throw new InvalidOffsetException(name(), path, offset);
    }
    return new ByteArrayInputStream(content, (int) offset, content.length - (int) offset);
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    return new InMemoryFileWriter(store, path, store.openWrite(path, append));
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    return store.stat(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    return store.list(path);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    store.move(source, destination);
  }

  @Override
  public void delete(String path) throws IOException {
    store.delete(path);
  }

  @Override
  public List<PendingWrite> pendingWrites(String directory) {
    return store.pendingWrites(directory);
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, Instant olderThan) {
    return store.purgePendingWrites(directory, olderThan);
  }

  @Override
  public void close() {
    // The store outlives its drivers, as a disk outlives a process.
  }
}
