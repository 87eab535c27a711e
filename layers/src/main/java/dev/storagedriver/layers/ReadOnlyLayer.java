package dev.storagedriver.layers;

import dev.storagedriver.Capability;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileWriter;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;

/**
 * Refuses every change ({@code putContent}, {@code writer}, {@code move}, {@code delete}, {@code purgePendingWrites}) with {@link
 * ErrorCode#PERMISSION_DENIED} before it reaches the driver, so nothing stored changes; reads, listings, walks and
 * redirect URLs pass. Docker Distribution's maintenance mode ({@code maintenance.readonly}). It takes away {@link
 * Capability#RESUMABLE_APPEND}: there is nothing to append to.
 */
final class ReadOnlyLayer extends ForwardingBackend {
  private final Set<Capability> capabilities;

  ReadOnlyLayer(StorageBackend below) {
    super(below);
    Set<Capability> kept = EnumSet.noneOf(Capability.class);
    kept.addAll(below.capabilities());
    kept.remove(Capability.RESUMABLE_APPEND);
    this.capabilities = Set.copyOf(kept);
  }

  private DriverException refused(String operation, String path) {
    return new DriverException(name(), path, ErrorCode.PERMISSION_DENIED,
        operation + " " + path + ": refused, the store is read-only (layer readonly)", null);
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    throw refused("putContent", path);
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    throw refused("writer", path);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    throw refused("move", source);
  }

  @Override
  public void delete(String path) throws IOException {
    throw refused("delete", path);
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, Instant olderThan) throws IOException {
    throw refused("purgePendingWrites", directory);
  }
}
