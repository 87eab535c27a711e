package dev.storagedriver;

import java.io.IOException;
import java.nio.file.FileVisitResult;

/**
 * Receives each path of a {@link StorageDriver#walk}, parents before children, in {@link
 * StoragePaths#WALK_ORDER}.
 *
 * <p>The answer steers the walk: {@link FileVisitResult#CONTINUE}; {@link FileVisitResult#SKIP_SUBTREE} on a
 * directory skips what is below it (on a file it is the same as continue); {@link
 * FileVisitResult#SKIP_SIBLINGS} skips the rest of the directory holding the path; {@link
 * FileVisitResult#TERMINATE} ends the walk at once without error. An exception thrown here ends the walk and
 * reaches the caller of {@code walk} unchanged.
 */
@FunctionalInterface
public interface WalkVisitor {
  /**
   * Visits one path; returns how the walk goes on.
   *
   * @param info the file or directory reached
   * @return how the walk goes on, as the interface describes; never null
   * @throws IOException to end the walk; it reaches the caller of {@code walk} unchanged
   */
  FileVisitResult visit(FileInfo info) throws IOException;
}
