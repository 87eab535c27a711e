package dev.storagedriver.oss;

import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import dev.storagedriver.FileInfo;
import dev.storagedriver.StoragePaths;
import dev.storagedriver.WalkOptions;
import dev.storagedriver.WalkVisitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The native walk: one flat listing (no delimiter) of everything below the start, 1000 keys per request,
 * directories synthesised from key prefixes.
 *
 * <p>The listing comes in byte order, where the characters below {@code '/'} (space, {@code !"#$%&'()*+,-.})
 * sort before it; the walk must come in {@link StoragePaths#WALK_ORDER}, where {@code /a/x} precedes {@code /a-b}
 * and {@code /a b}. Paths are buffered in walk order and one is visited only once no later key can precede it: an
 * entry {@code P + c + …} with {@code c < '/'} waits until the listing has passed every key starting {@code P +
 * '/'}, i.e. reached {@code P + '0'}. Only such "prefix siblings" are ever held back, so the buffer stays small.
 *
 * <p>A directory marker ({@code dir/}, as consoles write) yields its directory; the driver's hidden objects are
 * jumped over; a key that names no valid path ends the walk with a {@code CONFLICT} naming it, rather than
 * being skipped unseen.
 *
 * <p>A skipped subtree still being listed is jumped over by restarting the listing after it; a start-after hint
 * becomes the listing's start-after, cut at the first {@code '/'} below the start (keys before that cut all
 * precede the hint in walk order too).
 *
 * <p>A key that is both a file and a prefix ({@code /b} and {@code /b/c}) is walked as the file, as {@code stat}
 * reports it, and what lies below it is not visited: the same as the generic walk.
 */
final class OssWalker {
  private final OssBackend backend;
  private final String start;
  private final String startPrefix;
  private final WalkVisitor visitor;
  private final Optional<String> startAfter;
  private final TreeMap<String, FileInfo> buffer = new TreeMap<>(StoragePaths.WALK_ORDER);
  private final Set<String> directories = new HashSet<>();
  /**
   * Files whose path is still a prefix of keys to come: a file hides keys below it (stat says "file", so the
   * generic walk does not descend). Pruned once the listing has passed {@code file + '0'}.
   */
  private final Set<String> recentFiles = new LinkedHashSet<>();
  private String skipPrefix;
  private boolean terminated;
  private boolean sawKey;

  OssWalker(OssBackend backend, String start, WalkVisitor visitor, WalkOptions options) {
    this.backend = backend;
    this.start = start;
    this.startPrefix = StoragePaths.ROOT.equals(start) ? "/" : start + "/";
    this.visitor = visitor;
    this.startAfter = options.startAfter();
  }

  void run() throws IOException {
    String listPrefix = backend.dirPrefix(start);
    String listAfter = listingStartAfter();
    String token = null;
    while (true) {
      ListObjectsV2Request request = new ListObjectsV2Request(backend.bucket, listPrefix);
      request.setMaxKeys(OssBackend.PAGE);
      if (token != null) {
        request.setContinuationToken(token);
      } else if (listAfter != null) {
        request.setStartAfter(listAfter);
      }
      ListObjectsV2Result page = backend.listPage(request, "walk", start);
      String last = null;
      boolean inHidden = false;
      for (OSSObjectSummary s : page.getObjectSummaries()) {
        OssKeys.Entry entry = backend.keys.classify(s.getKey());
        inHidden = entry.kind() == OssKeys.Kind.HIDDEN;
        String path = entry.path();
        switch (entry.kind()) {
          case FILE -> add(path, FileInfo.file(path, s.getSize(), OssBackend.modTime(s.getLastModified())));
          case MARKER -> {
            if (!path.equals(start)) {
              addDirectory(path, OssBackend.modTime(s.getLastModified()));
            }
          }
          case FOREIGN -> throw backend.foreignKeys("walk", start, List.of(s.getKey()));
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
      if (!page.isTruncated()) {
        break;
      }
      token = page.getNextContinuationToken();
      if (inHidden) {
        listAfter = afterEveryKeyStarting(backend.keys.hiddenPrefix());
        token = null;
      } else if (skipPrefix != null && last != null && last.startsWith(skipPrefix)) {
        // The rest of a skipped subtree need not be listed: continue after its last possible key.
        listAfter = afterEveryKeyStarting(backend.config.rootPrefix + skipPrefix.substring(1));
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
    ListObjectsV2Request request = new ListObjectsV2Request(backend.bucket, prefix);
    request.setMaxKeys(1);
    return !backend.listPage(request, "walk", start).getObjectSummaries().isEmpty();
  }

  /**
   * A start-after that passes over every key beginning with {@code prefix} (and nothing after them): the prefix
   * followed by the greatest code point up to the key length limit, which no real key can exceed.
   */
  static String afterEveryKeyStarting(String prefix) {
    StringBuilder s = new StringBuilder(prefix);
    for (int bytes = OssKeys.utf8Length(prefix); bytes + 4 <= OssKeys.MAX_KEY_BYTES; bytes += 4) {
      s.appendCodePoint(Character.MAX_CODE_POINT);
    }
    return s.toString();
  }

  private String listingStartAfter() {
    if (startAfter.isEmpty() || !startAfter.get().startsWith(startPrefix)) {
      return null;
    }
    String hint = startAfter.get();
    int slash = hint.indexOf('/', startPrefix.length());
    String cut = slash < 0 ? hint : hint.substring(0, slash);
    // List from the cut itself (a file there hides keys below it): start after every key before it. For a last
    // character c in '!'..'~' that is everything starting with the cut's stem + (c - 1); otherwise the stem alone,
    // which lists a few keys more that the visit then passes over.
    String key = backend.config.rootPrefix + cut.substring(1);
    int lastIndex = key.offsetByCodePoints(key.length(), -1);
    String stem = key.substring(0, lastIndex);
    int last = key.codePointAt(lastIndex);
    return last > '!' && last < 0x7f ? afterEveryKeyStarting(stem + (char) (last - 1)) : stem;
  }

  private void add(String path, FileInfo file) {
    if (!path.startsWith(startPrefix) || belowFile(path)) {
      return;
    }
    recentFiles.add(path);
    addParents(path, file.modTime());
    buffer.putIfAbsent(path, file);
  }

  /** A directory known from its marker key ({@code dir/}), with no file below it needed. */
  private void addDirectory(String path, java.time.Instant modTime) {
    if (!path.startsWith(startPrefix) || belowFile(path)) {
      return;
    }
    addParents(path + "/", modTime);
  }

  private boolean belowFile(String path) {
    recentFiles.removeIf(f -> path.compareTo(f + '0') >= 0);
    for (String f : recentFiles) {
      if (path.startsWith(f + "/")) {
        return true; // a file hides what lies below it
      }
    }
    return false;
  }

  /** Buffers every directory on {@code path} below the start (each '/' after the start prefix ends one). */
  private void addParents(String path, java.time.Instant modTime) {
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

  /** Whether every key still to come (all after {@code listedUpTo} in byte order) follows {@code path}. */
  private boolean safe(String path, String listedUpTo) {
    // Every path here starts with startPrefix, so only what follows it can differ.
    for (int i = startPrefix.length(); i < path.length(); i++) {
      char c = path.charAt(i);
      if (c < '/') {
        String bound = path.substring(0, i) + '0'; // just past every key starting path[0, i) + '/'
        if (listedUpTo.compareTo(bound) < 0) {
          return false;
        }
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
