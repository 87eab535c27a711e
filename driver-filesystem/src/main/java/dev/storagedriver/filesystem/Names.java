package dev.storagedriver.filesystem;

import dev.storagedriver.StoragePaths;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * How a path segment is named on disk: a reversible escape, {@code %XX} (upper-case hex) for each UTF-8 byte of a
 * character the host must not see as it is.
 *
 * <p>Always escaped: {@code '%'} itself, and a leading {@code '~'}, so that no encoded name starts with {@code
 * '~'}: names that do ({@code <root>/~tmp}, {@code <root>/~uploads}, the driver's new directories) are the
 * driver's own, and no valid path reaches them. Names made only of {@code [A-Za-z0-9._-]} (every name of the old
 * layout) are never escaped, so old stores read as they were. Further escapes depend on the host, decided once
 * when the driver opens:
 *
 * <ul>
 *   <li>Windows-like file systems (separator {@code \}): the reserved characters {@code <>:"\|?*}, a trailing dot
 *       or space, and the device names ({@code CON}, {@code PRN}, {@code AUX}, {@code NUL}, {@code COM0}-{@code
 *       COM9}, {@code LPT0}-{@code LPT9}, with or without an extension; their first character is escaped);
 *   <li>every character outside ASCII where the file system folds case or normalizes Unicode (there, non-ASCII
 *       names could merge or come back in another form), and where the JVM cannot name files in UTF-8 ({@code
 *       sun.jnu.encoding} not UTF-8 on the default file system, e.g. {@code LANG=C}): escaped names are ASCII,
 *       which every locale stores unchanged.
 * </ul>
 *
 * <p>Decoding is the exact inverse on encoded names; a name on disk that is not the encoding of any valid
 * segment (made by another program) decodes to null and is reported, never shown as something else.
 */
final class Names {
  /**
   * Windows' reserved device names (Microsoft's "Naming Files, Paths, and Namespaces"): COM0 and LPT0 too. The
   * superscript forms ({@code COM¹}) are not ASCII, and so escaped anyway on Windows.
   */
  private static final Set<String> DEVICE_NAMES = Set.of("CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3",
      "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7",
      "LPT8", "LPT9");
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final boolean windows;
  private final boolean asciiOnly;
  private final int maxNameLength;

  /**
   * @param windows escape what Windows cannot hold
   * @param asciiOnly escape every non-ASCII character
   * @param maxNameLength the longest name the host holds, in UTF-8 bytes (UTF-16 units on Windows)
   */
  Names(boolean windows, boolean asciiOnly, int maxNameLength) {
    this.windows = windows;
    this.asciiOnly = asciiOnly;
    this.maxNameLength = maxNameLength;
  }

  /** The on-disk name of a valid segment; the same string when nothing needs escaping (the common case). */
  String encode(String segment) {
    int n = segment.length();
    boolean device = windows && isDeviceName(segment);
    int i = 0;
    if (!device) {
      while (i < n && !mustEscape(segment, i, n)) {
        i++;
      }
      if (i == n) {
        return segment;
      }
    }
    StringBuilder out = new StringBuilder(n + 8).append(segment, 0, i);
    while (i < n) {
      int cp = segment.codePointAt(i);
      int width = Character.charCount(cp);
      if ((device && i == 0) || mustEscape(segment, i, n)) {
        escape(out, segment.substring(i, i + width));
      } else {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return out.toString();
  }

  /** Whether {@code encoded} fits in one name of the host. */
  boolean fits(String encoded) {
    int length = windows ? encoded.length() : utf8Length(encoded);
    return length <= maxNameLength;
  }

  /**
   * The segment whose encoding is {@code name}, or null if {@code name} is none: the driver's own names (leading
   * {@code '~'}), names another program made that are not encodings ({@code %41} where {@code A} would be
   * stored plainly, an escape of invalid UTF-8, a character this host must have escaped).
   */
  String decode(String name) {
    if (name.isEmpty() || name.charAt(0) == '~') {
      return null;
    }
    if (name.indexOf('%') < 0) {
      return isPlainSegment(name) ? name : null;
    }
    String segment = unescape(name);
    if (segment == null || StoragePaths.segmentViolation(segment).isPresent()) {
      return null;
    }
    return encode(segment).equals(name) ? segment : null;
  }

  /**
   * Whether {@code name}, holding no {@code '%'}, is a segment stored as it is: one pass, since every entry of a
   * listing comes through here.
   */
  private boolean isPlainSegment(String name) {
    int n = name.length();
    if (n <= 2 && name.charAt(0) == '.' && name.charAt(n - 1) == '.') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '/' || mustEscape(name, i, n)) {
        return false;
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(name.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return !(windows && isDeviceName(name)) && utf8Length(name) <= StoragePaths.MAX_SEGMENT_BYTES;
  }

  private boolean mustEscape(String s, int i, int n) {
    char c = s.charAt(i);
    if (c == '%' || (c == '~' && i == 0)) {
      return true;
    }
    if (c >= 0x80) {
      return asciiOnly;
    }
    if (windows) {
      switch (c) {
        case '<': case '>': case ':': case '"': case '\\': case '|': case '?': case '*':
          return true;
        case '.': case ' ':
          return i == n - 1;
        default:
          return false;
      }
    }
    return false;
  }

  private static boolean isDeviceName(String segment) {
    int dot = segment.indexOf('.');
    String base = (dot < 0 ? segment : segment.substring(0, dot)).stripTrailing();
    return base.length() <= 4 && DEVICE_NAMES.contains(base.toUpperCase(Locale.ROOT));
  }

  private static void escape(StringBuilder out, String characters) {
    for (byte b : characters.getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
  }

  /** Undoes {@code %XX} escapes (upper-case hex only); null if malformed or not UTF-8. */
  private static String unescape(String name) {
    ByteBuffer bytes = ByteBuffer.allocate(name.length() * 4);
    int n = name.length();
    for (int i = 0; i < n; ) {
      char c = name.charAt(i);
      if (c == '%') {
        if (i + 2 >= n) {
          return null;
        }
        int hi = hexValue(name.charAt(i + 1));
        int lo = hexValue(name.charAt(i + 2));
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.put((byte) (hi << 4 | lo));
        i += 3;
      } else {
        int cp = name.codePointAt(i);
        bytes.put(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    bytes.flip();
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  static int utf8Length(String s) {
    int bytes = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
