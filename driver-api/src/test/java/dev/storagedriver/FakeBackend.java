package dev.storagedriver;

import dev.storagedriver.spi.StorageBackend;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A flat map of files, recording every call it gets, with a failure that can be planted for the next call: the
 * smallest backend that lets the portable layer's own behaviour be tested apart from any real driver.
 */
class FakeBackend implements StorageBackend {
  final Map<String, byte[]> files = new TreeMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
  volatile Exception plantedFailure;
  volatile int maxConcurrent;
  boolean closed;

  private void enter(String call) throws IOException {
    calls.add(call);
    Exception failure = plantedFailure;
    if (failure != null) {
      plantedFailure = null;
      if (failure instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) failure;
    }
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public synchronized byte[] getContent(String path) throws IOException {
    enter("getContent " + path);
    byte[] content = files.get(path);
    if (content == null) {
      throw new NoSuchFileException("/tmp/backend-internal" + path);
    }
    return content;
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    enter("putContent " + path);
    synchronized (this) {
      files.put(path, content);
    }
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    byte[] content = getContent(path);
    return new ByteArrayInputStream(content, (int) offset, content.length - (int) offset);
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    enter("writer " + path);
    return new FileWriter() {
      private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

      @Override
      public long size() {
        return out.size();
      }

      @Override
      public void write(byte[] b, int off, int len) {
        out.write(b, off, len);
      }

      @Override
      public void commit() throws IOException {
        putContent(path, out.toByteArray());
      }

      @Override
      public void cancel() {}

      @Override
      public void close() {}
    };
  }

  @Override
  public synchronized FileInfo stat(String path) throws IOException {
    enter("stat " + path);
    if (path.equals("/")) {
      return FileInfo.directory("/", java.time.Instant.EPOCH);
    }
    byte[] content = files.get(path);
    if (content != null) {
      return FileInfo.file(path, content.length, java.time.Instant.EPOCH);
    }
    for (String key : files.keySet()) {
      if (StoragePaths.isStrictlyBelow(key, path)) {
        return FileInfo.directory(path, java.time.Instant.EPOCH);
      }
    }
    throw new NoSuchFileException(path);
  }

  @Override
  public synchronized List<String> list(String path) throws IOException {
    enter("list " + path);
    List<String> children = new ArrayList<>();
    for (String key : files.keySet()) {
      if (StoragePaths.isStrictlyBelow(key, path)) {
        String rest = key.substring(path.equals("/") ? 1 : path.length() + 1);
        String child = StoragePaths.child(path, rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
        if (!children.contains(child)) {
          children.add(0, child); // reversed on purpose: the portable layer must sort
        }
      }
    }
    return children;
  }

  @Override
  public void move(String source, String destination) throws IOException {
    enter("move " + source + " " + destination);
  }

  @Override
  public void delete(String path) throws IOException {
    enter("delete " + path);
  }

  @Override
  public int maxConcurrentOperations() {
    return maxConcurrent;
  }

  @Override
  public void close() {
    closed = true;
  }

  final List<PendingWrite> pending = new CopyOnWriteArrayList<>();

  @Override
  public List<PendingWrite> pendingWrites(String directory) throws IOException {
    enter("pendingWrites " + directory);
    return new ArrayList<>(pending);
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, java.time.Instant olderThan) throws IOException {
    enter("purgePendingWrites " + directory);
    List<PendingWrite> removed = new ArrayList<>();
    for (PendingWrite write : pending) {
      if (write.lastModified().isBefore(olderThan) && pending.remove(write)) {
        removed.add(write);
      }
    }
    return removed;
  }
}
