package dev.storagedriver.filesystem;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.StoragePaths;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive deletion relative to open directories: it never follows a link (a link is removed as a link, so
 * what it points to is untouched, inside the root or out), and a directory swapped for a link under it is not
 * entered. It tolerates a tree that changes under it, and leaves in place what {@code list} would not show.
 */
final class Trees {
  /** Passes over a tree whose directories keep receiving files from concurrent writers, before giving up. */
  private static final int PASSES = 3;

  private Trees() {}

  /**
   * Deletes the directory {@code name} of {@code parent} (the storage path {@code path}) and everything below
   * it. Entries deleted by someone else meanwhile are fine; a file written into the tree meanwhile is deleted
   * too, on a further pass. Entries whose names are no valid segment (made by another program) are neither
   * shown by {@code list} nor deleted here: the delete then fails with a {@code CONFLICT} naming them.
   */
  static void delete(FilesystemBackend backend, Dir parent, String name, String path) throws IOException {
    for (int pass = 1; ; pass++) {
      List<String> foreign = new ArrayList<>();
      try {
        deleteTree(backend, parent, name, path, foreign);
        return;
      } catch (NoSuchFileException e) {
        return; // the whole tree went meanwhile
      } catch (DirectoryNotEmptyException e) {
        if (!foreign.isEmpty()) {
          throw new DriverException(FilesystemDriver.NAME, path, ErrorCode.CONFLICT, "deleted everything below "
              + StoragePaths.printable(path) + " except entries another program made whose names are no valid path "
              + "segment, so that nothing is deleted that list does not show: " + foreign, e);
        }
        if (pass == PASSES) {
          throw e;
        }
      }
    }
  }

  private static void deleteTree(FilesystemBackend backend, Dir parent, String name, String path,
      List<String> foreign) throws IOException {
    try (Dir directory = parent.openDirectory(name)) {
      List<String> records = new ArrayList<>();
      for (String entry : directory.names()) {
        String segment = backend.visibleSegment(directory, path, entry);
        if (segment == null) {
          if (Layout.isOwn(path, entry)) {
            records.add(entry); // the record of a long name: needed until that name is gone
          } else {
            foreign.add(StoragePaths.printable(entry));
          }
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes = directory.stat(entry);
        } catch (NoSuchFileException e) {
          continue;
        }
        try {
          if (attributes.isDirectory()) {
            deleteTree(backend, directory, entry, StoragePaths.child(path, segment), foreign);
          } else {
            directory.deleteFile(entry);
          }
        } catch (NoSuchFileException e) {
          // deleted meanwhile
        } catch (DirectoryNotEmptyException e) {
          // A subdirectory kept a foreign entry (or got a new file): go on with its siblings, so everything
          // list shows is deleted; this directory's own removal below then fails as not empty.
        }
      }
      for (String record : records) {
        Layout.deleteQuietly(directory, record);
      }
    }
    parent.deleteDirectory(name);
    Layout.dropLongNameRecord(parent, name);
  }
}
