package dev.storagedriver.oss;

import dev.storagedriver.InvalidPathException;
import dev.storagedriver.StoragePaths;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Paths to object keys and back. A path's key is {@code rootdirectory} (without its leading slash, plus
 * {@code /}) followed by the UTF-8 path without its leading slash; OSS limits a key to 1,023 UTF-8 bytes, so the
 * root prefix counts against that limit.
 *
 * <p>The driver's own objects (the tails of uncommitted writers) live below the root-level segment {@link
 * #HIDDEN}, which holds DEL (U+007F): no valid path can hold a control character, so nothing a caller names can
 * reach them, while XML 1.0 (DeleteMultipleObjects bodies) still carries DEL.
 *
 * <p>Keys below the root that are no valid path were made by other tools. {@link #classify} sorts them: a key
 * ending in {@code /} whose rest is a valid path is a directory marker (as consoles create) and implies that
 * directory; anything else is foreign, and the operations that would have to show or remove it refuse instead
 * of skipping it.
 */
final class OssKeys {
  /** The root-level segment below which the driver keeps its own objects. */
  static final String HIDDEN = "\u007Fstoragedriver";
  /** Where the release before the DEL namespace kept tails; now an ordinary path ({@code /~uploads/...}). */
  static final String LEGACY_TAILS = "~uploads/";
  /** OSS's key limit, in UTF-8 bytes. */
  static final int MAX_KEY_BYTES = 1023;
  /** Room kept for {@code "/" + uploadId} when a tail key is derived from a path's key. */
  private static final int UPLOAD_ID_ROOM = 1 + 64;

  /** What a listed key is to the driver. */
  enum Kind { FILE, MARKER, ROOT, HIDDEN, FOREIGN }

  /** A classified key: for FILE and MARKER, the path it stands for. */
  record Entry(Kind kind, String path) {}

  final String rootPrefix;
  private final String hiddenPrefix;

  OssKeys(String rootPrefix) {
    this.rootPrefix = rootPrefix;
    this.hiddenPrefix = rootPrefix + HIDDEN + "/";
  }

  /** The object key of a valid (non-root) path; INVALID_PATH if OSS cannot hold it. */
  String key(String path) throws InvalidPathException {
    String key = rootPrefix + path.substring(1);
    if (key.length() * 3L > MAX_KEY_BYTES) {
      int bytes = utf8Length(key);
      if (bytes > MAX_KEY_BYTES) {
        throw new InvalidPathException(OssErrors.DRIVER, path, "its object key (rootdirectory prefix \"" + rootPrefix
            + "\" + path) is " + bytes + " bytes in UTF-8; an OSS key holds at most " + MAX_KEY_BYTES);
      }
    }
    if (key.charAt(0) == '\\') {
      throw new InvalidPathException(OssErrors.DRIVER, path,
          "an OSS key cannot start with '\\'; set a rootdirectory to store such names");
    }
    return key;
  }

  /** The prefix below which the children of directory {@code path} lie. */
  String dirPrefix(String path) throws InvalidPathException {
    return StoragePaths.ROOT.equals(path) ? rootPrefix : key(path) + "/";
  }

  /** What {@code key} (a decoded key from a listing) is. */
  Entry classify(String key) {
    if (!key.startsWith(rootPrefix)) {
      return new Entry(Kind.FOREIGN, null);
    }
    String rest = key.substring(rootPrefix.length());
    if (rest.isEmpty()) {
      return new Entry(Kind.ROOT, StoragePaths.ROOT); // a marker of the root directory itself
    }
    if (key.startsWith(hiddenPrefix) || rest.equals(HIDDEN)) {
      return new Entry(Kind.HIDDEN, null);
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

  /** The path of a key below the root prefix if it names a file, else null. */
  String pathOf(String key) {
    Entry e = classify(key);
    return e.kind() == Kind.FILE ? e.path() : null;
  }

  /** The hidden objects' prefix (where a walk or listing of the root finds them). */
  String hiddenPrefix() {
    return hiddenPrefix;
  }

  /**
   * The prefix below which the tails of uploads to {@code key} lie, one object per upload id. Keys too long to
   * repeat inside a tail key are stood for by their SHA-256 (behind a second DEL, so never a path's segment).
   */
  String tailPrefix(String key) {
    String rel = key.substring(rootPrefix.length());
    if (utf8Length(hiddenPrefix) + utf8Length(rel) + 1 + UPLOAD_ID_ROOM <= MAX_KEY_BYTES) {
      return hiddenPrefix + rel + "/";
    }
    return hiddenPrefix + "\u007F" + sha256(rel) + "/";
  }

  /** The hidden object holding the unflushed tail of upload {@code uploadId} to {@code key}. */
  String tailKey(String key, String uploadId) {
    return tailPrefix(key) + uploadId;
  }

  /** Where the previous release kept the tail of {@code uploadId} to {@code key}. */
  String legacyTailKey(String key, String uploadId) {
    return legacyTailPrefix(key) + uploadId;
  }

  /** Where the previous release kept the tails of uploads to {@code key}. */
  String legacyTailPrefix(String key) {
    return rootPrefix + LEGACY_TAILS + key.substring(rootPrefix.length()) + "/";
  }

  /** A key, prefix or marker from a listing made with {@code encoding-type=url}. */
  static String decode(String encoded) {
    return encoded == null ? null : URLDecoder.decode(encoded, StandardCharsets.UTF_8);
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

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
