package dev.storagedriver.filesystem;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Recursive deletion that never follows a link and tolerates a tree that changes under it. */
final class Trees {
  /** Passes over a tree whose directories keep receiving files from concurrent writers, before giving up. */
  private static final int PASSES = 3;

  private Trees() {}

  /**
   * Deletes {@code directory} and everything below it. Links are removed as links (the walk does not follow
   * them), so what they point to is untouched, inside the root or out. Entries deleted by someone else meanwhile
   * are fine; a file written into the tree meanwhile is deleted too, on a further pass.
   */
  static void delete(Path directory) throws IOException {
    for (int pass = 1; ; pass++) {
      try {
        Files.walkFileTree(directory, new Deleter());
        return;
      } catch (NoSuchFileException e) {
        return; // the whole tree went meanwhile
      } catch (DirectoryNotEmptyException e) {
        if (pass == PASSES) {
          throw e;
        }
      }
    }
  }

  private static final class Deleter extends SimpleFileVisitor<Path> {
    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
      Files.deleteIfExists(file);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
      if (failure instanceof NoSuchFileException) {
        return FileVisitResult.CONTINUE;
      }
      throw failure;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
      if (failure != null && !(failure instanceof NoSuchFileException)) {
        throw failure;
      }
      Files.deleteIfExists(directory);
      return FileVisitResult.CONTINUE;
    }
  }
}
