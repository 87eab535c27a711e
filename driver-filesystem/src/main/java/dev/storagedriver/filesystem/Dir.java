package dev.storagedriver.filesystem;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

/**
 * A directory of the store, open, and every operation on an entry of it by its on-disk name, never following a
 * link at that name. With {@link SecureDir} the directory is an open handle and each call is relative to it (the
 * {@code *at} system calls), so renaming or replacing anything on the way to it cannot redirect the call; with
 * {@link PathDir} (a file system without {@link java.nio.file.SecureDirectoryStream}) it is a path whose
 * ancestors were checked when it was resolved.
 */
interface Dir extends Closeable {
  /** Where the directory was found, for messages. */
  Path path();

  /** The attributes of entry {@code name} itself (a link is reported as a link). */
  BasicFileAttributes stat(String name) throws IOException;

  /** The attributes of this directory. */
  BasicFileAttributes attributes() throws IOException;

  /** Opens entry {@code name}; a link there fails to open. */
  FileChannel open(String name, Set<? extends OpenOption> options) throws IOException;

  /**
   * The subdirectory {@code name}; {@link NoSuchFileException} if it is missing, a file or a link. The caller
   * closes it.
   */
  Dir openDirectory(String name) throws IOException;

  /**
   * The names of the entries, as on disk. A name Java cannot decode exactly (bytes that are not UTF-8) comes back
   * starting with NUL, which no encoded name holds, followed by its bytes {@code %}-escaped.
   */
  List<String> names() throws IOException;

  /** Removes the file or link {@code name}. */
  void deleteFile(String name) throws IOException;

  /** Removes the empty directory {@code name}. */
  void deleteDirectory(String name) throws IOException;

  /** Renames entry {@code name} to {@code targetName} in {@code target}, atomically replacing a file there. */
  void move(String name, Dir target, String targetName) throws IOException;

  /** Creates the directory {@code name} here, where no entry of that name exists. */
  void createDirectory(String name) throws IOException;

  /** Forces the directory's entries to the device, where the file system can. */
  void sync() throws IOException;

  /** Sets the modification time of entry {@code name}, not following a link. */
  void setModifiedTime(String name, FileTime time) throws IOException;

  /** The name entry {@code name} has on disk, which differs in case only on a case-insensitive file system. */
  String storedName(String name) throws IOException;

  /** Another handle of this directory, independent of this one (the caller closes it). */
  Dir reopen() throws IOException;

  /** Releases the handle, if any. */
  @Override
  void close();

  /**
   * The name of a directory entry as {@link #names()} reports it: the entry's string, unless that string does not
   * name the entry again (Java decoded bytes that are not UTF-8 into replacement characters).
   */
  static String nameOf(Path entry) {
    Path name = entry.getFileName();
    String s = name.toString();
    if (s.indexOf('\uFFFD') < 0 || name.equals(name.getFileSystem().getPath(s))) {
      return s;
    }
    String raw = entry.toUri().getRawPath();
    if (raw.endsWith("/")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    return "\0" + raw.substring(raw.lastIndexOf('/') + 1);
  }
}
