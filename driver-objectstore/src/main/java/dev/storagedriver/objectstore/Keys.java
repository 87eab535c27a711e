package dev.storagedriver.objectstore;

import dev.storagedriver.InvalidPathException;
import dev.storagedriver.StoragePaths;
import java.nio.charset.StandardCharsets;

/**
 * Paths to keys and back. A path's key is the root prefix plus the path without its leading slash, in UTF-8.
 * Hidden state (the tails of uncommitted writers) lives under the root-level segment {@value #STATE_SEGMENT},
 * which holds DEL (U+007F): no valid path contains it, so no path can reach, list or overwrite that state.
 */
final class Keys {
  /** The root-level segment holding the driver's hidden state. */
  static final String STATE_SEGMENT = "\u007Fwrites";

  final String driver;
  final String rootPrefix;
  final String statePrefix;
  private final int maxKeyBytes;

  Keys(String driver, String rootPrefix, int maxKeyBytes) {
    this.driver = driver;
    this.rootPrefix = rootPrefix;
    this.statePrefix = rootPrefix + STATE_SEGMENT + "/";
    this.maxKeyBytes = maxKeyBytes;
  }

  /** The key of a (non-root) path; {@link InvalidPathException} if the store cannot hold a key that long. */
  String key(String path) throws InvalidPathException {
    String key = rootPrefix + path.substring(1);
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxKeyBytes) {
      throw new InvalidPathException(driver, path, "its key (the root directory plus the path) is " + bytes
          + " UTF-8 bytes; the store holds keys of at most " + maxKeyBytes);
    }
    return key;
  }

  /** The prefix below which the children of directory {@code path} lie. */
  String dirPrefix(String path) throws InvalidPathException {
    return StoragePaths.ROOT.equals(path) ? rootPrefix : key(path) + "/";
  }

  /** The path of a key below the root prefix, or null if it is not a valid path (a foreign or hidden key). */
  String pathOf(String key) {
    if (!key.startsWith(rootPrefix)) {
      return null;
    }
    String path = "/" + key.substring(rootPrefix.length());
    return StoragePaths.isValid(path) ? path : null;
  }

  /** The prefix of the tail objects of the uncommitted writes of {@code path}. */
  String stateDir(String path) {
    return statePrefix + path.substring(1) + "/";
  }

  /** The prefix of the tail objects of every uncommitted write below directory {@code path}. */
  String stateDirBelow(String path) {
    return StoragePaths.ROOT.equals(path) ? statePrefix : stateDir(path);
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
