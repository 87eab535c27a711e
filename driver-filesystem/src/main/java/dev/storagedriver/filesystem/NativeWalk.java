package dev.storagedriver.filesystem;

import dev.storagedriver.FileInfo;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.TreeWalk;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The walk straight over the directory tree, with the walk's rules from {@link TreeWalk}: each directory is read
 * once (its listing decides whether it is visible at all, then feeds the recursion) and paths are never
 * re-resolved from the root. Links and foreign entries are left out, as stat would not find them; entries that
 * vanish mid-walk are left out, as the contract asks.
 */
final class NativeWalk implements TreeWalk.Tree<NativeWalk.Entry> {
  /** A directory entry; {@code below} holds a directory's visible names once stat has read them. */
  static final class Entry {
    final String name;
    final Path file;
    List<String> below = List.of();

    Entry(String name, Path file) {
      this.name = name;
      this.file = file;
    }
  }

  private final Path start;

  private NativeWalk(Path start) {
    this.start = start;
  }

  /** Walks below {@code directory}, the file-system path of the existing directory {@code path}. */
  static void walk(String path, Path directory, WalkVisitor visitor, WalkOptions options) throws IOException {
    TreeWalk.walk(path, new NativeWalk(directory), visitor, options);
  }

  @Override
  public List<Entry> children(String path, Entry directory) throws IOException {
    Path dir = directory == null ? start : directory.file;
    List<String> names = directory == null ? visibleNames(start) : directory.below;
    List<Entry> entries = new ArrayList<>(names.size());
    for (String name : names) {
      entries.add(new Entry(name, dir.resolve(name)));
    }
    return entries;
  }

  @Override
  public String name(Entry entry) {
    return entry.name;
  }

  @Override
  public Optional<FileInfo> stat(String path, Entry entry) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(entry.file, BasicFileAttributes.class, Layout.NOFOLLOW);
      if (attributes.isDirectory()) {
        entry.below = visibleNames(entry.file);
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return Optional.empty(); // deleted while we walk
    }
    Instant modTime = attributes.lastModifiedTime().toInstant();
    if (attributes.isRegularFile()) {
      return Optional.of(FileInfo.file(path, attributes.size(), modTime));
    }
    if (attributes.isDirectory() && !entry.below.isEmpty()) {
      return Optional.of(FileInfo.directory(path, modTime));
    }
    return Optional.empty(); // an empty directory, a link, a foreign entry: stat would not find it either
  }

  private static List<String> visibleNames(Path directory) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (Layout.isVisibleName(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }
}
