package dev.storagedriver;

import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The walk for backends without a native one: list each directory, sort its children, stat each, recurse. A
 * child that vanishes between list and stat was deleted mid-walk and is skipped.
 */
final class GenericWalk {
  private final StorageBackend backend;
  private final WalkVisitor visitor;
  private final Optional<String> startAfter;

  private GenericWalk(StorageBackend backend, WalkVisitor visitor, WalkOptions options) {
    this.backend = backend;
    this.visitor = visitor;
    this.startAfter = options.startAfter();
  }

  static void walk(StorageBackend backend, String from, WalkVisitor visitor, WalkOptions options)
      throws IOException {
    new GenericWalk(backend, visitor, options).walkDirectory(from, true);
  }

  /** Returns false when the walk must end (the visitor said terminate). */
  private boolean walkDirectory(String directory, boolean isStart) throws IOException {
    List<String> children;
    try {
      children = new ArrayList<>(backend.list(directory));
    } catch (NoSuchFileException | PathNotFoundException e) {
      if (isStart) {
        throw e;
      }
      return true; // deleted mid-walk
    }
    children.sort(StoragePaths.WALK_ORDER);
    for (String child : children) {
      boolean afterHint = startAfter.isEmpty() || StoragePaths.compareWalkOrder(child, startAfter.get()) > 0;
      // The hint itself and its ancestors are not visited, but what lies below them can come after the hint.
      boolean holdsHint = !afterHint
          && (child.equals(startAfter.get()) || StoragePaths.isStrictlyBelow(startAfter.get(), child));
      if (!afterHint && !holdsHint) {
        continue; // before the hint, and nothing below it can be after it
      }
      FileInfo info;
      try {
        info = backend.stat(child);
      } catch (NoSuchFileException | PathNotFoundException e) {
        continue; // deleted between list and stat
      }
      if (holdsHint) {
        if (info.isDirectory() && !walkDirectory(child, false)) {
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
          if (info.isDirectory() && !walkDirectory(child, false)) {
            return false;
          }
          break;
        default:
          throw new AssertionError(result);
      }
    }
    return true;
  }
}
