package dev.storagedriver.spi;

import dev.storagedriver.FileInfo;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
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
   * @param from the root or a valid path naming an existing directory
   * @param tree how the backend reads its tree
   * @param visitor what to call for each path, in {@link StoragePaths#WALK_ORDER}
   * @param options the start-after hint
   * @param <E> the backend's handle of a directory entry
   * @throws IOException if the tree cannot be read; {@link NoSuchFileException} if {@code from} is missing
   */
  public static <E> void walk(String from, Tree<E> tree, WalkVisitor visitor, WalkOptions options)
      throws IOException {
    new TreeWalk<>(tree, visitor, options).walkFrom(from);
  }

  /** A directory being walked: its path and the children not yet visited, in walk order. */
  private static final class Level<E> {
    final String path;
    final Iterator<E> children;

    Level(String path, List<E> children) {
      this.path = path;
      this.children = children.iterator();
    }
  }

  /**
   * Depth first with an explicit stack instead of recursion: a valid tree may be 512 levels deep, and the
   * visitor's own stack depth is not ours to spend.
   */
  private void walkFrom(String from) throws IOException {
    Deque<Level<E>> levels = new ArrayDeque<>();
    levels.push(new Level<>(from, sortedChildren(from, null)));
    while (!levels.isEmpty()) {
      Level<E> level = levels.peek();
      if (!level.children.hasNext()) {
        levels.pop();
        continue;
      }
      E child = level.children.next();
      String childPath = StoragePaths.child(level.path, tree.name(child));
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
          return;
        case SKIP_SIBLINGS:
          levels.pop();
          break;
        case SKIP_SUBTREE:
          break;
        case CONTINUE:
          if (info.isDirectory()) {
            List<E> children = sortedChildren(childPath, child);
            if (children != null) {
              levels.push(new Level<>(childPath, children));
            }
          }
          break;
        default:
          throw new AssertionError(result);
      }
    }
  }

  /** The children of a directory in walk order, or null if it was deleted mid-walk. */
  private List<E> sortedChildren(String path, E directory) throws IOException {
    List<E> children;
    try {
      children = new ArrayList<>(tree.children(path, directory));
    } catch (NoSuchFileException | PathNotFoundException e) {
      if (directory == null) {
        throw e;
      }
      return null;
    }
    // Siblings share their parent's prefix, so ordering names by code point is ordering paths in walk order.
    children.sort(Comparator.comparing(tree::name, StoragePaths.WALK_ORDER));
    return children;
  }
}
