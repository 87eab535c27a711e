package dev.storagedriver.layers;

import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidPathException;
import dev.storagedriver.PendingWrite;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.ForwardingBackend;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The store seen through the directory {@code path}: {@code /a} here is {@code <path>/a} below, and nothing
 * outside {@code path} can be named. Every path that reaches a layer is valid (no {@code ..}, no empty segment), so
 * the joined path is always below {@code path}; a joined path that breaks the path rules (its length) is an
 * {@link dev.storagedriver.ErrorCode#INVALID_PATH} naming the path given. The root always exists here, even
 * before anything is written below {@code path}.
 */
final class PrefixLayer extends ForwardingBackend {
  private final String prefix;

  PrefixLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    super(below);
    String given = config.getString("path");
    Optional<String> violation = StoragePaths.violation(given);
    if (violation.isPresent()) {
      throw config.invalid("path", "an absolute path below the root, such as /tenant-a (" + violation.get() + ")",
          null);
    }
    this.prefix = given;
  }

  /** The path below for {@code path} here. */
  private String below(String path) throws InvalidPathException {
    String joined = StoragePaths.ROOT.equals(path) ? prefix : prefix + path;
    Optional<String> violation = StoragePaths.violation(joined);
    if (violation.isPresent()) {
      throw new InvalidPathException(name(), path, "under the layer prefix " + prefix + " the path becomes "
          + "invalid: " + violation.get());
    }
    return joined;
  }

  /** The path here for {@code path} below, which is at or below the prefix. */
  private String here(String path) {
    return path.length() == prefix.length() ? StoragePaths.ROOT : path.substring(prefix.length());
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    return super.getContent(below(path));
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    super.putContent(below(path), content);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return super.reader(below(path), offset);
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    return super.writer(below(path), append);
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    try {
      FileInfo info = super.stat(below(path));
      return new FileInfo(path, info.size(), info.modTime(), info.isDirectory());
    } catch (NoSuchFileException e) {
      if (StoragePaths.ROOT.equals(path)) {
        return FileInfo.directory(StoragePaths.ROOT, Instant.EPOCH);
      }
      throw e;
    } catch (dev.storagedriver.PathNotFoundException e) {
      if (StoragePaths.ROOT.equals(path)) {
        return FileInfo.directory(StoragePaths.ROOT, Instant.EPOCH);
      }
      throw e;
    }
  }

  @Override
  public List<String> list(String path) throws IOException {
    List<String> children;
    try {
      children = super.list(below(path));
    } catch (NoSuchFileException | dev.storagedriver.PathNotFoundException e) {
      if (StoragePaths.ROOT.equals(path) && !isFile(prefix)) {
        return List.of();
      }
      throw e;
    }
    List<String> mapped = new ArrayList<>(children.size());
    for (String child : children) {
      mapped.add(here(child));
    }
    return mapped;
  }

  private boolean isFile(String path) throws IOException {
    try {
      return !super.stat(path).isDirectory();
    } catch (NoSuchFileException | dev.storagedriver.PathNotFoundException e) {
      return false;
    }
  }

  @Override
  public void move(String source, String destination) throws IOException {
    super.move(below(source), below(destination));
  }

  @Override
  public void delete(String path) throws IOException {
    super.delete(below(path));
  }

  @Override
  public Optional<URI> redirectUrl(String path, RedirectMethod method) throws IOException {
    return super.redirectUrl(below(path), method);
  }

  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    WalkOptions mapped = options.startAfter().isPresent()
        ? WalkOptions.startAfter(below(options.startAfter().get())) : options;
    WalkVisitor unprefixing = info -> visitor.visit(
        new FileInfo(here(info.path()), info.size(), info.modTime(), info.isDirectory()));
    try {
      super.walk(below(path), unprefixing, mapped);
    } catch (NoSuchFileException | dev.storagedriver.PathNotFoundException e) {
      if (!StoragePaths.ROOT.equals(path) || isFile(prefix)) {
        throw e;
      }
    }
  }

  @Override
  public List<PendingWrite> pendingWrites(String directory) throws IOException {
    return unprefixed(super.pendingWrites(below(directory)));
  }

  @Override
  public List<PendingWrite> purgePendingWrites(String directory, Instant olderThan) throws IOException {
    return unprefixed(super.purgePendingWrites(below(directory), olderThan));
  }

  private List<PendingWrite> unprefixed(List<PendingWrite> writes) {
    Function<PendingWrite, PendingWrite> map =
        w -> new PendingWrite(here(w.path()), w.id(), w.size(), w.lastModified());
    return writes.stream().map(map).toList();
  }
}
