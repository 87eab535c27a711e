package dev.storagedriver.spi;

import dev.storagedriver.Capability;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A backend that passes every call to another one: extend it and override only what a layer changes (fault
 * injection in a test, a capability turned off, a metric). Every method, defaults included, forwards.
 */
public abstract class ForwardingBackend implements StorageBackend {
  private final StorageBackend delegate;

  /**
   * Forwards to {@code delegate}.
   *
   * @param delegate the backend every call goes to; closed when this one is
   * @throws NullPointerException if {@code delegate} is null
   */
  protected ForwardingBackend(StorageBackend delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The backend calls go to.
   *
   * @return the delegate given to the constructor
   */
  protected StorageBackend delegate() {
    return delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    return delegate.getContent(path);
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    delegate.putContent(path, content);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return delegate.reader(path, offset);
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    return delegate.writer(path, append);
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    return delegate.stat(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    return delegate.list(path);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    delegate.move(source, destination);
  }

  @Override
  public void delete(String path) throws IOException {
    delegate.delete(path);
  }

  @Override
  public Optional<URI> redirectUrl(String path, RedirectMethod method) throws IOException {
    return delegate.redirectUrl(path, method);
  }

  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    delegate.walk(path, visitor, options);
  }

  @Override
  public List<PendingWrite> pendingWrites(String directory) throws IOException {
    return delegate.pendingWrites(directory);
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, Instant olderThan) throws IOException {
    return delegate.purgePendingWrites(directory, olderThan);
  }

  @Override
  public int maxConcurrentOperations() {
    return delegate.maxConcurrentOperations();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
