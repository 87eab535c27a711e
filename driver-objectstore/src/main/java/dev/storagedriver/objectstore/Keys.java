package dev.storagedriver.objectstore;

import dev.storagedriver.DriverException;
import dev.storagedriver.ErrorCode;
import dev.storagedriver.InvalidPathException;
import dev.storagedriver.StoragePaths;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Paths to keys and back. A path's key is the root prefix plus the path without its leading slash, in UTF-8.
 * Hidden state (the tails of uncommitted writers) lives under the root-level segment {@value #STATE_SEGMENT},
 * which holds DEL (U+007F): no valid path contains it, so no path can reach, list or overwrite that state, while
 * XML 1.0 (batch-delete bodies) still carries it.
 *
 * <p>Keys below the root that are no valid path were made by other tools. {@link #classify} sorts them: a key
 * ending in {@code /} whose rest is a valid path is a directory marker (as consoles and some servers create) and
 * implies that directory; anything else is foreign, and the operations that would have to show or remove it
 * (list, walk, delete) refuse with a {@code CONFLICT} naming it instead of skipping it.
 */
final class Keys {
  /** The root-level segment holding the driver's hidden state. */
  static final String STATE_SEGMENT = "\u007Fwrites";
  /** Room kept for {@code "/" + token} when a tail key is derived from a path (tokens are at most 55 bytes). */
  private static final int TOKEN_ROOM = 64;

  /** What a listed key is to the driver. */
  enum Kind {
    /** A file: the key of a valid path. */
    FILE,
    /** A directory marker {@code dir/}: implies the directory. */
    MARKER,
    /** The marker of the root directory itself (the root prefix as a key). */
    ROOT,
    /** The driver's own state. */
    HIDDEN,
    /**
     * The hidden state of another driver whose root directory lies below this one's (a key with the segment
     * {@value #STATE_SEGMENT} deeper down): no path names it, yet it is no stranger's data, so it is skipped
     * where it would be shown and removed with the directory holding it.
     */
    NESTED_STATE,
    /** Another tool's key that no path names. */
    FOREIGN
  }

  /** A classified key: for FILE and MARKER, the path it stands for. */
  record Entry(Kind kind, String path) {}

  final String driver;
  final String rootPrefix;
  final String statePrefix;
  private final ObjectStore store;
  private final int maxKeyBytes;

  Keys(String driver, String rootPrefix, ObjectStore store) {
    this.driver = driver;
    this.rootPrefix = rootPrefix;
    this.statePrefix = rootPrefix + STATE_SEGMENT + "/";
    this.store = store;
    this.maxKeyBytes = store.maxKeyBytes();
  }

  /** The key of a (non-root) path; {@link InvalidPathException} if the store cannot hold it. */
  String key(String path) throws InvalidPathException {
    String key = rootPrefix + path.substring(1);
    int bytes = utf8Length(key);
    if (bytes > maxKeyBytes) {
      throw new InvalidPathException(driver, path, "its key (the root directory plus the path) is " + bytes
          + " UTF-8 bytes; the store holds keys of at most " + maxKeyBytes);
    }
    String refused = store.refusedKey(key);
    if (refused != null) {
      throw new InvalidPathException(driver, path, refused);
    }
    return key;
  }

  /** The prefix below which the children of directory {@code path} lie. */
  String dirPrefix(String path) throws InvalidPathException {
    return StoragePaths.ROOT.equals(path) ? rootPrefix : key(path) + "/";
  }

  /** What {@code key} (a key from a listing) is. */
  Entry classify(String key) {
    if (!key.startsWith(rootPrefix)) {
      return new Entry(Kind.FOREIGN, null);
    }
    String rest = key.substring(rootPrefix.length());
    if (rest.isEmpty()) {
      return new Entry(Kind.ROOT, StoragePaths.ROOT);
    }
    if (key.startsWith(statePrefix) || rest.equals(STATE_SEGMENT)) {
      return new Entry(Kind.HIDDEN, null);
    }
    if (isNestedState(rest)) {
      return new Entry(Kind.NESTED_STATE, null);
    }
    String path = "/" + rest;
    if (StoragePaths.isValid(path)) {
      return new Entry(Kind.FILE, path);
    }
    if (path.endsWith("/")) {
      String dir = path.substring(0, path.length() - 1);
      if (StoragePaths.isValid(dir)) {
        return new Entry(Kind.MARKER, dir);
      }
    }
    return new Entry(Kind.FOREIGN, null);
  }

  /** Whether {@code rest} (a key below the root prefix) holds the state segment below its first segment. */
  private static boolean isNestedState(String rest) {
    int at = rest.indexOf("/" + STATE_SEGMENT);
    while (at >= 0) {
      int end = at + 1 + STATE_SEGMENT.length();
      if (end == rest.length() || rest.charAt(end) == '/') {
        return true;
      }
      at = rest.indexOf("/" + STATE_SEGMENT, end);
    }
    return false;
  }

  /** The path of a key if it names a file, else null (a marker, a hidden or a foreign key). */
  String pathOf(String key) {
    Entry e = classify(key);
    return e.kind() == Kind.FILE ? e.path() : null;
  }

  /** The error for keys below {@code path} that name no valid path: shown nowhere, so removed by nothing. */
  DriverException foreignKeys(String operation, String path, List<String> found) {
    return new DriverException(driver, path, ErrorCode.CONFLICT, operation + " " + path + ": " + found.size()
        + " key(s) below it name no valid path, e.g. \"" + StoragePaths.printable(found.get(0))
        + "\" (written by another tool); the driver cannot show them, so it will not list, walk or delete them"
        + " as if they were absent: rename or remove them with another tool", null);
  }

  /**
   * The prefix of the tail objects of the uncommitted writes of {@code path}: the path below the state segment,
   * or, when that would leave no room for a tail's name within the key limit, {@link #hashedSegment} of it.
   */
  String stateDir(String path) {
    String rel = path.substring(1);
    if (utf8Length(statePrefix) + utf8Length(rel) + 1 + TOKEN_ROOM <= maxKeyBytes) {
      return statePrefix + rel + "/";
    }
    return statePrefix + hashedSegment(rel) + "/";
  }

  /** Whether {@code stateDir} of some path is a hashed one (its path is then kept in the tail's metadata). */
  static boolean isHashedSegment(String segment) {
    return segment.length() == 65 && segment.charAt(0) == '\u007F';
  }

  /** DEL plus the SHA-256 of {@code rel}: never a path's segment, since it holds DEL. */
  private static String hashedSegment(String rel) {
    try {
      return "\u007F" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(rel.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The prefix of the tail objects of every uncommitted write below directory {@code path}. */
  String stateDirBelow(String path) {
    return StoragePaths.ROOT.equals(path) ? statePrefix : statePrefix + path.substring(1) + "/";
  }

  /** The key-length limit of the store, in UTF-8 bytes. */
  int maxKeyBytes() {
    return maxKeyBytes;
  }

  static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * A start-after that passes over every key beginning with {@code prefix} (and nothing after them): the prefix
   * followed by the greatest code point up to the key length limit, which no real key can exceed.
   */
  String afterEveryKeyStarting(String prefix) {
    StringBuilder s = new StringBuilder(prefix);
    for (int bytes = utf8Length(prefix); bytes + 4 <= maxKeyBytes; bytes += 4) {
      s.appendCodePoint(Character.MAX_CODE_POINT);
    }
    return s.toString();
  }

  /**
   * Compares keys by code point, which is their UTF-8 byte order: the order S3 lists keys in. {@link
   * String#compareTo} would order surrogates (characters above U+FFFF) before U+E000-U+FFFF.
   */
  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(rank(x), rank(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int rank(char c) {
    return Character.isSurrogate(c) ? c + 0x10000 : c;
  }
}
