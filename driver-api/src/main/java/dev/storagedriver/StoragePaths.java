package dev.storagedriver;

import java.util.Comparator;
import java.util.Optional;

/**
 * The path rules every driver shares, and small helpers over valid paths.
 *
 * <p>A path is absolute and made of segments: {@code ^(/[A-Za-z0-9._-]+)+$}, as in Docker Distribution, and in
 * addition no segment may be {@code .} or {@code ..} (Distribution accepts them and a file-system backend then
 * resolves them outside its root). The root {@code /} is a valid path only for {@code stat}, {@code list} and
 * {@code walk}. Because only {@code [A-Za-z0-9._-]} may appear in a segment, drivers can name their own
 * temporary files with any other character and be sure no valid path collides with them.
 */
public final class StoragePaths {
  /** The root path. */
  public static final String ROOT = "/";

  /**
   * The order a walk visits paths in: segment by segment, so a directory's whole subtree comes before its next
   * sibling ({@code /a/z} before {@code /a-b}, though {@code '-'} sorts before {@code '/'}).
   */
  public static final Comparator<String> WALK_ORDER = StoragePaths::compareWalkOrder;

  private StoragePaths() {}

  /**
   * Why {@code path} is not a valid file path, or empty if it is valid. The root is not a valid file path.
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
    if (path.length() == 1) {
      return Optional.of("the root '/' is not allowed here");
    }
    int segmentStart = 1;
    for (int i = 1; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        if (i == segmentStart) {
          return Optional.of(i == path.length() ? "path must not end with '/'" : "path has an empty segment");
        }
        int length = i - segmentStart;
        if (length <= 2 && path.charAt(segmentStart) == '.' && path.charAt(i - 1) == '.') {
          return Optional.of("segment '" + path.substring(segmentStart, i) + "' is not allowed");
        }
        segmentStart = i + 1;
        continue;
      }
      char c = path.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
      if (!allowed) {
        return Optional.of("character '" + c + "' at index " + i + " is not one of [A-Za-z0-9._-]");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code path} is a valid file path (not the root). */
  public static boolean isValid(String path) {
    return violation(path).isEmpty();
  }

  /** Whether {@code path} is the root or a valid file path. */
  public static boolean isValidDirectory(String path) {
    return ROOT.equals(path) || isValid(path);
  }

  /** The parent of a valid path; the parent of a top-level path is the root. */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash <= 0 ? ROOT : path.substring(0, slash);
  }

  /** The last segment of a valid path. */
  public static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** {@code directory + "/" + name}, handling the root. */
  public static String child(String directory, String name) {
    return ROOT.equals(directory) ? "/" + name : directory + "/" + name;
  }

  /**
   * Whether {@code descendant} lies strictly below {@code ancestor}: {@code /a/b} is below {@code /a}, {@code
   * /ab} is not. Every path other than the root is below the root.
   */
  public static boolean isStrictlyBelow(String descendant, String ancestor) {
    if (ROOT.equals(ancestor)) {
      return !ROOT.equals(descendant);
    }
    return descendant.length() > ancestor.length() + 1
        && descendant.startsWith(ancestor)
        && descendant.charAt(ancestor.length()) == '/';
  }

  /** Compares two valid paths in {@link #WALK_ORDER}. */
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
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }
}
