package dev.storagedriver.filesystem;

import dev.storagedriver.Capability;
import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.InvalidOffsetException;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The filesystem driver's operations over a {@link Layout}. Every change to visible content is a rename of a
 * fully written, forced file, followed by a sync of the directory that received it; see the module README for
 * what a crash can leave.
 */
final class FilesystemBackend implements StorageBackend {
  static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  /**
   * A temporary file untouched this long belongs to a process that died: putContent takes seconds, and a writer
   * session idle for a day is abandoned. (A killed session's bytes are not resumable; only closed ones are.)
   */
  private static final Duration STALE_TEMPORARY = Duration.ofDays(1);
  /** How often a rename is retried when a concurrent delete pruned the directory just made for it. */
  private static final int MOVE_ATTEMPTS = 10;

  private final Layout layout;
  private final DurableFiles files;
  private final int maxThreads;
  private final Set<Capability> capabilities;

  private FilesystemBackend(Layout layout, DurableFiles files, int maxThreads) {
    this.layout = layout;
    this.files = files;
    this.maxThreads = maxThreads;
    this.capabilities = EnumSet.of(Capability.RESUMABLE_APPEND, Capability.NATIVE_WALK);
  }

  static FilesystemBackend open(Path root, int maxThreads) throws IOException {
    Layout layout = Layout.open(root);
    FilesystemBackend backend = new FilesystemBackend(layout, DurableFiles.probe(layout.root()), maxThreads);
    backend.removeStaleTemporaries();
    return backend;
  }

  @Override
  public String name() {
    return FilesystemDriver.NAME;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public int maxConcurrentOperations() {
    return maxThreads;
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    Path file = requireFile(path);
    try (FileChannel channel = FileChannel.open(file, READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new DriverException(name(), path, ErrorCode.UNKNOWN,
            path + " holds " + size + " bytes, too many for one array; read it with reader()", null);
      }
      byte[] content = new byte[(int) size];
      int offset = 0;
      while (offset < content.length) {
        int n = channel.read(ByteBuffer.wrap(content, offset, Math.min(DurableFiles.MAX_IO, content.length - offset)));
        if (n < 0) {
          break;
        }
        offset += n;
      }
      return offset == content.length ? content : Arrays.copyOf(content, offset);
    } catch (NoSuchFileException | DriverException e) {
      throw e;
    } catch (IOException e) {
      // A directory opens on POSIX and fails on read; a link fails to open: neither is a file at this path.
      throw notAFileOr(path, file, e);
    }
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    Path temporary = layout.newTempFile();
    try {
      files.writeNew(temporary, content);
      moveIntoPlace(temporary, path);
    } catch (IOException e) {
      cleanUpFailedPut(temporary, path);
      throw e;
    } catch (RuntimeException e) {
      cleanUpFailedPut(temporary, path);
      throw e;
    }
  }

  private void cleanUpFailedPut(Path temporary, String path) {
    DurableFiles.deleteQuietly(temporary);
    layout.pruneEmptyParents(path);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    Path file = requireFile(path);
    FileChannel channel = FileChannel.open(file, READ);
    try {
      // The size of the open file, not of the path: a replacement renamed in meanwhile does not affect this stream.
      long size = channel.size();
      if (offset > size) {
        throw new InvalidOffsetException(name(), path, offset);
      }
      channel.position(offset);
      return Channels.newInputStream(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * A writer session on a private file, so that concurrent writers to one path never mix their bytes: the last
   * commit wins whole. Resuming claims the pending write by renaming it to the session's file; of two sessions
   * resuming at once, one gets it and the other starts empty.
   */
  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    layout.checkParents(path);
    Path pending = layout.pending(path);
    Path session = layout.newTempFile();
    if (append) {
      try {
        Files.move(pending, session, StandardCopyOption.ATOMIC_MOVE);
      } catch (NoSuchFileException e) {
        rejectCommittedContent(path);
        return newSession(path, session);
      }
      FileChannel channel = FileChannel.open(session, StandardOpenOption.WRITE);
      long size = channel.size();
      channel.position(size);
      return new FilesystemWriter(this, path, session, channel, size);
    }
    Files.deleteIfExists(pending);
    return newSession(path, session);
  }

  private FileWriter newSession(String path, Path session) throws IOException {
    FileChannel channel = FileChannel.open(session, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new FilesystemWriter(this, path, session, channel, 0);
  }

  /** Makes the forced session file the content of {@code path}: the writer's commit. */
  void commitSession(Path session, String path) throws IOException {
    try {
      moveIntoPlace(session, path);
    } catch (IOException | RuntimeException e) {
      layout.pruneEmptyParents(path);
      throw e;
    }
  }

  /**
   * Keeps the forced session file as the pending write of {@code path}, replacing any other (the later close
   * wins): the writer's close without commit.
   */
  void suspendSession(Path session, String path) throws IOException {
    files.replace(session, layout.pending(path));
    files.syncDirectory(layout.uploadsDirectory());
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    boolean isRoot = StoragePaths.ROOT.equals(path);
    Path p = isRoot ? layout.root() : layout.resolve(path);
    BasicFileAttributes attributes = isRoot
        ? Files.readAttributes(p, BasicFileAttributes.class, Layout.NOFOLLOW) : layout.attributes(path, p);
    Instant modTime = attributes.lastModifiedTime().toInstant();
    if (attributes.isRegularFile()) {
      return FileInfo.file(path, attributes.size(), modTime);
    }
    if (attributes.isDirectory() && (isRoot || Layout.hasVisibleEntry(p))) {
      return FileInfo.directory(path, modTime);
    }
    throw new NoSuchFileException(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    boolean isRoot = StoragePaths.ROOT.equals(path);
    Path directory = isRoot ? layout.root() : layout.resolve(path);
    if (!isRoot && !layout.attributes(path, directory).isDirectory()) {
      throw new NoSuchFileException(path);
    }
    List<String> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (Layout.isVisibleName(name)) {
          children.add(StoragePaths.child(path, name));
        }
      }
    }
    if (children.isEmpty() && !isRoot) {
      throw new NoSuchFileException(path); // an empty directory is no directory
    }
    return children;
  }

  @Override
  public void move(String source, String destination) throws IOException {
    Path from = layout.existing(source);
    requireFile(source, from);
    if (source.equals(destination)) {
      return;
    }
    try {
      moveIntoPlace(from, destination);
    } catch (IOException | RuntimeException e) {
      layout.pruneEmptyParents(destination);
      throw e;
    }
    files.syncDirectory(from.getParent());
    layout.pruneEmptyParents(source);
  }

  @Override
  public void delete(String path) throws IOException {
    Path target = layout.existing(path);
    BasicFileAttributes attributes = Files.readAttributes(target, BasicFileAttributes.class, Layout.NOFOLLOW);
    if (attributes.isDirectory()) {
      if (!Layout.hasVisibleEntry(target)) {
        throw new NoSuchFileException(path);
      }
      Trees.delete(target);
    } else {
      Files.delete(target); // a file, or a link: the link itself goes, never what it points to
    }
    layout.pruneEmptyParents(path);
  }

  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    boolean isRoot = StoragePaths.ROOT.equals(path);
    Path start = isRoot ? layout.root() : layout.resolve(path);
    if (!isRoot && !layout.attributes(path, start).isDirectory()) {
      throw new NoSuchFileException(path); // a file, a link or nothing: no directory to walk
    }
    NativeWalk.walk(path, start, visitor, options);
  }

  @Override
  public void close() {
    // Nothing held: every operation opens and closes its own files.
  }

  /**
   * Renames {@code source} onto {@code path}, creating its directories. A concurrent delete may prune a directory
   * between its creation here and the rename; then the rename fails for want of a parent and is tried again.
   */
  private void moveIntoPlace(Path source, String path) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Path target = layout.createParents(path);
      try {
        files.replace(source, target);
      } catch (NoSuchFileException e) {
        if (attempt < MOVE_ATTEMPTS && Files.exists(source, Layout.NOFOLLOW)) {
          continue;
        }
        throw e;
      } catch (IOException e) {
        if (Files.isDirectory(target, Layout.NOFOLLOW)) {
          throw new DriverException(name(), path, ErrorCode.CONFLICT,
              "cannot write " + path + ": it is a directory", e);
        }
        throw e;
      }
      files.syncDirectory(target.getParent());
      return;
    }
  }

