package dev.storagedriver;

import java.util.Comparator;
import java.util.Optional;

/**
 * The path rules every driver shares, and small helpers over valid paths.
 *
 * <p><b>The grammar.</b> A path is absolute: {@code /} followed by segments separated by {@code /}. A segment is
 * any non-empty sequence of Unicode scalar values (code points other than surrogates) except
 *
 * <ul>
 *   <li>{@code /}, which separates segments;
 *   <li>control characters: NUL and the rest of C0 ({@code U+0000}-{@code U+001F}), DEL ({@code U+007F}) and C1
 *       ({@code U+0080}-{@code U+009F}). XML 1.0 cannot carry most of them even escaped, which breaks object-store
 *       listings, and printed to a terminal they drive it instead of showing a name;
 *   <li>the names {@code .} and {@code ..}, which file systems resolve to another directory.
 * </ul>
 *
 * <p>A segment is at most {@value #MAX_SEGMENT_BYTES} bytes in UTF-8 and a whole path at most {@value
 * #MAX_PATH_BYTES} bytes (the key limit of S3 and OSS, and the usual file-name limit of file systems), so a path
 * has at most 511 levels. Strings that are not well-formed UTF-16 (an unpaired surrogate) are not paths. The
 * root {@code /} is a valid path only for {@code stat}, {@code list} and {@code walk}.
 *
 * <p><b>No normalization.</b> Paths are compared code point by code point: {@code "é"} as one code point (NFC)
 * and as {@code e} plus a combining accent (NFD) are two different paths, and so are {@code a} and {@code A}. A
 * driver whose store would fold two valid paths onto one object (a case-insensitive or normalizing file system)
 * must refuse the second with a {@code CONFLICT} rather than merge them, and declares {@link
 * Capability#NAME_FOLDING}.
 *
 * <p><b>One order.</b> {@link #WALK_ORDER} compares paths segment by segment, each segment by code point, which
 * is the order of their UTF-8 bytes: the order S3 and OSS list keys in, so a native listing and a generic walk
 * agree.
 *
 * <p><b>Room for drivers.</b> Every path valid under the earlier rule ({@code [A-Za-z0-9._-]} segments) is still
 * valid and names the same stored object. Since segments may now hold any printable character, a driver's own
 * hidden state (temporary files, upload records) must live where no valid path reaches: behind a control
 * character, an invalid segment, or a reserved escape of the driver's own (see each driver's documentation).
 */
public final class StoragePaths {
  /** The root path. */
  public static final String ROOT = "/";

  /** The most UTF-8 bytes a whole path may take, its leading {@code /} included. */
  public static final int MAX_PATH_BYTES = 1023;

  /** The most UTF-8 bytes one segment may take. */
  public static final int MAX_SEGMENT_BYTES = 255;

  /**
   * The order lists and walks report paths in: segment by segment, each segment by code point (that is, by its
   * UTF-8 bytes). A directory's whole subtree comes before its next sibling: {@code /a/z} before {@code /a-b} and
   * {@code /a b}, though {@code '-'} and {@code ' '} sort before {@code '/'} as bytes.
   */
  public static final Comparator<String> WALK_ORDER = StoragePaths::compareWalkOrder;

  private StoragePaths() {}

