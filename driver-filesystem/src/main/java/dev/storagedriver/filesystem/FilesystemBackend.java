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
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filesystem driver's operations over a {@link Layout}. Every operation acts relative to an open directory
 * ({@link Dir}) and never follows a link. Every change to visible content is a rename of a fully written, forced
 * file, followed by a sync of the directory that received it; see the module README for what a crash can leave.
 */
final class FilesystemBackend implements StorageBackend {
  static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
  static final Set<OpenOption> CREATE_NEW =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
  static final Set<OpenOption> WRITE = Set.of(StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

  private static final Logger log = LoggerFactory.getLogger(FilesystemBackend.class);

  /**
   * A temporary file untouched this long belongs to a process that died: putContent takes seconds, and a writer
   * session idle for a day is abandoned. (A killed session's bytes are not resumable; only closed ones are.)
   */
  private static final Duration STALE_TEMPORARY = Duration.ofDays(1);
  /** How often a step is retried when a concurrent delete pruned a directory, or a kept handle was dropped. */
  private static final int ATTEMPTS = 10;

  private final Layout layout;
  private final DurableFiles files;
  private final int maxThreads;
  private final Set<Capability> capabilities;

  private FilesystemBackend(Layout layout, DurableFiles files, int maxThreads) {
    this.layout = layout;
    this.files = files;
    this.maxThreads = maxThreads;
    EnumSet<Capability> offered = EnumSet.of(Capability.RESUMABLE_APPEND, Capability.NATIVE_WALK);
    if (layout.folding()) {
      offered.add(Capability.NAME_FOLDING);
    }
    this.capabilities = offered;
  }

  static FilesystemBackend open(Path root, int maxThreads) throws IOException {
    return open(root, maxThreads, true);
  }

  /** {@code allowHandles} false forces path-checked resolution, as on a file system without secure streams. */
  static FilesystemBackend open(Path root, int maxThreads, boolean allowHandles) throws IOException {
    return open(root, maxThreads, allowHandles, Layout.OPEN_DIRECTORIES);
  }

  /** {@code openDirectories}: how many directory handles to keep (tests of eviction keep few). */
  static FilesystemBackend open(Path root, int maxThreads, boolean allowHandles, int openDirectories)
      throws IOException {
    Layout layout = Layout.open(root, allowHandles, openDirectories);
    FilesystemBackend backend = new FilesystemBackend(layout, new DurableFiles(), maxThreads);
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

  /** A step of an operation inside one directory, on one of its entries. */
  private interface InDirectory<T> {
    T apply(Dir directory, String name) throws IOException;
  }

  /** A step of an operation on one directory. */
  private interface OnDirectory<T> {
    T apply(Dir directory) throws IOException;
  }

  /**
   * Runs {@code step} in the directory holding {@code path}'s last segment, with that segment's on-disk name;
   * see {@link #onDirectory}.
   */
  private <T> T inParent(String path, InDirectory<T> step) throws IOException {
    String name = layout.existingName(path);
    return onDirectory(StoragePaths.parent(path), directory -> step.apply(directory, name));
  }

  /**
   * Runs {@code step} on the existing directory {@code path}. A kept handle that turns out stale (its directory
   * deleted or renamed since) is replaced and the step tried again; so is one dropped from the cache under the
   * step (every step is a single system call's effect, or starts over harmlessly).
   */
  private <T> T onDirectory(String path, OnDirectory<T> step) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Dir directory = layout.directory(path);
      try {
        return step.apply(directory);
      } catch (NoSuchFileException e) {
        if (attempt < ATTEMPTS && layout.refresh(path, directory)) {
          continue;
        }
        throw e;
      } catch (ClosedDirectoryStreamException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    return inParent(path, (directory, name) -> {
      FileChannel channel = openFile(directory, name, path);
      try (channel) {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
          throw new DriverException(name(), path, ErrorCode.UNKNOWN,
              path + " holds " + size + " bytes, too many for one array; read it with reader()", null);
        }
        byte[] content = new byte[(int) size];
        int offset = 0;
        while (offset < content.length) {
          int n = channel.read(ByteBuffer.wrap(content, offset,
              Math.min(DurableFiles.MAX_IO, content.length - offset)));
          if (n < 0) {
            break;
          }
          offset += n;
        }
        if (size == 0) {
          // A directory opens too, and reports a size; reading it fails. Ask the entry itself when empty.
          requireFile(directory, name, path);
        }
        return offset == content.length ? content : Arrays.copyOf(content, offset);
      } catch (NoSuchFileException | DriverException e) {
        throw e;
      } catch (IOException e) {
        // A directory opens on POSIX and fails on read: not a file at this path.
        throw notAFileOr(directory, name, path, e);
      }
    });
  }

  /** Opens the regular file {@code name} of {@code directory} for reading; a link or nothing is not found. */
  private FileChannel openFile(Dir directory, String name, String path) throws IOException {
    FileChannel channel;
    try {
      channel = directory instanceof SecureDir ? ((SecureDir) directory).openForReading(name)
          : directory.open(name, READ);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw notAFileOr(directory, name, path, e); // ELOOP: a link
    }
    if (layout.folding() && !layout.storedExactly(directory, name)) {
      channel.close();
      throw new NoSuchFileException(path);
    }
    return channel;
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    Dir tmp = layout.tmp();
    String temporary = Layout.newTempName();
    try {
      files.writeNew(tmp, temporary, content);
      moveIntoPlace(tmp, temporary, path);
    } catch (IOException | RuntimeException e) {
      Layout.deleteQuietly(tmp, temporary);
      layout.pruneEmptyParents(path);
      throw e;
    }
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    FileChannel channel = inParent(path, (directory, name) -> {
      requireFile(directory, name, path);
      return openFile(directory, name, path);
    });
    try {
      // The size of the open file, not of the path: a replacement renamed in meanwhile does not affect this stream.
      long size = channel.size();
      if (offset > size) {
        throw new InvalidOffsetException(name(), path, offset);
      }
      channel.position(offset);
      // An unclosed stream's channel is closed when it becomes unreachable: FileChannel registers a Cleaner.
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
    for (int attempt = 1; ; attempt++) {
      try {
        layout.checkParents(path);
        break;
      } catch (ClosedDirectoryStreamException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
    String pending = Layout.pendingName(path);
    String session = Layout.newTempName();
    Dir tmp = layout.tmp();
    Dir uploads = layout.uploads();
    if (append) {
      try {
        uploads.move(pending, tmp, session);
      } catch (NoSuchFileException e) {
        rejectCommittedContent(path);
        return newSession(path, tmp, session);
      }
      FileChannel channel = tmp.open(session, WRITE);
      long size = channel.size();
      channel.position(size);
      return new FilesystemWriter(this, path, tmp, session, channel, size);
    }
    try {
      uploads.deleteFile(pending);
    } catch (NoSuchFileException e) {
      // no pending write
    }
    return newSession(path, tmp, session);
  }

  private FileWriter newSession(String path, Dir tmp, String session) throws IOException {
    FileChannel channel = tmp.open(session, CREATE_NEW);
    return new FilesystemWriter(this, path, tmp, session, channel, 0);
  }

  /** Makes the forced session file the content of {@code path}: the writer's commit. */
  void commitSession(Dir tmp, String session, String path) throws IOException {
    try {
      moveIntoPlace(tmp, session, path);
    } catch (IOException | RuntimeException e) {
      layout.pruneEmptyParents(path);
      throw e;
    }
  }

  /**
   * Keeps the forced session file as the pending write of {@code path}, replacing any other (the later close
   * wins): the writer's close without commit.
   */
  void suspendSession(Dir tmp, String session, String path) throws IOException {
    Dir uploads = layout.uploads();
    tmp.move(session, uploads, Layout.pendingName(path));
    uploads.sync();
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    if (StoragePaths.ROOT.equals(path)) {
      return FileInfo.directory(path, layout.rootDir().attributes().lastModifiedTime().toInstant());
    }
    BasicFileAttributes attributes = inParent(path, (directory, name) -> {
      BasicFileAttributes found = directory.stat(name);
      if (layout.folding() && !layout.storedExactly(directory, name)) {
        throw new NoSuchFileException(path);
      }
      return found;
    });
    Instant modTime = attributes.lastModifiedTime().toInstant();
    if (attributes.isRegularFile()) {
      return FileInfo.file(path, attributes.size(), modTime);
    }
    if (attributes.isDirectory() && onDirectory(path, directory -> hasVisibleEntry(path, directory))) {
      return FileInfo.directory(path, modTime);
    }
    throw new NoSuchFileException(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    List<String> children = onDirectory(path, directory -> {
      List<String> visible = new ArrayList<>();
      for (String name : directory.names()) {
        String segment = visibleSegment(directory, path, name);
        if (segment != null) {
          visible.add(StoragePaths.child(path, segment));
        }
      }
      return visible;
    });
    if (children.isEmpty() && !StoragePaths.ROOT.equals(path)) {
      throw new NoSuchFileException(path); // an empty directory is no directory
    }
    return children;
  }

  /**
   * The segment entry {@code name} of {@code directory} shows as, or null: the driver's own entries are
   * skipped; a name no valid path can have (made by another program) is reported in the log, never shown as
   * something it is not, and never deleted by a recursive delete (which then says so).
   */
  String visibleSegment(Dir dir, String directory, String name) {
    String segment = layout.segmentOf(dir, name);
    if (segment == null && !Layout.isOwn(directory, name)) {
      log.warn("{} holds an entry whose name is not the encoding of any valid path segment, so it is not shown: "
          + "\"{}\" (made by another program? see driver-filesystem/README.md, Names)", layout.root().resolve(
              directory.substring(1)), StoragePaths.printable(name));
    }
    return segment;
  }

  private boolean hasVisibleEntry(String path, Dir directory) throws IOException {
    for (String name : directory.names()) {
      if (layout.segmentOf(directory, name) != null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void move(String source, String destination) throws IOException {
    inParent(source, (directory, name) -> {
      requireFile(directory, name, source);
      if (source.equals(destination)) {
        return null;
      }
      try {
        moveIntoPlace(directory, name, destination);
      } catch (IOException | RuntimeException e) {
        layout.pruneEmptyParents(destination);
        throw e;
      }
      Layout.dropLongNameRecord(directory, name);
      sync(StoragePaths.parent(source), directory);
      return null;
    });
    if (!source.equals(destination)) {
      layout.pruneEmptyParents(source);
    }
  }

  @Override
  public void delete(String path) throws IOException {
    inParent(path, (directory, name) -> {
      BasicFileAttributes attributes = directory.stat(name);
      if (layout.folding() && !layout.storedExactly(directory, name)) {
        throw new NoSuchFileException(path);
      }
      if (attributes.isDirectory()) {
        try (Dir target = directory.openDirectory(name)) {
          if (!hasVisibleEntry(path, target)) {
            throw new NoSuchFileException(path);
          }
        }
        layout.forgetTree(path);
        // On a handle of its own: once deleting has begun, a kept handle dropped meanwhile must not make the
        // operation start over and find the half-deleted directory empty.
        try (Dir parent = directory.reopen()) {
          Trees.delete(this, parent, name, path);
        }
        layout.forgetTree(path);
      } else {
        directory.deleteFile(name); // a file, or a link: the link itself goes, never what it points to
        Layout.dropLongNameRecord(directory, name);
      }
      return null;
    });
    layout.pruneEmptyParents(path);
  }

  @Override
  public void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException {
    // A handle of the walk's own: a kept one may be dropped from the cache while the walk runs.
    Dir start = onDirectory(path, Dir::reopen); // a file, a link or nothing: no directory to walk
    try {
      NativeWalk.walk(this, path, start, visitor, options);
    } finally {
      start.close();
    }
  }

  @Override
  public void close() {
    layout.close();
  }

  /**
   * Renames {@code name} of {@code source} onto {@code path}, creating its directories. A concurrent delete may
   * prune a directory between its creation here and the rename; then the rename fails for want of a parent and
   * is tried again.
   */
  private void moveIntoPlace(Dir source, String name, String path) throws IOException {
    String parentPath = StoragePaths.parent(path);
    String segment = StoragePaths.name(path);
    String target = layout.diskName(segment);
    for (int attempt = 1; ; attempt++) {
      Dir parent;
      try {
        parent = layout.createDirectories(parentPath, path);
      } catch (ClosedDirectoryStreamException e) {
        if (attempt < ATTEMPTS) {
          continue; // a kept handle dropped under us: resolve again
        }
        throw e;
      }
      try {
        if (layout.folding()) {
          rejectFoldedTwin(parent, target, path);
        }
        if (Layout.isLongName(target)) {
          layout.ensureLongNameRecord(parent, target, segment, files);
        }
        source.move(name, parent, target);
      } catch (NoSuchFileException e) {
        if (attempt < ATTEMPTS && exists(source, name)) {
          layout.refresh(parentPath, parent);
          continue;
        }
        throw e;
      } catch (ClosedDirectoryStreamException e) {
        if (attempt < ATTEMPTS) {
          continue;
        }
        throw e;
      } catch (IOException e) {
        if (isDirectory(parent, target)) {
          throw new DriverException(name(), path, ErrorCode.CONFLICT,
              "cannot write " + StoragePaths.printable(path) + ": it is a directory", e);
        }
        throw e;
      }
      sync(parentPath, parent);
      return;
    }
  }

  /**
   * Forces {@code directory} (the directory at {@code path}) after a rename into or out of it. The rename is
   * done, so a kept handle dropped meanwhile must not fail the operation: the directory is found again instead.
   */
  private void sync(String path, Dir directory) throws IOException {
    try {
      directory.sync();
    } catch (ClosedDirectoryStreamException e) {
      try {
        layout.directory(path).sync();
      } catch (NoSuchFileException | ClosedDirectoryStreamException gone) {
        // deleted meanwhile: nothing of it left to force
      }
    }
  }

  /** On a folding file system, writing {@code /A} where {@code /a} is stored would replace it: a conflict. */
  private void rejectFoldedTwin(Dir parent, String target, String path) throws IOException {
    try {
      parent.stat(target);
    } catch (NoSuchFileException e) {
      return;
    }
    if (!layout.storedExactly(parent, target)) {
      throw new DriverException(name(), path, ErrorCode.CONFLICT, "cannot write " + StoragePaths.printable(path)
          + ": this file system does not tell it from \"" + parent.storedName(target)
          + "\", which is stored beside it (names differing only in case fold onto one file here)", null);
    }
  }

  private static boolean exists(Dir directory, String name) throws IOException {
    try {
      directory.stat(name);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static boolean isDirectory(Dir directory, String name) {
    try {
      return directory.stat(name).isDirectory();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private void rejectCommittedContent(String path) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = inParent(path, Dir::stat);
    } catch (NoSuchFileException e) {
      return; // nothing committed: a new write
    }
    if (!attributes.isRegularFile() || attributes.size() > 0) {
      throw new DriverException(name(), path, ErrorCode.CONFLICT, "cannot append to " + path
          + ": it has no uncommitted write and its committed content is not empty", null);
    }
  }

  private void requireFile(Dir directory, String name, String path) throws IOException {
    if (!directory.stat(name).isRegularFile() || (layout.folding() && !layout.storedExactly(directory, name))) {
      throw new NoSuchFileException(path);
    }
  }

  private IOException notAFileOr(Dir directory, String name, String path, IOException failure) {
    try {
      requireFile(directory, name, path);
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
    try {
      Dir tmp = layout.tmp();
      for (String entry : tmp.names()) {
        try {
          if (tmp.stat(entry).lastModifiedTime().toInstant().isBefore(cutoff)) {
            tmp.deleteFile(entry);
          }
        } catch (IOException e) {
          // best effort: a leftover temporary is invisible, only wasted space
        }
      }
      Dir root = layout.rootDir();
      for (String entry : root.names()) {
        if (SecureDir.isNewDirectoryName(entry)) {
          try {
            root.deleteDirectory(entry); // a directory being created when a process died; empty
          } catch (IOException e) {
            // same
          }
        }
      }
    } catch (IOException e) {
      // same
    }
  }
}
