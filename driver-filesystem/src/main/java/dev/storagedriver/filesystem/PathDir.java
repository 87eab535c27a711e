package dev.storagedriver.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory as a path, for file systems without {@link java.nio.file.SecureDirectoryStream} (the Windows
 * provider) or whose secure stream cannot replace a file atomically (Jimfs). Each directory on the way was
 * checked not to be a link when this was resolved, and each call here uses {@link LinkOption#NOFOLLOW_LINKS} on
 * its last name; a link swapped in between a check and a call is not caught. The module README says so.
 */
final class PathDir implements Dir {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final Logger log = LoggerFactory.getLogger(PathDir.class);
  private static final AtomicBoolean warnedNonAtomic = new AtomicBoolean();

  private final Path path;
  private final boolean directorySync;

  PathDir(Path path, boolean directorySync) {
    this.path = path;
    this.directorySync = directorySync;
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public BasicFileAttributes stat(String name) throws IOException {
    return Files.readAttributes(path.resolve(name), BasicFileAttributes.class, NOFOLLOW);
  }

  @Override
  public BasicFileAttributes attributes() throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
  }

  @Override
  public FileChannel open(String name, Set<? extends OpenOption> options) throws IOException {
    Set<OpenOption> nofollow = new HashSet<>(options);
    nofollow.add(LinkOption.NOFOLLOW_LINKS);
    return FileChannel.open(path.resolve(name), nofollow);
  }

  @Override
  public PathDir openDirectory(String name) throws IOException {
    Path child = path.resolve(name);
    if (!Files.readAttributes(child, BasicFileAttributes.class, NOFOLLOW).isDirectory()) {
      throw new NoSuchFileException(child.toString());
    }
    return new PathDir(child, directorySync);
  }

  @Override
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        names.add(Dir.nameOf(entry));
      }
    }
    return names;
  }

  @Override
  public void deleteFile(String name) throws IOException {
    Path p = path.resolve(name);
    if (Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW).isDirectory()) {
      throw new java.nio.file.FileSystemException(p.toString(), null, "is a directory");
    }
    Files.delete(p);
  }

  @Override
  public void deleteDirectory(String name) throws IOException {
    Path p = path.resolve(name);
    if (!Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW).isDirectory()) {
      throw new java.nio.file.NotDirectoryException(p.toString());
    }
    Files.delete(p);
  }

  @Override
  public void move(String name, Dir target, String targetName) throws IOException {
    Path source = path.resolve(name);
    Path destination = target.path().resolve(targetName);
    try {
      // Jimfs honours REPLACE_EXISTING alongside ATOMIC_MOVE; the default provider ignores it (rename(2) replaces).
      Files.move(source, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      if (warnedNonAtomic.compareAndSet(false, true)) {
        log.warn("the file system of {} has no atomic rename; replacing files is not atomic there", destination);
      }
      Files.move(source, destination, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void createDirectory(String name) throws IOException {
    Files.createDirectory(path.resolve(name));
  }

  @Override
  public void sync() throws IOException {
    if (!directorySync) {
      return;
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  @Override
  public void setModifiedTime(String name, FileTime time) throws IOException {
    Files.getFileAttributeView(path.resolve(name), BasicFileAttributeView.class, NOFOLLOW).setTimes(time, null, null);
  }

  @Override
  public String storedName(String name) throws IOException {
    return path.resolve(name).toRealPath(NOFOLLOW).getFileName().toString();
  }

  @Override
  public PathDir reopen() {
    return this;
  }

  @Override
  public void close() {
    // nothing held
  }
}
