package dev.storagedriver.filesystem;

import dev.storagedriver.FileInfo;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The walk, straight over the directory tree: the same visits in the same order as the portable layer's walk
 * over list and stat, but each directory is read once (its listing decides whether it is visible at all, then
 * feeds the recursion) and paths are never re-resolved from the root.
 *
 * <p>Siblings share their parent's prefix and names hold no {@code '/'}, so sorting names with {@link
 * String#compareTo} is {@link StoragePaths#WALK_ORDER}. Links and foreign entries are skipped, as stat would not
 * find them; entries that vanish mid-walk are skipped, as the contract asks.
 */
final class NativeWalk {
  private final WalkVisitor visitor;
  private final Optional<String> startAfter;

  NativeWalk(WalkVisitor visitor, WalkOptions options) {
    this.visitor = visitor;
    this.startAfter = options.startAfter();
  }

  /** Walks below {@code directory}, the file-system path of the existing directory {@code path}. */
  void walk(String path, Path directory) throws IOException {
    walkEntries(path, directory, visibleNames(directory));
  }

  /** Returns false when the walk must end (the visitor said terminate). */
  private boolean walkEntries(String directoryPath, Path directory, List<String> names) throws IOException {
    for (String name : names) {
      String child = StoragePaths.child(directoryPath, name);
      boolean afterHint = startAfter.isEmpty() || StoragePaths.compareWalkOrder(child, startAfter.get()) > 0;
      // The hint itself and its ancestors are not visited, but what lies below them can come after the hint.
      boolean holdsHint = !afterHint
          && (child.equals(startAfter.get()) || StoragePaths.isStrictlyBelow(startAfter.get(), child));
      if (!afterHint && !holdsHint) {
        continue;
      }
      Path entry = directory.resolve(name);
      BasicFileAttributes attributes;
      List<String> below = List.of();
      try {
        attributes = Files.readAttributes(entry, BasicFileAttributes.class, Layout.NOFOLLOW);
        if (attributes.isDirectory()) {
          below = visibleNames(entry);
        }
      } catch (NoSuchFileException | NotDirectoryException e) {
        continue; // deleted while we walk
      }
      Instant modTime = attributes.lastModifiedTime().toInstant();
      FileInfo info;
      if (attributes.isRegularFile()) {
        info = FileInfo.file(child, attributes.size(), modTime);
      } else if (attributes.isDirectory() && !below.isEmpty()) {
        info = FileInfo.directory(child, modTime);
      } else {
        continue; // an empty directory, a link, a foreign entry: stat would not find it either
      }
      if (holdsHint) {
        if (info.isDirectory() && !walkEntries(child, entry, below)) {
          return false;
        }
        continue;
      }
      FileVisitResult result = visitor.visit(info);
      switch (result) {
        case TERMINATE:
          return false;
        case SKIP_SIBLINGS:
          return true;
        case SKIP_SUBTREE:
          continue;
        case CONTINUE:
          if (info.isDirectory() && !walkEntries(child, entry, below)) {
            return false;
          }
          break;
        default:
          throw new AssertionError(result);
      }
    }
    return true;
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
    Collections.sort(names);
    return names;
  }
}
