package dev.storagedriver.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cost floor of the filesystem driver's confinement design, in plain Java and nothing else
 * ({@code filesystem:handles}): reads and stats relative to kept directory handles ({@link SecureDirectoryStream},
 * never following a link), each use preceded by the one call that confirms the handle's directory is still where
 * it was (an {@code fstatat} of {@code ../..}, as many levels as it is deep, compared with the root's identity).
 * No portable layer, no path checks, no name escaping, no eviction.
 *
 * <p>So {@code getSmall} and {@code stat} of this subject against {@code filesystem:nio} show what the design itself
 * costs beside plain NIO, and against {@code filesystem:driver} what the driver adds to it. The other operations
 * are plain NIO ({@link NioSubject}): this subject is meant for {@code --only 'getSmall|stat'}.
 */
final class HandleFloorSubject implements Subject {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

  private final NioSubject plain;
  private final FileSystem fs;
  private final SecureDirectoryStream<Path> root;
  private final Object rootKey;
  private final Map<String, Handle> handles = new ConcurrentHashMap<>();

  /** A kept directory handle and the relative path from it up to the root, if it is still in place. */
  private record Handle(SecureDirectoryStream<Path> stream, Path up) {}

  HandleFloorSubject(Path root) throws IOException {
    this.plain = new NioSubject(root);
    this.fs = root.getFileSystem();
    DirectoryStream<Path> stream = Files.newDirectoryStream(root.toRealPath());
    if (!(stream instanceof SecureDirectoryStream<Path> secure)) {
      stream.close();
      throw new IllegalStateException("SKIPPED: this file system has no secure directory streams");
    }
    this.root = secure;
    this.rootKey = secure.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
  }

  /** The kept handle of {@code directory} (a key's parent), confirmed in place. */
  private SecureDirectoryStream<Path> directory(String directory) throws IOException {
    Handle h = handles.get(directory);
    if (h == null) {
      h = open(directory);
      Handle raced = handles.putIfAbsent(directory, h);
      if (raced != null) {
        h.stream().close();
        h = raced;
      }
    }
    Object key = h.stream().getFileAttributeView(h.up(), BasicFileAttributeView.class, NOFOLLOW).readAttributes()
        .fileKey();
    if (!rootKey.equals(key)) {
      throw new NoSuchFileException(directory, null, "moved out of the root");
    }
    return h.stream();
  }

  private Handle open(String directory) throws IOException {
    String[] segments = directory.substring(1).split("/");
    SecureDirectoryStream<Path> current = root;
    for (String segment : segments) {
      SecureDirectoryStream<Path> next = current.newDirectoryStream(fs.getPath(segment), NOFOLLOW);
      if (current != root) {
        current.close();
      }
      current = next;
    }
    String[] more = new String[segments.length - 1];
    Arrays.fill(more, "..");
    return new Handle(current, fs.getPath("..", more));
  }

  @Override
  public byte[] get(String key) throws IOException {
    int slash = key.lastIndexOf('/');
    SecureDirectoryStream<Path> dir = directory(key.substring(0, slash));
    try (FileChannel ch = (FileChannel) dir.newByteChannel(fs.getPath(key.substring(slash + 1)), READ)) {
      byte[] out = new byte[(int) ch.size()];
      ByteBuffer b = ByteBuffer.wrap(out);
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // fill
      }
      return out;
    }
  }

  @Override
  public long stat(String key) throws IOException {
    int slash = key.lastIndexOf('/');
    SecureDirectoryStream<Path> dir = directory(key.substring(0, slash));
    return dir.getFileAttributeView(fs.getPath(key.substring(slash + 1)), BasicFileAttributeView.class, NOFOLLOW)
        .readAttributes().size();
  }

  @Override
  public void put(String key, byte[] data) throws IOException {
    plain.put(key, data);
  }

  @Override
  public void streamWrite(String key, byte[] chunk, long total) throws IOException {
    plain.streamWrite(key, chunk, total);
  }

  @Override
  public long streamRead(String key, byte[] buffer) throws IOException {
    return plain.streamRead(key, buffer);
  }

  @Override
  public int list(String dir) throws IOException {
    return plain.list(dir);
  }

  @Override
  public int walk(String dir) throws IOException {
    return plain.walk(dir);
  }

  @Override
  public void deleteTree(String dir) throws IOException {
    plain.deleteTree(dir);
  }

  @Override
  public void close() throws IOException {
    for (Handle h : handles.values()) {
      h.stream().close();
    }
    root.close();
  }
}
