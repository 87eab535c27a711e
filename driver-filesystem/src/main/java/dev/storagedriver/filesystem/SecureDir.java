package dev.storagedriver.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A directory held open as a {@link SecureDirectoryStream}: every call is relative to the open directory
 * ({@code openat}, {@code fstatat}, {@code unlinkat}, {@code renameat} with {@code O_NOFOLLOW} /
 * {@code AT_SYMLINK_NOFOLLOW}), so nothing renamed or replaced on the way to it can redirect the call, and a link
 * at the name itself is never followed.
 *
 * <p>Two things Java 17 cannot do relative to a handle are done without one, safely:
 *
 * <ul>
 *   <li>Creating a directory ({@code mkdirat}): the new directory is made by path directly in the root, as
 *       {@code <root>/~d<random>} (the root's real path, resolved at start; nothing inside the root lies on the
 *       way, so no link or swap inside it can redirect the call), found again through the root's handle without
 *       following links, and then renamed into place relative to both handles. Only a rename of the root itself
 *       or of a directory above it, by someone allowed to write there, could make the path land elsewhere: then
 *       the new directory is not found through the root's handle, the call fails, and what was made elsewhere is
 *       an empty directory with a random name.
 *   <li>Forcing a directory: it is opened relative to its own handle as {@code "."} and that channel forced.
 * </ul>
 *
 * <p>A handle follows its directory if the directory is renamed. {@link #located} asks the kernel in one call
 * whether the directory's ancestor at its depth is still the root ({@code ".."} is never a link), which is how a
 * cached handle is checked before every use.
 */
final class SecureDir implements Dir {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final String NEW_DIRECTORY_PREFIX = "~d";

  private final SecureDirectoryStream<Path> stream;
  private final Path path;
  private final Object key;
  private final int depth;
  /** The root's handle; this one for the root itself. */
  private final SecureDir root;
  private final Path up;

  private SecureDir(SecureDirectoryStream<Path> stream, Path path, Object key, int depth, SecureDir root) {
    this.stream = stream;
    this.path = path;
    this.key = key;
    this.depth = depth;
    this.root = root == null ? this : root;
    this.up = depth == 0 ? null : upwards(path.getFileSystem(), depth);
  }

  /** The root's handle, or null if the file system offers no secure directory streams. */
  static SecureDir openRoot(Path root) throws IOException {
    DirectoryStream<Path> stream = Files.newDirectoryStream(root);
    if (!(stream instanceof SecureDirectoryStream)) {
      stream.close();
      return null;
    }
    @SuppressWarnings("unchecked")
    SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) stream;
    Object key = secure.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
    if (key == null) {
      secure.close();
      return null;
    }
    return new SecureDir(secure, root, key, 0, null);
  }

  /** Prefix of the directories {@link #createDirectory} makes in the root; leftovers of a crash start with it. */
  static boolean isNewDirectoryName(String name) {
    return name.startsWith(NEW_DIRECTORY_PREFIX);
  }

  private static Path upwards(FileSystem fs, int depth) {
    String[] more = new String[depth - 1];
    java.util.Arrays.fill(more, "..");
    return fs.getPath("..", more);
  }

  private Path name(String name) {
    return path.getFileSystem().getPath(name);
  }

  Object key() {
    return key;
  }

  /** Whether this directory is, at this moment, {@code depth} real levels below the root. */
  boolean located() throws IOException {
    if (depth == 0) {
      return true;
    }
    try {
      return root.key.equals(stream.getFileAttributeView(up, BasicFileAttributeView.class, NOFOLLOW)
          .readAttributes().fileKey());
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public BasicFileAttributes stat(String name) throws IOException {
    return stream.getFileAttributeView(name(name), BasicFileAttributeView.class, NOFOLLOW).readAttributes();
  }

  @Override
  public BasicFileAttributes attributes() throws IOException {
    return stream.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
  }

  @Override
  public FileChannel open(String name, Set<? extends OpenOption> options) throws IOException {
    Set<OpenOption> nofollow = new HashSet<>(options);
    nofollow.add(LinkOption.NOFOLLOW_LINKS);
    SeekableByteChannel channel = stream.newByteChannel(name(name), nofollow);
    if (channel instanceof FileChannel) {
      return (FileChannel) channel;
    }
    channel.close();
    throw new UnsupportedOperationException("the file system's secure directory stream opens no FileChannel");
  }

  /** Opens {@code name} for reading with the options prepared once ({@code READ}, no link followed). */
  FileChannel openForReading(String name) throws IOException {
    return (FileChannel) stream.newByteChannel(name(name), FilesystemBackend.READ);
  }

  @Override
  public SecureDir openDirectory(String name) throws IOException {
    // Checked first: opening a FIFO planted under this name would block, and the identity is needed anyway.
    BasicFileAttributes before = stat(name);
    if (!before.isDirectory()) {
      throw new NoSuchFileException(path.resolve(name).toString());
    }
    SecureDirectoryStream<Path> child;
    try {
      child = stream.newDirectoryStream(name(name), NOFOLLOW);
    } catch (NotDirectoryException e) {
      throw new NoSuchFileException(path.resolve(name).toString());
    } catch (FileSystemException e) {
      if (e instanceof NoSuchFileException) {
        throw e;
      }
      // ELOOP: replaced by a link since the check.
      if (!stat(name).isDirectory()) {
        throw new NoSuchFileException(path.resolve(name).toString());
      }
      throw e;
    }
    Object childKey;
    try {
      childKey = child.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
    } catch (IOException | RuntimeException e) {
      child.close();
      throw e;
    }
    if (!before.fileKey().equals(childKey)) {
      child.close(); // swapped between the check and the open
      throw new NoSuchFileException(path.resolve(name).toString());
    }
    return new SecureDir(child, path.resolve(name), childKey, depth + 1, root);
  }

  @Override
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (SecureDirectoryStream<Path> entries = stream.newDirectoryStream(name("."), NOFOLLOW)) {
      for (Path entry : entries) {
        names.add(Dir.nameOf(entry));
      }
    }
    return names;
  }

  @Override
  public void deleteFile(String name) throws IOException {
    stream.deleteFile(name(name));
  }

  @Override
  public void deleteDirectory(String name) throws IOException {
    stream.deleteDirectory(name(name));
  }

  @Override
  public void move(String name, Dir target, String targetName) throws IOException {
    stream.move(name(name), ((SecureDir) target).stream, name(targetName));
  }

  @Override
  public void createDirectory(String name) throws IOException {
    String fresh = NEW_DIRECTORY_PREFIX + UUID.randomUUID();
    Files.createDirectory(root.path.resolve(fresh));
    BasicFileAttributes made;
    try {
      made = root.stat(fresh);
    } catch (NoSuchFileException e) {
      made = null;
    }
    if (made == null || !made.isDirectory()) {
      throw new FileSystemException(root.path.toString(), null,
          "the root directory is no longer at this path; a new directory could not be made inside it");
    }
    try {
      root.stream.move(name(fresh), stream, name(name));
    } catch (IOException | RuntimeException e) {
      try {
        root.deleteDirectory(fresh);
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public void sync() throws IOException {
    try (SeekableByteChannel self = stream.newByteChannel(name("."), Set.of(StandardOpenOption.READ))) {
      ((FileChannel) self).force(true);
    }
  }

  @Override
  public void setModifiedTime(String name, FileTime time) throws IOException {
    stream.getFileAttributeView(name(name), BasicFileAttributeView.class, NOFOLLOW).setTimes(time, null, null);
  }

  @Override
  public String storedName(String name) throws IOException {
    // Only asked on case-insensitive file systems, only to refuse: a by-path lookup cannot make anything happen.
    return path.resolve(name).toRealPath(NOFOLLOW).getFileName().toString();
  }

  @Override
  public SecureDir reopen() throws IOException {
    SecureDirectoryStream<Path> again = stream.newDirectoryStream(name("."), NOFOLLOW);
    return new SecureDir(again, path, key, depth, root);
  }

  @Override
  public void close() {
    try {
      stream.close();
    } catch (IOException e) {
      // closing a directory handle releases it; there is nothing to flush
    }
  }
}
