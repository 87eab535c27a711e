package dev.storagedriver.examples.zipdriver;

import dev.storagedriver.Capability;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidOffsetException;
import dev.storagedriver.examples.zipdriver.ZipArchive.Bytes;
import dev.storagedriver.examples.zipdriver.ZipArchive.Change;
import dev.storagedriver.examples.zipdriver.ZipArchive.Entry;
import dev.storagedriver.examples.zipdriver.ZipArchive.Existing;
import dev.storagedriver.examples.zipdriver.ZipArchive.Source;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * The raw operations over one {@link ZipArchive}. Entry names are paths without the leading slash; directories
 * are implied by the names below them, as in the contract. The portable layer has checked every path already.
 */
final class ZipBackend implements StorageBackend {
  static final String NAME = "zip";

  private final ZipArchive archive;

  ZipBackend(ZipArchive archive) {
    this.archive = archive;
  }

  /** The entry name of {@code path}: {@code /a/b} is {@code a/b}. */
  static String entryName(String path) {
    return path.substring(1);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * None: every write rewrites the archive, so resuming an append would mean keeping spool files across
   * processes (possible, not worth it for an example); the kit reports the append tests as skipped.
   */
  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    try (InputStream in = reader(path, 0)) {
      return in.readAllBytes();
    }
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    String name = entryName(path);
    archive.change(current -> {
      checkCanHoldFile(current, path);
      return new Change(Set.of(), Map.of(name, new Bytes(content.clone())));
    });
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    InputStream in = archive.open(entryName(path), offset, size -> {
      if (offset > size) {
        throw new InvalidOffsetException(NAME, path, offset);
      }
    });
    if (in == null) {
      throw new NoSuchFileException(path);
    }
    return in;
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    if (append) {
      throw new UnsupportedOperationException("append: the zip driver does not resume writes");
    }
    return new ZipFileWriter(this, path, archive.newSpool());
  }

  /** Makes a writer's spooled content the entry at {@code path}. */
  void commit(String path, ZipArchive.Spool spool) throws IOException {
    archive.change(current -> {
      checkCanHoldFile(current, path);
      return new Change(Set.of(), Map.of(entryName(path), spool));
    });
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    NavigableMap<String, Entry> index = archive.index();
    if (path.equals("/")) {
      return FileInfo.directory("/", newest(index.values()));
    }
    Entry entry = index.get(entryName(path));
    if (entry != null) {
      return FileInfo.file(path, entry.size(), entry.modTime().toInstant());
    }
    List<Entry> below = below(index, entryName(path) + "/");
    if (below.isEmpty()) {
      throw new NoSuchFileException(path);
    }
    return FileInfo.directory(path, newest(below));
  }

  @Override
  public List<String> list(String path) throws IOException {
    String prefix = path.equals("/") ? "" : entryName(path) + "/";
    Set<String> children = new HashSet<>();
    for (String name : archive.index().tailMap(prefix, true).keySet()) {
      if (!name.startsWith(prefix)) {
        break;
      }
      int slash = name.indexOf('/', prefix.length());
      children.add("/" + (slash < 0 ? name : name.substring(0, slash)));
    }
    if (children.isEmpty() && !path.equals("/")) {
      throw new NoSuchFileException(path);
    }
    return new ArrayList<>(children);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    archive.change(current -> {
      if (!current.containsKey(entryName(source))) {
        throw new NoSuchFileException(source);
      }
      if (source.equals(destination)) {
        return null;
      }
      checkCanHoldFile(current, destination);
      return new Change(Set.of(entryName(source)), Map.<String, Source>of(entryName(destination),
          new Existing(entryName(source))));
    });
  }

  @Override
  public void delete(String path) throws IOException {
    String name = entryName(path);
    archive.change(current -> {
      Set<String> drop = new HashSet<>();
      if (current.containsKey(name)) {
        drop.add(name);
      }
      below(current, name + "/").forEach(e -> drop.add(e.name()));
      if (drop.isEmpty()) {
        throw new NoSuchFileException(path);
      }
      return new Change(drop, Map.of());
    });
  }

  @Override
  public void close() {
    // nothing held open between calls: each read opens the archive, each change locks and rewrites it
  }

  /**
   * A ZIP may hold {@code a} and {@code a/b} at once, a file system may not: refuse a file where a directory is,
   * or below a file.
   */
  private static void checkCanHoldFile(NavigableMap<String, Entry> current, String path) throws DriverException {
    String name = entryName(path);
    if (!below(current, name + "/").isEmpty()) {
      throw new DriverException(NAME, path, ErrorCode.CONFLICT, "cannot write a file at " + path
          + ": it is a directory", null);
    }
    for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
      if (current.containsKey(name.substring(0, slash))) {
        throw new DriverException(NAME, path, ErrorCode.CONFLICT, "cannot write a file at " + path + ": /"
            + name.substring(0, slash) + " is a file", null);
      }
    }
  }

  private static List<Entry> below(NavigableMap<String, Entry> index, String prefix) {
    List<Entry> found = new ArrayList<>();
    for (Entry entry : index.tailMap(prefix, true).values()) {
      if (!entry.name().startsWith(prefix)) {
        break;
      }
      found.add(entry);
    }
    return found;
  }

  private static Instant newest(Iterable<Entry> entries) {
    Instant newest = Instant.EPOCH;
    for (Entry entry : entries) {
      Instant time = entry.modTime().toInstant();
      if (time.isAfter(newest)) {
        newest = time;
      }
    }
    return newest;
  }
}
