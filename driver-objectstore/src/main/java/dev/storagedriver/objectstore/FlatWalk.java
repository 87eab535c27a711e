package dev.storagedriver.objectstore;

import dev.storagedriver.FileInfo;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The native walk: one flat listing (no delimiter) of everything below the start, 1,000 keys per request, so
 * ⌈N/1000⌉ requests for N keys; directories are synthesised from key prefixes.
 *
 * <p>The listing comes in key (byte) order, where the characters a segment may hold below {@code '/'} (space,
 * {@code !"#$%&'()*+,-.}) sort before it; the walk must come in {@link StoragePaths#WALK_ORDER}, where {@code
 * /a/x} precedes {@code /a b} and {@code /a-b}. Paths are buffered in walk order and one is visited only once no
 * later key can precede it: a path whose character at {@code i} sorts below {@code '/'} waits until the listing
 * has passed every key starting with its first {@code i} characters plus {@code '/'}. A path with a character
 * above U+FFFF at {@code i} waits until the listing has left its first {@code i} characters altogether, because
 * some servers list in UTF-16 order, where such characters sort before U+E000-U+FFFF. Only such paths are held
 * back, so the buffer stays small.
 *
 * <p>A directory marker ({@code dir/}) yields its directory; the driver's hidden objects are jumped over; a key
 * that names no valid path ends the walk with a {@code CONFLICT} naming it, rather than being skipped unseen.
 *
 * <p>A skipped subtree still being listed is jumped over by restarting the listing after it; a start-after hint
 * becomes the listing's start-after. A key that is both a file and a prefix ({@code /b} and {@code /b/c}, which
 * an object store holds when something was written below a file) is visited once, as the file, as {@code stat}
 * reports it, and what lies below it is visited after it: nothing stored is hidden from a walk, and a visitor
 * skips it with {@link FileVisitResult#SKIP_SUBTREE} as it would a directory.
 */
final class FlatWalk {
  /** The greatest code point: a key made of a prefix and it follows every other key with that prefix. */
  private static final String MAX_CHAR = new String(Character.toChars(Character.MAX_CODE_POINT));

  private final ObjectStoreBackend backend;
  private final String start;
  private final String startPrefix;
  private final WalkVisitor visitor;
  private final Optional<String> startAfter;
  private final TreeMap<String, FileInfo> buffer = new TreeMap<>(StoragePaths.WALK_ORDER);
  /** Paths already buffered or visited, as directories or as files that keys below them make directories too. */
  private final Set<String> directories = new HashSet<>();
  private String skipPrefix;
  private boolean terminated;
  private boolean sawKey;

  FlatWalk(ObjectStoreBackend backend, String start, WalkVisitor visitor, WalkOptions options) {
    this.backend = backend;
    this.start = start;
    this.startPrefix = StoragePaths.ROOT.equals(start) ? "/" : start + "/";
    this.visitor = visitor;
    this.startAfter = options.startAfter();
  }

  void run() throws IOException {
    Requests requests = backend.requests;
    String listPrefix = backend.keys.dirPrefix(start);
    String listAfter = listingStartAfter();
    String token = null;
    while (true) {
      String t = token;
      String after = token == null ? listAfter : null;
      ObjectStore.Listing page = requests.idempotent("walk", start,
          () -> requests.store.list(listPrefix, null, after, t, PendingWrites.PAGE));
      String last = null;
      boolean inHidden = false;
      for (ObjectStore.ObjectInfo o : page.objects()) {
        Keys.Entry entry = backend.keys.classify(o.key());
        inHidden = entry.kind() == Keys.Kind.HIDDEN;
        String path = entry.path();
        switch (entry.kind()) {
          case FILE -> add(path, FileInfo.file(path, o.size(), o.lastModified()));
          case MARKER -> {
            if (!path.equals(start)) {
              addDirectory(path, o.lastModified());
            }
          }
          case FOREIGN -> throw backend.keys.foreignKeys("walk", start, List.of(o.key()));
          default -> {
            continue; // the root's own marker, or the driver's hidden objects
          }
        }
        sawKey = true;
        if (!path.startsWith(startPrefix)) {
          continue; // the start's own marker
        }
        last = path;
        emitReady(path);
        if (terminated) {
          return;
        }
      }
      if (page.nextToken() == null) {
        break;
      }
      token = page.nextToken();
      if (inHidden) {
        // The driver's own objects need not be listed: continue after the last possible one.
        listAfter = backend.keys.afterEveryKeyStarting(backend.keys.statePrefix);
        token = null;
      } else if (skipPrefix != null && last != null && last.startsWith(skipPrefix)) {
        // The rest of a skipped subtree need not be listed: continue after its last possible key.
        listAfter = backend.keys.rootPrefix + skipPrefix.substring(1) + MAX_CHAR;
        token = null;
      }
    }
    emitReady(null);
    if (!sawKey && !StoragePaths.ROOT.equals(start) && (listAfter == null || !hasKeyBelow(listPrefix))) {
      throw new NoSuchFileException(start); // nothing below it: no directory to walk
    }
  }

  /** Whether any key lies below {@code prefix}: asked only when a start-after hint may have listed past them all. */
  private boolean hasKeyBelow(String prefix) throws IOException {
    Requests requests = backend.requests;
    return !requests.idempotent("walk", start, () -> requests.store.list(prefix, null, null, null, 1))
        .objects().isEmpty();
  }

  /**
   * Where the listing may start for a start-after hint: after the hint's first segment below the start minus its
   * last character (the segment itself must be listed, so a file there is visited before what lies below it). Keys
   * before that all precede the hint in walk order. None when that key holds a character from U+D800 up: servers
   * that list in UTF-16 order (S3Proxy's jclouds stores, S3Mock) put characters above U+FFFF before U+E000-U+FFFF,
   * and would skip keys that follow the hint in code point order.
   */
  private String listingStartAfter() throws IOException {
    if (startAfter.isEmpty() || !startAfter.get().startsWith(startPrefix)) {
      return null;
    }
    String hint = startAfter.get();
    int slash = hint.indexOf('/', startPrefix.length());
    String cut = slash < 0 ? hint : hint.substring(0, slash);
    String key = backend.keys.key(cut);
    String before = key.substring(0, key.length() - Character.charCount(key.codePointBefore(key.length())));
    for (int i = 0; i < before.length(); i++) {
      if (before.charAt(i) >= Character.MIN_SURROGATE) {
        return null; // UTF-16 and code point order could disagree about keys around it
      }
    }
    return before.length() <= backend.keys.dirPrefix(start).length() ? null : before;
  }

  private void add(String path, FileInfo file) {
    if (!path.startsWith(startPrefix)) {
      return;
    }
    addParents(path, file.modTime());
    // Listed before any key below it (a key sorts before the keys it prefixes), so it is not yet a directory.
    if (directories.add(path)) {
      buffer.put(path, file);
    }
  }

  /** A directory known from its marker key ({@code dir/}), with no file below it needed. */
  private void addDirectory(String path, Instant modTime) {
    if (!path.startsWith(startPrefix)) {
      return;
    }
    addParents(path + "/", modTime);
  }

  /** Buffers every directory on {@code path} below the start (each '/' after the start prefix ends one). */
  private void addParents(String path, Instant modTime) {
    for (int slash = path.indexOf('/', startPrefix.length()); slash > 0; slash = path.indexOf('/', slash + 1)) {
      String dir = path.substring(0, slash);
      if (directories.add(dir)) {
        buffer.putIfAbsent(dir, FileInfo.directory(dir, modTime));
      } else {
        FileInfo held = buffer.get(dir);
        if (held != null && held.isDirectory() && held.modTime().isBefore(modTime)) {
          buffer.put(dir, FileInfo.directory(dir, modTime));
        }
      }
    }
  }

  /** Visits buffered paths that no key after {@code listedUpTo} (null: the listing ended) can precede. */
  private void emitReady(String listedUpTo) throws IOException {
    while (!buffer.isEmpty() && !terminated) {
      String next = buffer.firstKey();
      if (listedUpTo != null && !safe(next, listedUpTo)) {
        return;
      }
      visit(buffer.pollFirstEntry().getValue());
    }
  }

  /** Whether every key still to come (all after {@code listedUpTo} in key order) follows {@code path}. */
  private boolean safe(String path, String listedUpTo) {
    // Every path here starts with startPrefix, and so does every key to come: only what follows it can differ.
    for (int i = startPrefix.length(); i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < '/') {
        String bound = path.substring(0, i) + '0'; // just past every key starting path[0, i) + '/'
        if (Keys.compare(listedUpTo, bound) < 0) {
          return false;
        }
      } else if (Character.isHighSurrogate(c) && listedUpTo.startsWith(path.substring(0, i))) {
        return false;
      }
    }
    return true;
  }

  private void visit(FileInfo info) throws IOException {
    String path = info.path();
    if (skipPrefix != null) {
      if (path.startsWith(skipPrefix)) {
        return;
      }
      skipPrefix = null;
    }
    if (startAfter.isPresent() && StoragePaths.compareWalkOrder(path, startAfter.get()) <= 0) {
      return;
    }
    FileVisitResult result = visitor.visit(info);
    switch (result) {
      case CONTINUE:
        break;
      case SKIP_SUBTREE:
        skipPrefix = path + "/";
        break;
      case SKIP_SIBLINGS:
        String parent = StoragePaths.parent(path);
        if (parent.equals(start)) {
          terminated = true;
        } else {
          skipPrefix = parent + "/";
        }
        break;
      case TERMINATE:
        terminated = true;
        break;
      default:
        throw new AssertionError(result);
    }
  }
}
