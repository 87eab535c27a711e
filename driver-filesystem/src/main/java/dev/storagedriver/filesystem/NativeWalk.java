package dev.storagedriver.filesystem;

import dev.storagedriver.FileInfo;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.TreeWalk;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The walk straight over the directory tree, with the walk's rules from {@link TreeWalk}: each directory is
 * opened relative to its parent without following a link, and read once (its listing decides whether it is
 * visible at all, then feeds the recursion). Links and foreign entries are left out, as stat would not find
 * them; entries that vanish mid-walk are left out, as the contract asks.
 *
 * <p>Directories are held open only while the walk is inside them: the ones on the way from the start to the
 * current directory, at most one per level.
 */
final class NativeWalk implements TreeWalk.Tree<NativeWalk.Entry> {
  /** A directory entry: its segment, its on-disk name, the open directory holding it. */
  static final class Entry {
    final String segment;
    final String name;
    final Dir parent;
    /** The entry's own directory, opened by stat, until its children are listed. */
    Dir opened;
    List<String> below = List.of();

    Entry(String segment, String name, Dir parent) {
      this.segment = segment;
      this.name = name;
      this.parent = parent;
    }
  }

  /** The directories open on the way down, with their paths; the start is the layout's and is not closed here. */
  private final Deque<Object[]> open = new ArrayDeque<>();
  private final FilesystemBackend backend;
  private final Dir start;
  /** A directory stat opened whose children were not asked for (skipped): closed at the next step. */
  private Entry pending;

  private NativeWalk(FilesystemBackend backend, Dir start) {
    this.backend = backend;
    this.start = start;
  }

  /** Walks below {@code directory}, the open directory of the existing directory {@code path}. */
  static void walk(FilesystemBackend backend, String path, Dir directory, WalkVisitor visitor, WalkOptions options)
      throws IOException {
    NativeWalk walk = new NativeWalk(backend, directory);
    try {
      TreeWalk.walk(path, walk, visitor, options);
    } finally {
      walk.closeAll();
    }
  }

  @Override
  public List<Entry> children(String path, Entry directory) throws IOException {
    Dir dir;
    List<String> names;
    if (directory == null) {
      dir = start;
      names = visibleNames(path, start);
    } else {
      dir = directory.opened;
      names = directory.below;
      if (pending == directory) {
        pending = null;
      }
      closeOutside(path);
      open.push(new Object[] {path, dir});
    }
    List<Entry> entries = new ArrayList<>(names.size() / 2);
    for (int i = 0; i < names.size(); i += 2) {
      entries.add(new Entry(names.get(i), names.get(i + 1), dir));
    }
    return entries;
  }

  @Override
  public String name(Entry entry) {
    return entry.segment;
  }

  @Override
  public Optional<FileInfo> stat(String path, Entry entry) throws IOException {
    closePending();
    BasicFileAttributes attributes;
    try {
      attributes = entry.parent.stat(entry.name);
      if (attributes.isDirectory()) {
        entry.opened = entry.parent.openDirectory(entry.name);
        pending = entry;
        entry.below = visibleNames(path, entry.opened);
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      closePending();
      return Optional.empty(); // deleted while we walk, or replaced by a link
    }
    Instant modTime = attributes.lastModifiedTime().toInstant();
    if (attributes.isRegularFile()) {
      return Optional.of(FileInfo.file(path, attributes.size(), modTime));
    }
    if (attributes.isDirectory() && !entry.below.isEmpty()) {
      return Optional.of(FileInfo.directory(path, modTime));
    }
    closePending();
    return Optional.empty(); // an empty directory, a link, a foreign entry: stat would not find it either
  }

  /** Segment and on-disk name, alternating, of each visible entry of {@code dir}. */
  private List<String> visibleNames(String path, Dir dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (String name : dir.names()) {
      String segment = backend.visibleSegment(dir, path, name);
      if (segment != null) {
        names.add(segment);
        names.add(name);
      }
    }
    return names;
  }

  /** Closes the open directories that are not {@code path} or above it: the walk has left them. */
  private void closeOutside(String path) {
    while (!open.isEmpty()) {
      String openPath = (String) open.peek()[0];
      if (openPath.equals(path) || StoragePaths.isStrictlyBelow(path, openPath)) {
        return;
      }
      ((Dir) open.pop()[1]).close();
    }
  }

  private void closePending() {
    if (pending != null) {
      pending.opened.close();
      pending = null;
    }
  }

  private void closeAll() {
    closePending();
    while (!open.isEmpty()) {
      ((Dir) open.pop()[1]).close();
    }
  }
}
