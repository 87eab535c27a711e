package dev.storagedriver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A storage backend, as applications use it: files at slash-separated paths, read and written whole or as
 * streams, with directories implied by the paths below them. Docker Distribution's {@code
 * storagedriver.StorageDriver} for the JVM.
 *
 * <p>Get one by name from configuration with {@link StorageDriverRegistry}, or wrap a backend with {@link
 * StorageDrivers#portable}. Either way every call goes through the portable layer, which checks paths and
 * offsets (see {@link StoragePaths}) before the backend sees them and reports every failure as a {@link
 * StorageDriverException} naming this driver and the path. Implementations are thread-safe.
 *
 * <p>Where Distribution leaves behaviour undefined, this contract decides, and the conformance kit tests it:
 *
 * <ul>
 *   <li>The root always exists: {@code stat("/")} is a directory and {@code list("/")} of an empty store is
 *       empty.
 *   <li>{@code list} of a path that is a file throws {@link PathNotFoundException}: there is no directory there.
 *   <li>{@code reader} at an offset past the end throws {@link InvalidOffsetException}; at exactly the end it
 *       returns an empty stream.
 *   <li>{@code writer(path, true)} with no uncommitted write and non-empty committed content throws a {@link
 *       DriverException} with {@link ErrorCode#CONFLICT}: only uncommitted writes and empty content resume.
 *   <li>{@code writer(path, false)} discards an uncommitted write to the same path.
 *   <li>{@code move(p, p)} of an existing file leaves it as it is.
 * </ul>
 */
public interface StorageDriver extends AutoCloseable {
  /**
   * The registered name of the driver, e.g. {@code "filesystem"}; errors carry it.
   *
   * @return the name the driver is registered and configured under
   */
  String name();

  /**
   * The optional behaviour this driver offers.
   *
   * @return the capabilities declared; behaviour outside them must not be relied on
   */
  Set<Capability> capabilities();

  /**
   * The whole content at {@code path}. Meant for small files; stream large ones with {@link #reader}.
   *
   * @param path an absolute path ({@link StoragePaths})
   * @return the committed content, possibly empty
   * @throws StorageDriverException {@link PathNotFoundException} if no file is at {@code path}, or another
   *     failure of the driver
   */
  byte[] getContent(String path) throws StorageDriverException;

  /**
   * Replaces the whole content at {@code path} with {@code content}, atomically: readers see the old content or
   * the new, never a part.
   *
   * @param path an absolute path ({@link StoragePaths})
   * @param content the new content, possibly empty; the driver does not keep a reference to the array
   * @throws StorageDriverException if the driver fails; {@link InvalidPathException} for a path that is not valid
   */
  void putContent(String path, byte[] content) throws StorageDriverException;

  /**
   * A stream of the content at {@code path} from {@code offset}. The caller must close it. Reads that fail
   * throw {@link StorageDriverException} too.
   *
   * @param path an absolute path ({@link StoragePaths})
   * @param offset where to start, in bytes from the beginning; the size itself gives an empty stream
   * @return an open stream, to be closed by the caller
   * @throws StorageDriverException {@link PathNotFoundException} if no file is at {@code path}, {@link
   *     InvalidOffsetException} if {@code offset} is negative or past the end, or another failure of the driver
   */
  InputStream reader(String path, long offset) throws StorageDriverException;

  /**
   * A writer to {@code path}. With {@code append = false} it starts empty; with {@code append = true} it resumes
   * the uncommitted write to the path or extends empty committed content (see {@link
   * Capability#RESUMABLE_APPEND}).
   *
   * @param path an absolute path ({@link StoragePaths})
   * @param append {@code false} to write new content, {@code true} to resume
   * @return an open writer; nothing is visible at {@code path} until it commits
   * @throws StorageDriverException a {@link DriverException} with {@link ErrorCode#CONFLICT} if {@code append}
   *     is {@code true} and the path holds non-empty committed content and no uncommitted write, or another
   *     failure of the driver
   */
  FileWriter writer(String path, boolean append) throws StorageDriverException;

  /**
   * What is at {@code path}: a file or a directory. The root is always a directory.
   *
   * @param path an absolute path ({@link StoragePaths})
   * @return the file's size and modification time, or a directory
   * @throws StorageDriverException {@link PathNotFoundException} if nothing is at or below {@code path}, or
   *     another failure of the driver
   */
  FileInfo stat(String path) throws StorageDriverException;

  /**
   * The direct children of the directory {@code path}, as absolute paths in {@link StoragePaths#WALK_ORDER}.
   *
   * @param path an absolute path ({@link StoragePaths})
   * @return the children's absolute paths in {@link StoragePaths#WALK_ORDER}; empty for an empty root
   * @throws StorageDriverException {@link PathNotFoundException} if {@code path} is missing or is a file, or
   *     another failure of the driver
   */
  List<String> list(String path) throws StorageDriverException;

  /**
   * Moves the file at {@code source} to {@code destination}, replacing what was there. If {@code source} is
   * missing, {@link PathNotFoundException} and the destination is untouched.
   *
   * @param source the absolute path of the file to move
   * @param destination the absolute path it moves to
   * @throws StorageDriverException {@link PathNotFoundException} if no file is at {@code source}, or another
   *     failure of the driver
   */
  void move(String source, String destination) throws StorageDriverException;

  /**
   * Deletes {@code path} and everything below it. Paths that merely share its prefix ({@code /ab} for {@code
   * /a}) are untouched.
   *
   * @param path an absolute path, of a file or a directory; not the root
   * @throws StorageDriverException {@link PathNotFoundException} if nothing is at or below {@code path}, {@link
   *     InvalidPathException} for the root or a path that is not valid, or another failure of the driver
   */
  void delete(String path) throws StorageDriverException;

  /**
   * A URL a plain HTTP client can use to fetch {@code path} directly from the backend, or empty when the driver
   * offers none (see {@link Capability#REDIRECT_URL}) and the caller must serve the bytes itself.
   *
   * @param path an absolute path ({@link StoragePaths})
   * @param method the HTTP method the client will use
   * @return a URL, typically signed and expiring, or empty
   * @throws StorageDriverException if the driver fails; {@link InvalidPathException} for a path that is not valid
   */
  Optional<URI> redirectUrl(String path, RedirectMethod method) throws StorageDriverException;

  /**
   * Visits {@code path} (a directory; the root is allowed) and everything below it depth-first in {@link
   * StoragePaths#WALK_ORDER}. The starting directory itself is not visited. Paths deleted while the walk runs
   * are skipped, not errors. A path that is missing or is a file throws {@link PathNotFoundException}.
   *
   * @param path the absolute path of the directory to walk
   * @param visitor called for each file and directory; its result can skip a subtree or stop the walk
   * @param options where to start and what to visit
   * @throws StorageDriverException when the driver fails
   * @throws IOException whatever the visitor throws, unchanged
   */
  void walk(String path, WalkVisitor visitor, WalkOptions options) throws IOException;

  /**
   * The uncommitted writes kept for paths below {@code directory} (the root for all), in {@link
   * StoragePaths#WALK_ORDER} of their paths, for drivers with {@link Capability#PENDING_WRITES}.
   *
   * @param directory the root or a valid path; it need not exist
   * @return the pending writes, possibly none
   * @throws UnsupportedMethodException if the driver does not declare {@link Capability#PENDING_WRITES}
   * @throws StorageDriverException if the store cannot be read
   */
  default List<PendingWrite> pendingWrites(String directory) throws StorageDriverException {
    throw new UnsupportedMethodException(name(), directory, "pendingWrites");
  }

  /**
   * Removes the uncommitted writes below {@code directory} last changed before {@code olderThan}, and with them
   * what the store held for them (upload parts, temporary files). A writer still open on one of them fails when it
   * next writes or commits; committed content is never touched. To see what would go, filter {@link
   * #pendingWrites} instead.
   *
   * @param directory the root or a valid path; it need not exist
   * @param olderThan writes last changed before this instant are removed
   * @return the writes removed
   * @throws UnsupportedMethodException if the driver does not declare {@link Capability#PENDING_WRITES}
   * @throws StorageDriverException if the store cannot be read or changed; writes removed before the failure
   *     stay removed
   */
  default List<PendingWrite> purgePendingWrites(String directory, Instant olderThan)
      throws StorageDriverException {
    throw new UnsupportedMethodException(name(), directory, "purgePendingWrites");
  }

  /**
   * Walks with {@link WalkOptions#DEFAULTS}, as {@link #walk(String, WalkVisitor, WalkOptions)} describes.
   *
   * @param path the absolute path of the directory to walk
   * @param visitor called for each file and directory
   * @throws IOException a {@link StorageDriverException} when the driver fails, or whatever the visitor throws
   */
  default void walk(String path, WalkVisitor visitor) throws IOException {
    walk(path, visitor, WalkOptions.DEFAULTS);
  }

  /**
   * Releases the driver's resources (connections, threads). Later calls fail with {@link IllegalStateException},
   * and so do {@code write}, {@code commit} and {@code cancel} of a writer opened before (its {@code close} still
   * releases it).
   *
   * @throws StorageDriverException if releasing a resource failed
   */
  @Override
  void close() throws StorageDriverException;
}
