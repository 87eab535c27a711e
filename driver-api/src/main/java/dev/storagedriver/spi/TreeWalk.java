package dev.storagedriver.spi;

import dev.storagedriver.FileInfo;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The walk's rules in one place: walk order, the start-after hint, what each {@link FileVisitResult} does, and
 * paths vanishing mid-walk. The portable layer's list-and-stat walk uses it, and so can a backend's native walk
 * over a tree it reads its own way (a directory stream with attributes, say), so the two cannot drift apart.
 *
 * @param <E> the backend's own handle of a directory entry (a name, a path, a name with attributes)
 */
public final class TreeWalk<E> {
  /**
   * How a backend's tree is read during a walk.
   *
   * @param <E> the backend's handle of a directory entry
   */
  public interface Tree<E> {
    /**
     * The entries of the directory at {@code path}, in any order. {@code directory} is the entry {@link #stat}
     * said was a directory, or null for the directory the walk starts at. A directory that vanished may throw
     * {@link NoSuchFileException} or return nothing.
     *
     * @param path the absolute path of the directory
     * @param directory its entry, or null for the starting directory
     * @return the directory's entries, in any order (the walk sorts them)
     * @throws IOException if the backend fails; {@link NoSuchFileException} is taken as "vanished"
     */
    List<E> children(String path, E directory) throws IOException;

    /**
     * The last path segment of {@code entry}.
     *
     * @param entry an entry {@link #children} returned
     * @return its name, a valid path segment
     */
    String name(E entry);

    /**
     * What the walk reports for {@code entry} at {@code path}, or empty to leave it out (it vanished, or is
     * nothing the driver shows, such as a temporary file). Called only for entries the walk needs.
     *
     * @param path the entry's absolute path
     * @param entry an entry {@link #children} returned
     * @return the entry as a file or a directory, or empty to leave it out
     * @throws IOException if the backend fails; {@link NoSuchFileException} is taken as "vanished"
     */
    Optional<FileInfo> stat(String path, E entry) throws IOException;
  }

  private final Tree<E> tree;
  private final WalkVisitor visitor;
  private final Optional<String> startAfter;

  private TreeWalk(Tree<E> tree, WalkVisitor visitor, WalkOptions options) {
    this.tree = tree;
    this.visitor = visitor;
    this.startAfter = options.startAfter();
  }

  /**
   * Walks everything below the existing directory {@code from}, as {@link dev.storagedriver.StorageDriver#walk}
   * describes.
   *
   * @param <E> the backend's handle of a directory entry
   * @param from the absolute path of the directory the walk starts at; it is not visited itself
   * @param tree how the backend reads its directories
   * @param visitor called for each file and directory, in {@link StoragePaths#WALK_ORDER}
   * @param options the start-after hint and what to visit
   * @throws IOException whatever the tree or the visitor throws, unchanged (a vanished path is skipped, not
   *     thrown)
   */
  public static <E> void walk(String from, Tree<E> tree, WalkVisitor visitor, WalkOptions options)
      throws IOException {
    new TreeWalk<>(tree, visitor, options).walkDirectory(from, null);
  }

  /** Returns false when the walk must end (the visitor said terminate). */
  private boolean walkDirectory(String path, E directory) throws IOException {
    List<E> children;
    try {
      children = new ArrayList<>(tree.children(path, directory));
    } catch (NoSuchFileException | PathNotFoundException e) {
      if (directory == null) {
        throw e;
      }
      return true; // deleted mid-walk
    }
    // Siblings share their parent's prefix, so ordering names is ordering paths in walk order.
    children.sort(Comparator.comparing(tree::name));
    for (E child : children) {
      String childPath = StoragePaths.child(path, tree.name(child));
      boolean afterHint = startAfter.isEmpty() || StoragePaths.compareWalkOrder(childPath, startAfter.get()) > 0;
      // The hint and its ancestors are not visited, but what lies below them can come after the hint.
      boolean holdsHint = !afterHint
          && (childPath.equals(startAfter.get()) || StoragePaths.isStrictlyBelow(startAfter.get(), childPath));
      if (!afterHint && !holdsHint) {
        continue;
      }
      Optional<FileInfo> found = tree.stat(childPath, child);
      if (found.isEmpty()) {
        continue;
      }
      FileInfo info = found.get();
      FileVisitResult result = holdsHint ? FileVisitResult.CONTINUE : visitor.visit(info);
      switch (result) {
        case TERMINATE:
          return false;
        case SKIP_SIBLINGS:
          return true;
        case SKIP_SUBTREE:
          continue;
        case CONTINUE:
          if (info.isDirectory() && !walkDirectory(childPath, child)) {
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