  private void rejectCommittedContent(String path) throws IOException {
    Path file = layout.resolve(path);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, Layout.NOFOLLOW);
    } catch (NoSuchFileException e) {
      return; // nothing committed: a new write
    }
    if (!attributes.isRegularFile() || attributes.size() > 0) {
      throw new DriverException(name(), path, ErrorCode.CONFLICT, "cannot append to " + path
          + ": it has no uncommitted write and its committed content is not empty", null);
    }
  }

  /** The file at {@code path} for reading: a regular file reached through real directories only. */
  private Path requireFile(String path) throws IOException {
    Path file = layout.resolve(path);
    if (!layout.attributes(path, file).isRegularFile()) {
      throw new NoSuchFileException(path);
    }
    return file;
  }

  private static void requireFile(String path, Path file) throws IOException {
    if (!Files.readAttributes(file, BasicFileAttributes.class, Layout.NOFOLLOW).isRegularFile()) {
      throw new NoSuchFileException(path);
    }
  }

  private static IOException notAFileOr(String path, Path file, IOException failure) {
    try {
      requireFile(path, file);
      return failure;
    } catch (NoSuchFileException e) {
      return e;
    } catch (IOException e) {
      failure.addSuppressed(e);
      return failure;
    }
  }

  private void removeStaleTemporaries() {
    Instant cutoff = Instant.now().minus(STALE_TEMPORARY);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.tmpDirectory())) {
      for (Path entry : entries) {
        try {
          if (Files.getLastModifiedTime(entry, Layout.NOFOLLOW).toInstant().isBefore(cutoff)) {
            Files.deleteIfExists(entry);
          }
        } catch (IOException e) {
          // best effort: a leftover temporary is invisible, only wasted space
        }
      }
    } catch (IOException e) {
      // same
    }
  }
}
