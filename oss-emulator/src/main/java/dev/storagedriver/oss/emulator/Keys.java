package dev.storagedriver.oss.emulator;

import java.util.Comparator;

/**
 * Object-key order. OSS lists keys in UTF-8 byte order, which is code point order; {@link String#compareTo}
 * compares UTF-16 units and puts U+E000-U+FFFF after every supplementary character, so listings, markers and
 * common prefixes would disagree with OSS for keys such as emoji. (The emulator depends on no other module, so
 * this small comparator cannot be shared with driver-api's path order.)
 */
final class Keys {
  private Keys() {}

  /** Code point order of well-formed UTF-16 strings. */
  static final Comparator<String> ORDER = Keys::compare;

  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        // surrogates (D800-DFFF) encode code points above FFFF: move them above E000-FFFF
        if (x >= 0xD800 && y >= 0xD800) {
          x = (char) (x >= 0xE000 ? x - 0x800 : x + 0x2000);
          y = (char) (y >= 0xE000 ? y - 0x800 : y + 0x2000);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /**
   * The least string greater, in {@link #ORDER}, than every string starting with {@code prefix}: the prefix with
   * its last code point incremented (dropping trailing U+10FFFF), or null when no such string exists.
   */
  static String afterPrefix(String prefix) {
    String p = prefix;
    while (!p.isEmpty()) {
      int last = p.codePointBefore(p.length());
      String head = p.substring(0, p.length() - Character.charCount(last));
      if (last < Character.MAX_CODE_POINT) {
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return head + Character.toString(next);
      }
      p = head;
    }
    return null;
  }
}