  /**
   * Why {@code path} is not a valid file path, or empty if it is valid. The root is not a valid file path.
   *
   * @param path the string to check, may be null
   * @return the rule {@code path} breaks, in words, or empty
   */
  public static Optional<String> violation(String path) {
    if (path == null) {
      return Optional.of("path is null");
    }
    if (path.isEmpty()) {
      return Optional.of("path is empty");
    }
    if (path.charAt(0) != '/') {
      return Optional.of("path must start with '/'");
    }
    int length = path.length();
    if (length == 1) {
      return Optional.of("the root '/' is not allowed here");
    }
    int pathBytes = 1;
    int segmentStart = 1;
    int segmentBytes = 0;
    for (int i = 1; i <= length; i++) {
      char c = i == length ? '/' : path.charAt(i);
      if (c == '/') {
        if (i == segmentStart) {
          return Optional.of(i == length ? "path must not end with '/'" : "path has an empty segment");
        }
        if (segmentBytes > MAX_SEGMENT_BYTES) {
          return Optional.of("segment at index " + segmentStart + " is " + segmentBytes
              + " bytes in UTF-8; a segment may have at most " + MAX_SEGMENT_BYTES);
        }
        if (segmentBytes <= 2 && path.charAt(segmentStart) == '.' && path.charAt(i - 1) == '.') {
          return Optional.of("segment '" + path.substring(segmentStart, i) + "' is not allowed");
        }
        pathBytes += segmentBytes + (i == length ? 0 : 1);
        segmentStart = i + 1;
        segmentBytes = 0;
        continue;
      }
      if (c < 0x80) {
        if (c < 0x20 || c == 0x7f) {
          return Optional.of(controlCharacter(c, i));
        }
        segmentBytes++;
      } else if (c < 0x800) {
        if (c <= 0x9f) {
          return Optional.of(controlCharacter(c, i));
        }
        segmentBytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 == length || !Character.isLowSurrogate(path.charAt(i + 1))) {
          return Optional.of(unpairedSurrogate(c, i));
        }
        i++;
        segmentBytes += 4;
      } else if (Character.isLowSurrogate(c)) {
        return Optional.of(unpairedSurrogate(c, i));
      } else {
        segmentBytes += 3;
      }
    }
    if (pathBytes > MAX_PATH_BYTES) {
      return Optional.of("path is " + pathBytes + " bytes in UTF-8; a path may have at most " + MAX_PATH_BYTES);
    }
    return Optional.empty();
  }

  private static String controlCharacter(char c, int index) {
    return "control character " + codePoint(c) + " at index " + index
        + " is not allowed (control characters break XML listings and terminals)";
  }

  private static String unpairedSurrogate(char c, int index) {
    return "unpaired surrogate " + codePoint(c) + " at index " + index + " is not a Unicode character";
  }

  private static String codePoint(int c) {
    return String.format("U+%04X", c);
  }

  /**
   * Whether {@code path} is a valid file path (not the root).
   *
   * @param path the string to check, may be null
   * @return true if {@link #violation} finds nothing
   */
  public static boolean isValid(String path) {
    return violation(path).isEmpty();
  }

  /**
   * Whether {@code path} is the root or a valid file path.
   *
   * @param path the string to check, may be null
   * @return true for the root and for every valid file path
   */
  public static boolean isValidDirectory(String path) {
    return ROOT.equals(path) || isValid(path);
  }

  /**
   * Why {@code name} cannot be one segment of a path, or empty if it can.
   *
   * @param name the candidate segment, may be null
   * @return the rule {@code name} breaks, in words, or empty
   */
  public static Optional<String> segmentViolation(String name) {
    if (name == null) {
      return Optional.of("name is null");
    }
    if (name.isEmpty()) {
      return Optional.of("name is empty");
    }
    if (name.indexOf('/') >= 0) {
      return Optional.of("a name must not contain '/'");
    }
    // One segment under the root: its own limit (255 bytes) is reached long before the path's.
    return violation("/" + name);
  }

  /**
   * The parent of a valid path; the parent of a top-level path is the root.
   *
   * @param path a valid path
   * @return the path without its last segment
   */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? ROOT : path.substring(0, slash);
  }

  /**
   * The last segment of a valid path.
   *
   * @param path a valid path
   * @return its last segment
   */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * {@code directory + "/" + name}, handling the root.
   *
   * @param directory the root or a valid path
   * @param name one segment
   * @return the path of {@code name} in {@code directory}
   */
  public static String child(String directory, String name) {
    return ROOT.equals(directory) ? "/" + name : directory + "/" + name;
  }

  /**
   * Whether {@code descendant} lies strictly below {@code ancestor}: {@code /a/b} is below {@code /a}, {@code
   * /ab} is not. Every path other than the root is below the root.
   *
   * @param descendant a valid path or the root
   * @param ancestor a valid path or the root
   * @return true if {@code descendant} is in the subtree of {@code ancestor} and is not {@code ancestor}
   */
  public static boolean isStrictlyBelow(String descendant, String ancestor) {
    if (ROOT.equals(ancestor)) {
      return !ROOT.equals(descendant);
    }
    return descendant.length() > ancestor.length() + 1
        && descendant.startsWith(ancestor)
        && descendant.charAt(ancestor.length()) == '/';
  }

  /**
   * Compares two valid paths (or two segments) in {@link #WALK_ORDER}.
   *
   * @param a a valid path, the root, or a segment
   * @param b a valid path, the root, or a segment
   * @return negative, zero or positive as {@code a} comes before, equals or comes after {@code b}
   */
  public static int compareWalkOrder(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // '/' ends a segment, so it must sort before every character a segment may hold.
        if (x == '/') {
          return -1;
        }
        if (y == '/') {
          return 1;
        }
        // UTF-16 order equals code point order except that surrogates (U+D800-U+DFFF, which encode U+10000 and
        // above) sort below U+E000-U+FFFF; lifting them above the BMP restores code point (= UTF-8 byte) order.
        return Integer.compare(codePointRank(x), codePointRank(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int codePointRank(char c) {
    return Character.isSurrogate(c) ? c + 0x10000 : c;
  }

  /**
   * {@code text} made safe to print: control characters and unpaired surrogates are shown as escapes ({@code
   * \n}, {@code \t}, {@code \x1B}, {@code \u0085}), everything else as it is, so a valid path prints unchanged.
   * Use it wherever a string that may not be a valid path (a name found on disk, a rejected argument) reaches a
   * terminal or a log, so it cannot drive what shows it.
   *
   * @param text any string, may be null
   * @return the printable form; {@code "null"} for null
   */
  public static String printable(String text) {
    if (text == null) {
      return "null";
    }
    int length = text.length();
    int i = 0;
    while (i < length && !needsEscape(text, i)) {
      i++;
    }
    if (i == length) {
      return text;
    }
    StringBuilder out = new StringBuilder(length + 16).append(text, 0, i);
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (!needsEscape(text, i)) {
        out.append(c);
        continue;
      }
      switch (c) {
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          out.append(c < 0x80 ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean needsEscape(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return false;
  }
}
