package dev.storagedriver.filesystem;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where things live under the root directory, and the confinement rules that keep every operation inside it.
 *
 * <p>A storage path {@code /a/b} is the file {@code <root>/a/b}. The driver's own files live in two directories
 * whose names contain {@code '~'}: {@code <root>/~tmp} (files being written: by {@code putContent}, and by each
 * writer session) and {@code <root>/~uploads} (uncommitted writes that a session closed, to be resumed). Path
 * segments may hold only {@code [A-Za-z0-9._-]}, so no valid path can name them or anything in them; every listing
 * skips names that are not valid segments, so they never show. Keeping them out of the tree (rather than beside
 * their target) also means a directory never holds only invisible files, so "a directory exists while something
 * visible is below it" stays cheap to decide.
 *
 * <p>Confinement: the driver never follows a symbolic link. Every ancestor of a path is checked to be a real
 * directory (not a link) without following links, and the last segment is opened or examined with {@link
 * LinkOption#NOFOLLOW_LINKS}. A link planted inside the root is therefore never a way out: reading through it
 * finds nothing, writing below it is a conflict, and deleting it removes the link, not what it points to.
 *
 * <p>Checking every ancestor costs a system call per directory level, several times the cost of the read itself;
 * so reads remember what they checked. A path found free of links is kept with the identity of what it named
 * (device and inode, and modification time). A later read of that path examines only the last segment, letting
 * the kernel resolve the ancestors as they are now: if that lands on the very same file, the ancestors still lead
 * where they were checked to lead, because a link planted on the way would lead to another file (a file reached
 * through a link has another inode, unless it was itself moved there, and a directory moved out of the root holds
 * nothing that was not already inside it). Any difference (another inode, a changed modification time, which
 * also rules out a recycled inode) sends the read through the full check again. Writes, moves and deletes always
 * check in full. Nothing needs invalidating: a remembered entry is trusted only when it still matches.
 */
final class Layout {
  static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private static final String TMP = "~tmp";
  private static final String UPLOADS = "~uploads";

  /** How many checked paths reads remember; at roughly 250 bytes each, a few megabytes at most. */
  static final int REMEMBERED_PATHS = 32_768;

  private final Path root;
  private final Path tmp;
  private final Path uploads;
  /** Whether a storage path's "/" is this file system's separator, so a whole path resolves in one step. */
  private final boolean slashSeparated;
  /** Storage paths found free of links, with the identity of what they named then. */
  private final ConcurrentHashMap<String, Identity> checked = new ConcurrentHashMap<>();

  /** What a path named when it was checked: equal identities are the same file, unchanged. */
  private record Identity(Object fileKey, long modifiedNanos) {
    static Identity of(BasicFileAttributes attributes) {
      Object key = attributes.fileKey();
      return key == null ? null : new Identity(key, attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    boolean sameAs(BasicFileAttributes attributes) {
      return fileKey.equals(attributes.fileKey())
          && modifiedNanos == attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }
  }

  private Layout(Path root) {
    this.root = root;
    this.slashSeparated = root.getFileSystem().getSeparator().equals("/");
    this.tmp = root.resolve(TMP);
    this.uploads = root.resolve(UPLOADS);
  }

  /** Creates the root and the driver's own directories if missing; the root may itself be reached by a link. */
  static Layout open(Path root) throws IOException {
    Files.createDirectories(root);
    Path real = root.toRealPath();
    Layout layout = new Layout(real);
    Files.createDirectories(layout.tmp);
    Files.createDirectories(layout.uploads);
    return layout;
  }

  Path root() {
    return root;
  }

  Path tmpDirectory() {
    return tmp;
  }

  Path uploadsDirectory() {
    return uploads;
  }

  /** A fresh name for a temporary file, in a directory no valid path reaches. */
  Path newTempFile() {
    return tmp.resolve(UUID.randomUUID().toString());
  }

  /**
   * Where the closed, uncommitted write to {@code path} waits to be resumed: named by the path's SHA-256 so that a
   * new driver instance finds it again, whatever the path's length.
   */
  Path pending(String path) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
      return uploads.resolve(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JVM has SHA-256", e);
    }
  }

  /** The file-system path of a storage path ({@code "/"} is the root), without any check. */
  Path resolve(String path) {
    if (slashSeparated) {
      // One parse instead of one per segment: segments hold no separator of any kind (see StoragePaths).
      return path.length() == 1 ? root : root.resolve(path.substring(1));
    }
    Path p = root;
    int start = 1;
    while (start < path.length()) {
      int slash = path.indexOf('/', start);
      int end = slash < 0 ? path.length() : slash;
      p = p.resolve(path.substring(start, end));
      start = end + 1;
    }
    return p;
  }

  /**
   * The file-system path of {@code path} for reading: every ancestor must be a real directory, otherwise nothing
   * is there ({@link NoSuchFileException}). The last segment itself is not checked; callers use {@link #NOFOLLOW}.
   */
  Path existing(String path) throws IOException {
    Path p = root;
    int start = 1;
    while (true) {
      int slash = path.indexOf('/', start);
      if (slash < 0) {
        return start >= path.length() ? p : p.resolve(path.substring(start));
      }
      p = p.resolve(path.substring(start, slash));
      if (!isRealDirectory(p)) {
        throw new NoSuchFileException(path);
      }
      start = slash + 1;
    }
  }

  /**
   * The attributes of the last segment of {@code path}, not following a link there, with every ancestor proven a
   * real directory (see the class comment for how a remembered check stands in for a new one). Missing, or below
   * something that is not a real directory: {@link NoSuchFileException}. {@code p} is {@link #resolve
   * resolve(path)}, which callers need too.
   */
  BasicFileAttributes attributes(String path, Path p) throws IOException {
    Identity known = checked.get(path);
    if (known != null) {
      BasicFileAttributes now;
      try {
        now = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
      } catch (NoSuchFileException e) {
        checked.remove(path, known);
        throw e;
      }
      if (known.sameAs(now)) {
        return now;
      }
      checked.remove(path, known);
    }
    existing(path);
    BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
    if (attributes.isRegularFile() || attributes.isDirectory()) {
      remember(path, attributes);
    }
    return attributes;
  }

  private void remember(String path, BasicFileAttributes attributes) {
    Identity identity = Identity.of(attributes);
    if (identity == null) {
      return; // a file system without file keys: always check in full
    }
    if (checked.size() >= REMEMBERED_PATHS) {
      // Forget an arbitrary eighth (hash order): cheaper than tracking recency, and a forgotten path only costs
      // one full check.
      Iterator<String> it = checked.keySet().iterator();
      for (int i = 0; i < REMEMBERED_PATHS / 8 && it.hasNext(); i++) {
        it.next();
        it.remove();
      }
    }
    checked.put(path, identity);
  }

  /**
   * The file-system path of {@code path} for writing, with every missing ancestor created. An ancestor that is a
   * file or a link is a {@link ErrorCode#CONFLICT} naming {@code path}.
   */
  Path createParents(String path) throws IOException {
    Path p = root;
    int start = 1;
    while (true) {
      int slash = path.indexOf('/', start);
      if (slash < 0) {
        return p.resolve(path.substring(start));
      }
      p = p.resolve(path.substring(start, slash));
      if (!isRealDirectory(p)) {
        try {
          Files.createDirectory(p);
        } catch (FileAlreadyExistsException e) {
          if (!isRealDirectory(p)) {
            throw conflict(path, path.substring(0, slash), e);
          }
        }
      }
      start = slash + 1;
    }
  }

  /**
   * Fails with {@link ErrorCode#CONFLICT} if an ancestor of {@code path} exists and is not a real directory:
   * what {@link #createParents} would find, without creating anything.
   */
  void checkParents(String path) throws IOException {
    Path p = root;
    int start = 1;
    int slash;
    while ((slash = path.indexOf('/', start)) >= 0) {
      p = p.resolve(path.substring(start, slash));
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
      } catch (NoSuchFileException e) {
        return; // nothing below can exist either; commit creates it
      }
      if (!attributes.isDirectory()) {
        throw conflict(path, path.substring(0, slash), null);
      }
      start = slash + 1;
    }
  }

  /**
   * Removes the now empty directories above {@code path}, nearest first, up to (not including) the root: a
   * directory exists only while something is below it. Stops at the first that is not empty. A writer that
   * created one of them a moment ago and has not yet moved its file in retries (see {@code
   * FilesystemBackend.moveIntoPlace}), so this race loses nothing.
   */
  void pruneEmptyParents(String path) {
    String directory = parentOf(path);
    while (!directory.equals("/")) {
      try {
        Path p = resolve(directory);
        if (!isRealDirectory(p)) {
          return; // never delete a file here: a failed write below a file must leave that file alone
        }
        Files.delete(p);
      } catch (NoSuchFileException e) {
        // already gone: someone else pruned it; look further up
      } catch (DirectoryNotEmptyException e) {
        return;
      } catch (IOException e) {
        return; // best effort: an empty directory left behind is invisible to stat and harmless
      }
      directory = parentOf(directory);
    }
  }

  /** Whether {@code directory} holds at least one entry a valid path can name. */
  static boolean hasVisibleEntry(Path directory) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (isVisibleName(entry.getFileName().toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code name} is a segment a valid path can have; everything else in the tree (the driver's own
   * files, {@code lost+found}, foreign files) is invisible.
   */
  static boolean isVisibleName(String name) {
    int n = name.length();
    if (n == 0 || name.equals(".") || name.equals("..")) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? "/" : path.substring(0, slash);
  }

  private static boolean isRealDirectory(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW).isDirectory();
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static DriverException conflict(String path, String ancestor, Throwable cause) {
    return new DriverException(FilesystemDriver.NAME, path, ErrorCode.CONFLICT,
        "cannot write " + path + ": " + ancestor + " is a file (or a link), not a directory", cause);
  }
}
