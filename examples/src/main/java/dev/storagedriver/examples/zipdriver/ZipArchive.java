package dev.storagedriver.examples.zipdriver;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The archive on disk. Reads open it as it is; every change writes a whole new archive next to it and renames
 * that over the old one, so a reader (in this process, another one, or {@code unzip}) sees the archive before or
 * after a change, never during. Changes are serialised by a lock file, so several processes may share one
 * archive.
 */
final class ZipArchive {
  /** What the archive says of one entry (a file; directories are implied by the names). */
  record Entry(String name, long size, long crc, FileTime modTime) {}

  /** The content of an entry a change adds. */
  sealed interface Source {}

  /** Content held in memory. */
  record Bytes(byte[] content) implements Source {}

  /** Content in a spool file, with its size and CRC-32 already known. */
  record Spool(Path file, long size, long crc) implements Source {}

  /** The content of an entry of the current archive, keeping its modification time (a move). */
  record Existing(String name) implements Source {}

  /**
   * A change: the entries to drop and the ones to add (or replace), by name.
   *
   * @param drop names to remove
   * @param add names to add or replace, with their content
   */
  record Change(Set<String> drop, Map<String, Source> add) {}

  /** Plans a change from the current entries; null for no change. */
  @FunctionalInterface
  interface Planner {
    Change plan(NavigableMap<String, Entry> current) throws IOException;
  }

  /**
   * FileLock excludes other processes but throws if this JVM already holds the lock through another channel, so
   * drivers in one JVM over the same archive queue on a monitor first.
   */
  private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

  /**
   * Entry names are paths in UTF-8 (the JDK's default, stated so it cannot drift). Written this way, every entry
   * carries the ZIP "language encoding" flag (general purpose bit 11), so other tools ({@code unzip}, Windows
   * Explorer, Python's zipfile) read the names as UTF-8 too rather than as code page 437. Java strings hold any
   * valid path, and the JDK neither normalizes nor folds names, so every valid path round-trips.
   */
  private static final Charset NAMES = StandardCharsets.UTF_8;

  private final Path file;
  private final Path lockFile;
  private final boolean compress;
  private final Object monitor;
  private volatile Snapshot snapshot = new Snapshot(null, Collections.emptyNavigableMap());

  /** The entries of one version of the archive file, so reads do not parse it again while it is unchanged. */
  private record Snapshot(Object version, NavigableMap<String, Entry> entries) {}

  ZipArchive(Path file, boolean compress) {
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    this.compress = compress;
    this.monitor = MONITORS.computeIfAbsent(file, f -> new Object());
  }

  Path file() {
    return file;
  }

  /** The entries by name, sorted; empty while no archive exists. */
  NavigableMap<String, Entry> index() throws IOException {
    Object version = version();
    Snapshot current = snapshot;
    if (Objects.equals(current.version, version)) {
      return current.entries;
    }
    NavigableMap<String, Entry> entries = Collections.emptyNavigableMap();
    if (version != null) {
      try (ZipFile zip = new ZipFile(file.toFile(), NAMES)) {
        entries = read(zip);
      } catch (NoSuchFileException e) {
        return index(); // replaced between the version check and the open: look again
      }
    }
    snapshot = new Snapshot(version, entries);
    return entries;
  }

  /** Identifies the file's current version: a rename over it changes the file key (the inode). */
  private Object version() throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static NavigableMap<String, Entry> read(ZipFile zip) {
    NavigableMap<String, Entry> entries = new TreeMap<>();
    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
      ZipEntry entry = e.nextElement();
      if (!entry.isDirectory()) {
        entries.put(entry.getName(), new Entry(entry.getName(), entry.getSize(), entry.getCrc(),
            entry.getLastModifiedTime()));
      }
    }
    return Collections.unmodifiableNavigableMap(entries);
  }

  /**
   * A stream of entry {@code name} from {@code offset}, or null if there is no such entry; {@code sizeCheck}
   * sees the entry's size first and may throw.
   */
  InputStream open(String name, long offset, SizeCheck sizeCheck) throws IOException {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile(), NAMES);
    } catch (NoSuchFileException e) {
      return null;
    }
    try {
      ZipEntry entry = zip.getEntry(name);
      if (entry == null || entry.isDirectory()) {
        zip.close();
        return null;
      }
      sizeCheck.check(entry.getSize());
      InputStream in = zip.getInputStream(entry);
      in.skipNBytes(offset);
      // The stream reads from the archive it was opened on, even after a change renames a new one over it.
      return new FilterInputStream(in) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            zip.close();
          }
        }
      };
    } catch (IOException | RuntimeException e) {
      zip.close();
      throw e;
    }
  }

  /** Checks an entry's size before it is read. */
  @FunctionalInterface
  interface SizeCheck {
    void check(long size) throws IOException;
  }

  /** Applies the change {@code planner} makes from the current entries, atomically. */
  void change(Planner planner) throws IOException {
    synchronized (monitor) {
      try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockChannel.lock()) {
        ZipFile old = Files.exists(file) ? new ZipFile(file.toFile(), NAMES) : null;
        try {
          NavigableMap<String, Entry> current = old == null ? Collections.emptyNavigableMap() : read(old);
          Change change = planner.plan(current);
          if (change != null) {
            rewrite(old, current, change);
          }
        } finally {
          if (old != null) {
            old.close();
          }
        }
      }
    }
  }

  private void rewrite(ZipFile old, NavigableMap<String, Entry> current, Change change) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(temp);
          ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(os, 1 << 16), NAMES)) {
        for (Entry entry : current.values()) {
          if (!change.drop().contains(entry.name()) && !change.add().containsKey(entry.name())) {
            copy(old, entry, entry.name(), out);
          }
        }
        FileTime now = FileTime.from(Instant.now());
        for (Map.Entry<String, Source> added : new TreeMap<>(change.add()).entrySet()) {
          String name = added.getKey();
          Source source = added.getValue();
          if (source instanceof Existing existing) {
            copy(old, current.get(existing.name()), name, out);
          } else if (source instanceof Bytes bytes) {
            CRC32 crc = new CRC32();
            crc.update(bytes.content());
            out.putNextEntry(newEntry(name, bytes.content().length, crc.getValue(), now));
            out.write(bytes.content());
            out.closeEntry();
          } else if (source instanceof Spool spool) {
            out.putNextEntry(newEntry(name, spool.size(), spool.crc(), now));
            Files.copy(spool.file(), out);
            out.closeEntry();
          }
        }
      }
      // Durable before it becomes visible: a crash leaves the old archive or the new one, whole.
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void copy(ZipFile old, Entry entry, String name, ZipOutputStream out) throws IOException {
    out.putNextEntry(newEntry(name, entry.size(), entry.crc(), entry.modTime()));
    try (InputStream in = old.getInputStream(old.getEntry(entry.name()))) {
      in.transferTo(out);
    }
    out.closeEntry();
  }

  /** A stored entry must state its sizes and CRC up front; a deflated one has them computed. */
  private ZipEntry newEntry(String name, long size, long crc, FileTime modTime) {
    ZipEntry entry = new ZipEntry(name);
    entry.setLastModifiedTime(modTime);
    if (compress) {
      entry.setMethod(ZipEntry.DEFLATED);
    } else {
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(size);
      entry.setCompressedSize(size);
      entry.setCrc(crc);
    }
    return entry;
  }

  /** A new spool file for a writer, next to the archive so the final copy stays on one disk. */
  Path newSpool() throws IOException {
    return Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".spool");
  }
}
