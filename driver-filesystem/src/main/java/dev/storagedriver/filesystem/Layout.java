package dev.storagedriver.filesystem;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.StoragePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Where things live under the root directory, and how a storage path is found there without ever following a
 * link.
 *
 * <p>A storage path {@code /a/b} is the file {@code <root>/a/b}, each segment under its on-disk name ({@link
 * Names}). The driver's own files live in {@code <root>/~tmp} (files being written: by {@code putContent}, and by
 * each writer session) and {@code <root>/~uploads} (uncommitted writes that a session closed, to be resumed);
 * directories being created pass through {@code <root>/~d<random>}. No encoded name starts with {@code '~'}, so
 * no valid path reaches them.
 *
 * <p><b>Resolution.</b> Every operation acts relative to the open directory holding its last segment ({@link
 * Dir}), reached from the root's handle one segment at a time, each opened without following a link. Where the
 * file system offers {@link java.nio.file.SecureDirectoryStream} with an atomic, replacing move ({@link SecureDir};
 * Linux, macOS), directory handles are kept, keyed by storage path, up to {@value #OPEN_DIRECTORIES}; a kept handle
 * is used only after one system call confirms that its ancestor at its depth is still the root ({@link
 * SecureDir#located}), and at least once a second its names are checked level by level, so that a directory
 * another program renamed within the root stops answering for its old path. Elsewhere ({@link PathDir}) each
 * operation checks every directory on the way, by path.
 */
final class Layout {
  /** Directory handles kept; each holds two descriptors. */
  static final int OPEN_DIRECTORIES = 1024;
  /** How long a kept handle's names are trusted before they are checked again, level by level. */
  private static final long NAMES_TRUSTED_NANOS = TimeUnit.SECONDS.toNanos(1);

  static final String TMP = "~tmp";
  static final String UPLOADS = "~uploads";
  private static final String LONG_NAME = "~L";
  private static final String LONG_NAME_RECORD = "~N";

  private final Path root;
  private final Dir rootDir;
  private final boolean secure;
  private final boolean directorySync;
  private final Names names;
  private final boolean folding;
  private final DurableFiles files;
  private final Map<String, Kept> handles = new ConcurrentHashMap<>();
  private final int openDirectories;
  private final Reserved tmp;
  private final Reserved uploads;

  /** A kept handle and when its names were last confirmed. */
  private static final class Kept {
    final SecureDir dir;
    volatile long namesCheckedAt;

    Kept(SecureDir dir) {
      this.dir = dir;
      // Just resolved level by level, so its names are confirmed now; the first check is nevertheless due at a
      // random moment of the coming second rather than a second from now. That only checks sooner, never later,
      // and it spreads the checks of handles opened together instead of making them all due at once. It also
      // keeps the hot path fast: when the check first came due for all of them a second after start, the JIT's
      // compiled lookup, which had never seen it taken, was thrown away and the driver ran its slower code for
      // one to two seconds until it was compiled again (seen with -XX:+PrintCompilation; in the benchmarks'
      // quick mode that was the middle of the measurement).
      this.namesCheckedAt = System.nanoTime() - ThreadLocalRandom.current().nextLong(NAMES_TRUSTED_NANOS);
    }
  }

  private Layout(Path root, Dir rootDir, boolean secure, boolean directorySync, Names names, boolean folding,
      int openDirectories) throws IOException {
    this.openDirectories = openDirectories;
    this.root = root;
    this.rootDir = rootDir;
    this.secure = secure;
    this.directorySync = directorySync;
    this.names = names;
    this.folding = folding;
    this.files = new DurableFiles();
    this.tmp = new Reserved(TMP);
    this.uploads = new Reserved(UPLOADS);
  }

  /**
   * Creates the root and the driver's own directories if missing (the root may itself be reached by a link),
   * and decides, by trying, how this file system is used: handles or paths, which names to escape, whether names
   * fold. {@code allowHandles} false forces paths (tests of that mode).
   */
  static Layout open(Path root, boolean allowHandles, int openDirectories) throws IOException {
    Files.createDirectories(root);
    Path real = root.toRealPath();
    for (String own : new String[] {TMP, UPLOADS}) {
      // Directly in the root, by its real path: nothing inside the root lies on the way.
      try {
        Files.createDirectory(real.resolve(own));
      } catch (FileAlreadyExistsException e) {
        // kept from before
      }
    }
    boolean directorySync = canSyncDirectories(real);
    SecureDir secureRoot = allowHandles ? SecureDir.openRoot(real) : null;
    Dir rootDir;
    boolean secure = false;
    if (secureRoot != null && replacesAtomically(secureRoot)) {
      rootDir = secureRoot;
      secure = true;
    } else {
      if (secureRoot != null) {
        secureRoot.close();
      }
      rootDir = new PathDir(real, directorySync);
    }
    Dir probeDir = rootDir.openDirectory(TMP);
    try {
      boolean windows = real.getFileSystem().getSeparator().equals("\\");
      boolean defaultFs = real.getFileSystem() == FileSystems.getDefault();
      boolean utf8Names = !defaultFs || windows || isUtf8(System.getProperty("sun.jnu.encoding"));
      boolean caseInsensitive = foldsCase(probeDir);
      boolean normalizing = utf8Names && normalizes(probeDir);
      boolean asciiOnly = windows || !utf8Names || caseInsensitive || normalizing;
      int maxName = defaultFs || windows ? 255 : Integer.MAX_VALUE;
      return new Layout(real, rootDir, secure, directorySync, new Names(windows, asciiOnly, maxName), caseInsensitive,
          openDirectories);
    } finally {
      probeDir.close();
    }
  }

  private static boolean isUtf8(String charset) {
    return charset != null && (charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("UTF8"));
  }

  /** Whether the secure stream's move replaces an existing file, as rename(2) does (Jimfs refuses). */
  private static boolean replacesAtomically(SecureDir root) throws IOException {
    try (SecureDir probe = root.openDirectory(TMP)) {
      String a = "probe-" + UUID.randomUUID();
      String b = "probe-" + UUID.randomUUID();
      probe.open(a, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)).close();
      probe.open(b, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)).close();
      try {
        probe.move(a, probe, b);
        return true;
      } catch (FileAlreadyExistsException | UnsupportedOperationException e) {
        return false;
      } finally {
        deleteQuietly(probe, a);
        deleteQuietly(probe, b);
      }
    } catch (UnsupportedOperationException e) {
      return false; // no FileChannel from the secure stream
    }
  }

  private static boolean foldsCase(Dir dir) throws IOException {
    String name = "probe-" + UUID.randomUUID();
    dir.open(name, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)).close();
    try {
      dir.stat(name.toUpperCase(Locale.ROOT));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } finally {
      deleteQuietly(dir, name);
    }
  }

  private static boolean normalizes(Dir dir) throws IOException {
    String name = "probe-\u00e9-" + UUID.randomUUID();
    try {
      dir.open(name, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)).close();
    } catch (java.nio.file.InvalidPathException e) {
      return true; // cannot even hold it as given
    }
    try {
      dir.stat(Normalizer.normalize(name, Normalizer.Form.NFD));
      return true;
    } catch (NoSuchFileException e) {
      return !dir.names().contains(name); // shown in another form than written
    } finally {
      deleteQuietly(dir, name);
    }
  }

  private static boolean canSyncDirectories(Path root) {
    try (java.nio.channels.FileChannel directory = java.nio.channels.FileChannel.open(root,
        StandardOpenOption.READ)) {
      directory.force(true);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  Path root() {
    return root;
  }

  Dir rootDir() {
    return rootDir;
  }

  boolean directorySync() {
    return directorySync;
  }

  /** Whether distinct valid paths can fold onto one file here (ASCII case). */
  boolean folding() {
    return folding;
  }

  Names names() {
    return names;
  }

  /** The driver's directory of files being written, where it is now. */
  Dir tmp() throws IOException {
    return tmp.current();
  }

  /** The driver's directory of closed, uncommitted writes, where it is now. */
  Dir uploads() throws IOException {
    return uploads.current();
  }

  /** One of the driver's own directories in the root, reopened when its handle is no longer where it was. */
  private final class Reserved {
    private final String name;
    private volatile Dir dir;

    Reserved(String name) throws IOException {
      this.name = name;
      this.dir = reserved(name);
    }

    Dir current() throws IOException {
      Dir seen = dir;
      if (inPlace(seen)) {
        return seen;
      }
      synchronized (this) {
        if (dir == seen) {
          dir = reserved(name);
        }
        return dir;
      }
    }

    /**
     * Whether {@code seen} is still the root's entry of this name: not moved out of the root, and not deleted
     * (by an operator cleaning up, say) or replaced, which left a handle of a directory nothing can be created
     * in. One {@code fstatat}, as the check of its ancestor was.
     */
    private boolean inPlace(Dir seen) throws IOException {
      BasicFileAttributes entry;
      try {
        entry = rootDir.stat(name);
      } catch (NoSuchFileException e) {
        return false;
      }
      return entry.isDirectory() && (!secure || entry.fileKey().equals(((SecureDir) seen).key()));
    }

    void close() {
      dir.close();
    }
  }

  /** Opens (creating it if missing) one of the driver's own directories in the root. */
  private Dir reserved(String name) throws IOException {
    try {
      return rootDir.openDirectory(name);
    } catch (NoSuchFileException e) {
      IOException notCreated = null;
      try {
        rootDir.createDirectory(name);
      } catch (IOException exists) {
        notCreated = exists; // made meanwhile, or a file or link is there: openDirectory says which
      }
      try {
        return rootDir.openDirectory(name);
      } catch (NoSuchFileException notADirectory) {
        if (notCreated != null) {
          notADirectory.addSuppressed(notCreated);
        }
        // Not the caller's path that is missing: the driver's own directory is something else now.
        throw new DriverException(FilesystemDriver.NAME, null, ErrorCode.CONFLICT, "the driver's own directory "
            + root.resolve(name) + " is a file or a link another program put there; move it away",
            notADirectory);
      }
    }
  }

  /** A fresh name for a temporary file in {@link #tmp()}. */
  static String newTempName() {
    return UUID.randomUUID().toString();
  }

  /**
   * The name, in {@link #uploads()}, of the closed, uncommitted write to {@code path}: its SHA-256, so that a new
   * driver instance finds it again, whatever the path's length.
   */
  static String pendingName(String path) {
    return sha256Hex(path);
  }

  /** The on-disk name of the last segment of {@code path}. */
  String existingName(String path) {
    return diskName(StoragePaths.name(path));
  }

  /**
   * The on-disk name of {@code segment}: its escape ({@link Names}), or, when that is longer than this file
   * system holds in one name, {@code ~L} and the SHA-256 of the segment, the segment itself recorded beside it
   * in {@code ~N} and the same hash ({@link #ensureLongNameRecord}). Both start with {@code '~'}, which no escape
   * does.
   */
  String diskName(String segment) {
    String encoded = names.encode(segment);
    return names.fits(encoded) ? encoded : LONG_NAME + sha256Hex(segment);
  }

  static boolean isLongName(String name) {
    return name.length() == LONG_NAME.length() + 64 && name.startsWith(LONG_NAME);
  }

  static String recordOf(String longName) {
    return LONG_NAME_RECORD + longName.substring(LONG_NAME.length());
  }

  /**
   * Writes the record of the long name {@code name} (of {@code segment}) into {@code directory}, unless there:
   * forced, then renamed in, so it is whole before the name it explains appears.
   */
  void ensureLongNameRecord(Dir directory, String name, String segment, DurableFiles files) throws IOException {
    String record = recordOf(name);
    try {
      directory.stat(record);
      return;
    } catch (NoSuchFileException e) {
      // write it
    }
    Dir scratch = tmp();
    String temporary = newTempName();
    try {
      files.writeNew(scratch, temporary, segment.getBytes(StandardCharsets.UTF_8));
      scratch.move(temporary, directory, record);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(scratch, temporary);
      throw e;
    }
  }

  /** Removes the record of {@code name} from {@code directory} if {@code name} is a long name. */
  static void dropLongNameRecord(Dir directory, String name) {
    if (isLongName(name)) {
      deleteQuietly(directory, recordOf(name));
    }
  }

  /**
   * The existing directory {@code directory} (the root or a valid path), opened relative to the root without
   * following any link; {@link NoSuchFileException} if it is missing or something on the way is a file or a
   * link. Kept handles are returned as they are (do not close them); others are new and also kept.
   */
  Dir directory(String directory) throws IOException {
    if (StoragePaths.ROOT.equals(directory)) {
      return rootDir;
    }
    if (!secure) {
      return resolveByPath(directory);
    }
    Kept kept = handles.get(directory);
    if (kept != null) {
      SecureDir dir = kept.dir;
      try {
        if (dir.located()) {
          if (System.nanoTime() - kept.namesCheckedAt < NAMES_TRUSTED_NANOS) {
            return dir;
          }
          if (stillNamed(directory, dir)) {
            kept.namesCheckedAt = System.nanoTime();
            return dir;
          }
        }
      } catch (ClosedDirectoryStreamException e) {
        // evicted meanwhile
      }
      forget(directory, kept);
    }
    String parentPath = StoragePaths.parent(directory);
    Dir parent = directory(parentPath); // not found there is not found here
    SecureDir opened;
    try {
      opened = (SecureDir) parent.openDirectory(existingName(directory));
    } catch (NoSuchFileException | ClosedDirectoryStreamException e) {
      if (parent == rootDir) {
        throw e;
      }
      opened = resolveFresh(directory); // the kept parent may be a directory deleted or renamed since
    }
    checkStoredName(directory, opened);
    return keep(directory, opened);
  }

  /** Resolves without any kept handle, from the root; the intermediate handles are closed. */
  private SecureDir resolveFresh(String directory) throws IOException {
    Dir current = rootDir;
    int start = 1;
    try {
      while (true) {
        int slash = directory.indexOf('/', start);
        int end = slash < 0 ? directory.length() : slash;
        String prefix = directory.substring(0, end);
        Dir next = current.openDirectory(existingName(prefix));
        if (current != rootDir) {
          current.close();
        }
        current = next;
        checkStoredName(prefix, current);
        if (slash < 0) {
          return (SecureDir) current;
        }
        start = end + 1;
      }
    } catch (IOException | RuntimeException e) {
      if (current != rootDir) {
        current.close();
      }
      throw e;
    }
  }

  /** Whether each kept handle from the root down to {@code dir} is still the entry of its name in the one above. */
  private boolean stillNamed(String directory, SecureDir dir) throws IOException {
    Dir parent = rootDir;
    int start = 1;
    while (true) {
      int slash = directory.indexOf('/', start);
      int end = slash < 0 ? directory.length() : slash;
      String prefix = directory.substring(0, end);
      SecureDir expected;
      if (slash < 0) {
        expected = dir;
      } else {
        Kept k = handles.get(prefix);
        if (k == null) {
          return false;
        }
        expected = k.dir;
      }
      String name = existingName(prefix);
      try {
        if (!parent.stat(name).fileKey().equals(expected.key())) {
          return false;
        }
      } catch (NoSuchFileException e) {
        return false;
      }
      if (slash < 0) {
        return true;
      }
      parent = expected;
      start = end + 1;
    }
  }

  private Dir keep(String directory, SecureDir opened) {
    Kept current = handles.get(directory);
    if (current != null && current.dir != opened && current.dir.key().equals(opened.key())) {
      // The same directory, freshly confirmed at this path: keep the handle other threads may be using, since
      // closing it would fail their calls (a move into a new subdirectory holds its source's handle meanwhile).
      opened.close();
      return current.dir;
    }
    Kept mine = new Kept(opened);
    Kept previous = handles.put(directory, mine);
    if (previous != null && previous.dir != opened) {
      previous.dir.close();
    }
    if (handles.size() > openDirectories) {
      // Forget an arbitrary eighth (hash order): cheaper than tracking recency; a forgotten handle costs one open.
      Iterator<Map.Entry<String, Kept>> it = handles.entrySet().iterator();
      for (int i = 0; i < Math.max(1, openDirectories / 8) && it.hasNext(); i++) {
        Map.Entry<String, Kept> e = it.next();
        if (e.getValue() != mine) {
          it.remove();
          e.getValue().dir.close();
        }
      }
    }
    return opened;
  }

  private void forget(String directory, Kept kept) {
    if (handles.remove(directory, kept)) {
      kept.dir.close(); // a thread still using it gets ClosedDirectoryStreamException, and retries
    }
  }

  /** Drops the kept handles of {@code directory} and everything below it (it was deleted). */
  void forgetTree(String directory) {
    if (!secure) {
      return;
    }
    String below = directory + "/";
    for (Iterator<Map.Entry<String, Kept>> it = handles.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Kept> e = it.next();
      if (e.getKey().equals(directory) || e.getKey().startsWith(below)) {
        it.remove();
        e.getValue().dir.close();
      }
    }
  }

  /**
   * After {@code dir} (from {@link #directory}) answered "no such file": whether it was a stale handle (a
   * directory deleted or renamed since), now replaced, so the operation should be tried once more.
   */
  boolean refresh(String directory, Dir dir) throws IOException {
    if (!secure || StoragePaths.ROOT.equals(directory)) {
      return false;
    }
    try {
      if (stillNamed(directory, (SecureDir) dir)) {
        return false;
      }
    } catch (ClosedDirectoryStreamException e) {
      return true;
    }
    Kept kept = handles.get(directory);
    if (kept != null && kept.dir == dir) {
      forget(directory, kept);
    }
    return true;
  }

  private Dir resolveByPath(String directory) throws IOException {
    Dir current = rootDir;
    int start = 1;
    while (true) {
      int slash = directory.indexOf('/', start);
      int end = slash < 0 ? directory.length() : slash;
      String prefix = directory.substring(0, end);
      current = current.openDirectory(existingName(prefix));
      checkStoredName(prefix, current);
      if (slash < 0) {
        return current;
      }
      start = end + 1;
    }
  }

  /** On a folding file system, a directory found under another case of its name is not this path's. */
  private void checkStoredName(String path, Dir found) throws IOException {
    if (folding && !found.path().getFileName().toString().equals(found.path().toRealPath(
        java.nio.file.LinkOption.NOFOLLOW_LINKS).getFileName().toString())) {
      throw new NoSuchFileException(path);
    }
  }

  /**
   * Whether entry {@code name} of {@code dir}, known to exist, is stored under exactly that name: always, except
   * on a folding file system, where another case of it may be what was found.
   */
  boolean storedExactly(Dir dir, String name) throws IOException {
    return !folding || dir.storedName(name).equals(name);
  }

  /**
   * The directory {@code directory}, created with its missing ancestors. An ancestor that is a file or a link
   * (or, on a folding file system, a directory under another case of the name) is a {@link ErrorCode#CONFLICT}
   * naming {@code path}, the path being written.
   */
  Dir createDirectories(String directory, String path) throws IOException {
    if (StoragePaths.ROOT.equals(directory)) {
      return rootDir;
    }
    try {
      return directory(directory);
    } catch (NoSuchFileException e) {
      // create what is missing, from the top
    }
    Dir parent = rootDir;
    int start = 1;
    while (true) {
      int slash = directory.indexOf('/', start);
      int end = slash < 0 ? directory.length() : slash;
      String prefix = directory.substring(0, end);
      parent = childCreated(parent, prefix, path);
      if (slash < 0) {
        return parent;
      }
      start = end + 1;
    }
  }

  /** The directory {@code directory}, an entry of {@code parent}, created if missing. */
  private Dir childCreated(Dir parent, String directory, String path) throws IOException {
    String name = diskName(StoragePaths.name(directory));
    for (int attempt = 1; ; attempt++) {
      BasicFileAttributes attributes;
      try {
        attributes = parent.stat(name);
      } catch (NoSuchFileException e) {
        attributes = null;
      }
      if (attributes == null) {
        if (isLongName(name)) {
          ensureLongNameRecord(parent, name, StoragePaths.name(directory), files);
        }
        try {
          parent.createDirectory(name);
        } catch (IOException e) {
          // Made meanwhile by another writer ("exists", or "not empty" from the rename into place): use it.
          if (!exists(parent, name)) {
            throw e;
          }
        }
        if (attempt >= 10) {
          throw new NoSuchFileException(directory); // keeps vanishing: a concurrent delete keeps pruning it
        }
        continue;
      }
      checkAncestor(attributes, parent, name, path, directory);
      Dir opened;
      try {
        // Opened afresh from the parent just checked, not taken from the kept handles: one of those may be a
        // directory another process deleted and made again.
        opened = parent.openDirectory(name);
      } catch (NoSuchFileException e) {
        if (attempt >= 10) {
          throw e;
        }
        continue; // pruned between the check and the open: make it again
      }
      return secure ? keep(directory, (SecureDir) opened) : opened;
    }
  }

  /**
   * Fails with {@link ErrorCode#CONFLICT} if an ancestor of {@code path} exists and is not a real directory:
   * what {@link #createDirectories} would find, without creating anything.
   */
  void checkParents(String path) throws IOException {
    String directory = StoragePaths.ROOT;
    int start = 1;
    int slash;
    while ((slash = path.indexOf('/', start)) >= 0) {
      Dir parent = directory(directory);
      String ancestor = path.substring(0, slash);
      String name = diskName(path.substring(start, slash));
      BasicFileAttributes attributes;
      try {
        attributes = parent.stat(name);
      } catch (NoSuchFileException e) {
        return; // nothing below can exist either; commit creates it
      }
      checkAncestor(attributes, parent, name, path, ancestor);
      directory = ancestor;
      start = slash + 1;
    }
  }

  /**
   * Removes the now empty directories above {@code path}, nearest first, up to (not including) the root: a
   * directory exists only while something is below it. Stops at the first that is not empty, or is not a
   * directory (a failed write below a file leaves that file alone). A writer that created one of them a moment
   * ago and has not yet moved its file in retries (see {@code FilesystemBackend.moveIntoPlace}).
   */
  void pruneEmptyParents(String path) {
    String directory = StoragePaths.parent(path);
    while (!StoragePaths.ROOT.equals(directory)) {
      String parentPath = StoragePaths.parent(directory);
      try {
        Dir parent = directory(parentPath);
        String name = existingName(directory);
        parent.deleteDirectory(name);
        dropLongNameRecord(parent, name);
        forgetTree(directory);
      } catch (NoSuchFileException e) {
        // already gone: someone else pruned it; look further up
      } catch (DirectoryNotEmptyException e) {
        return;
      } catch (IOException | RuntimeException e) {
        return; // best effort: an empty directory left behind is invisible to stat and harmless
      }
      directory = parentPath;
    }
  }

  /**
   * The segment entry {@code name} of {@code dir} (the directory {@code directory}) stands for, or null if it
   * stands for none: the driver's own entries, and names another program made that are the encoding of no valid
   * segment ({@link #isOwn} tells them apart).
   */
  String segmentOf(Dir dir, String name) {
    if (isLongName(name)) {
      return longNameSegment(dir, name);
    }
    return names.decode(name);
  }

  private String longNameSegment(Dir dir, String name) {
    byte[] recorded;
    try (java.nio.channels.FileChannel channel = dir.open(recordOf(name), Set.of(StandardOpenOption.READ))) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(StoragePaths.MAX_SEGMENT_BYTES + 1);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // fill
      }
      recorded = java.util.Arrays.copyOf(buffer.array(), buffer.position());
    } catch (IOException | RuntimeException e) {
      return null;
    }
    String segment;
    try {
      segment = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(recorded)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
    return StoragePaths.segmentViolation(segment).isEmpty() && name.equals(diskName(segment)) ? segment : null;
  }

  /**
   * Whether entry {@code name} of the directory {@code directory} is one of the driver's own: its directories in
   * the root, and the records of long names anywhere.
   */
  static boolean isOwn(String directory, String name) {
    if (name.startsWith(LONG_NAME_RECORD)) {
      return true;
    }
    return StoragePaths.ROOT.equals(directory)
        && (name.equals(TMP) || name.equals(UPLOADS) || SecureDir.isNewDirectoryName(name));
  }

  private static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  /** Releases every handle; operations after this fail. */
  void close() {
    for (Iterator<Map.Entry<String, Kept>> it = handles.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Kept> e = it.next();
      it.remove();
      e.getValue().dir.close();
    }
    tmp.close();
    uploads.close();
    rootDir.close();
  }

  private static boolean exists(Dir dir, String name) throws IOException {
    try {
      dir.stat(name);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  static void deleteQuietly(Dir dir, String name) {
    try {
      dir.deleteFile(name);
    } catch (IOException | RuntimeException e) {
      // best effort: cleaning up after another failure, or a probe
    }
  }

  /**
   * A {@link ErrorCode#CONFLICT} unless entry {@code name} of {@code parent} (the ancestor {@code ancestor} of
   * {@code path}, found with {@code attributes}) is a directory stored under exactly that name.
   */
  private void checkAncestor(BasicFileAttributes attributes, Dir parent, String name, String path, String ancestor)
      throws IOException {
    if (!attributes.isDirectory()) {
      throw conflict(path, ancestor, null);
    }
    if (!storedExactly(parent, name)) {
      throw new DriverException(FilesystemDriver.NAME, path, ErrorCode.CONFLICT, "cannot write "
          + StoragePaths.printable(path) + ": this file system does not tell " + StoragePaths.printable(ancestor)
          + " from the directory \"" + StoragePaths.printable(parent.storedName(name)) + "\" stored beside it "
          + "(names differing only in case fold onto one directory here)", null);
    }
  }

  static DriverException conflict(String path, String ancestor, Throwable cause) {
    return new DriverException(FilesystemDriver.NAME, path, ErrorCode.CONFLICT,
        "cannot write " + StoragePaths.printable(path) + ": " + StoragePaths.printable(ancestor)
            + " is a file (or a link), not a directory", cause);
  }
}
