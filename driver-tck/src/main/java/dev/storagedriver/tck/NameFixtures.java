package dev.storagedriver.tck;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of {@link NamesContract}, and an order computed without {@link dev.storagedriver.StoragePaths}, so the
 * kit does not check the drivers' order with the very code they sort by.
 */
final class NameFixtures {
  private NameFixtures() {}

  /** The directory the names are stored in; {@link #MOVED} has the same length, so moved paths stay in limits. */
  static final String DIR = "/names";

  /** Where the move test moves the names to. */
  static final String MOVED = "/moved";

  /**
   * One segment each. No two fold onto each other under ASCII case folding or Unicode normalization, so a store
   * that declares {@link dev.storagedriver.Capability#NAME_FOLDING} must hold them all too; the pairs that do fold
   * are in {@link #FOLD_PAIRS}.
   */
  static final List<String> NAMES = List.of(
      // spaces: leading, trailing, inner, only
      " leading space",
      "trailing space ",
      "inner  spaces here",
      " ",
      "a ",
      // scripts
      "\u6587\u4ef6\u540d.txt", // CJK: 文件名.txt
      "\ud55c\uad6d\uc5b4 \ud30c\uc77c", // Korean: 한국어 파일
      "\u0645\u0644\u0641 \u0639\u0631\u0628\u064a", // Arabic: ملف عربي
      "\u05e7\u05d5\u05d1\u05e5", // Hebrew: קובץ
      "\u0424\u0430\u0439\u043b.doc", // Cyrillic: Файл.doc
      "\u092b\u093c\u093e\u0907\u0932 \u0928\u093e\u092e", // Devanagari: फ़ाइल नाम
      "\u03b1\u03c1\u03c7\u03b5\u03af\u03bf", // Greek: αρχείο
      "\uff71\uff72\uff73", // halfwidth katakana U+FF71..: above the surrogates in UTF-16, below U+10000 in UTF-8
      "\ue000 private use",
      "\ufffd replacement",
      // above U+FFFF (surrogate pairs in UTF-16, 4 bytes in UTF-8)
      "\ud83d\ude00 grin", // 😀
      "\ud834\udd1e clef", // 𝄞
      "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67", // 👩‍👩‍👧, joined by U+200D
      // combining marks, each without its other normal form here (the pair is in FOLD_PAIRS)
      "A\u030angstro\u0308m nfd", // Ångström in NFD
      "na\u00efve nfc", // naïve in NFC
      // punctuation that URLs, shells and XML treat specially
      "100%",
      "a%2Fb",
      "%41",
      "%7Etmp",
      "%25",
      "a+b",
      "a&b",
      "what?",
      "#hash",
      "k=v",
      "user@host",
      "back\\slash",
      "it's",
      "\"quoted\"",
      "~",
      "a~b",
      "~home",
      "$HOME",
      "<>:|?*",
      "[x]{y}(z)!;,^`",
      "&amp;",
      // names file systems or escapes treat specially
      "CON",
      "nul.txt",
      "LPT1.log",
      "a.",
      "...",
      ".hidden",
      "-dash",
      "\u00a0nbsp",
      "\u200bzero width",
      "\ufeffbom",
      // the longest segment: 85 three-byte characters
      "\u540d".repeat(85));

  /**
   * Pairs a case-insensitive or normalizing store folds onto one name: the first is an ASCII case pair, which
   * every folding store folds; the others only some do.
   */
  static final List<List<String>> FOLD_PAIRS = List.of(
      List.of("Readme.TXT", "readme.txt"),
      List.of("caf\u00e9", "cafe\u0301"), // é in NFC and in NFD
      List.of("\u00c4rger", "\u00e4rger"), // Ärger, ärger
      List.of("\u0424\u0410\u0419\u041b", "\u0444\u0430\u0439\u043b")); // ФАЙЛ, файл

  /** The three- and more-byte characters the longest path is made of, one per segment in turn. */
  private static final List<String> LONG_UNITS = List.of("\u0436", "\u540d", "\ud83d\ude00", "\u00e9");

  /**
   * A path of exactly {@code bytes} UTF-8 bytes below {@link #DIR}, of segments as long as allowed, in several
   * scripts. For 1,023 bytes: three 255-byte segments and one of 248.
   */
  static String longestPath(int bytes) {
    StringBuilder path = new StringBuilder(DIR);
    int remaining = bytes - utf8Length(DIR);
    for (int i = 0; remaining > 0; i++) {
      int segment = Math.min(255, remaining - 1);
      if (remaining - (segment + 1) == 1) {
        segment--; // leave room for a one-byte last segment rather than an empty one
      }
      path.append('/').append(filler(LONG_UNITS.get(i % LONG_UNITS.size()), segment));
      remaining -= segment + 1;
    }
    return path.toString();
  }

  /** Every file {@link NamesContract} stores: each name in {@link #DIR}, and the longest path the store holds. */
  static List<String> files(int maxPathBytes) {
    List<String> files = new ArrayList<>();
    for (String name : NAMES) {
      files.add(DIR + "/" + name);
    }
    files.add(longestPath(maxPathBytes));
    return List.copyOf(files);
  }

  /** Paths that break the grammar, each for one reason; no operation may accept them. */
  static final List<String> INVALID = List.of(
      "/nul\u0000byte",
      "/\u0000",
      "/c0\u0001",
      "/line\nfeed",
      "/tab\tname",
      "/unit\u001fseparator",
      "/del\u007f",
      "/c1\u0080",
      "/next\u0085line",
      "/c1\u009f",
      "/names/nul\u0000",
      "/high\ud800surrogate",
      "/high-at-end\ud83d",
      "/low\udc00surrogate",
      "/\ude00reversed\ud83d",
      "/.",
      "/..",
      "/names/.",
      "/names/..",
      "/names/../x",
      "/names/./x",
      "/" + "\u540d".repeat(85) + "x",
      "/names/" + "\u540d".repeat(86),
      longestPath(1024));

  /**
   * The walk order from first principles: paths as UTF-8 bytes with {@code '/'} counted below every byte a
   * segment may hold. NUL is such a byte no segment may hold, so comparing with {@code '/'} replaced by NUL is
   * comparing segment by segment.
   */
  static final Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(key(a), key(b));

  private static byte[] key(String path) {
    return path.replace('/', '\u0000').getBytes(StandardCharsets.UTF_8);
  }

  /** {@code unit} repeated, then ASCII {@code 'x'} up to exactly {@code bytes} UTF-8 bytes. */
  static String filler(String unit, int bytes) {
    int unitBytes = utf8Length(unit);
    String s = unit.repeat(bytes / unitBytes);
    return s + "x".repeat(bytes - utf8Length(s));
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** What the kit stores at {@code path}: different for every path, and not ASCII. */
  static byte[] content(String path) {
    return ("\u00bb" + path + "\u00ab").getBytes(StandardCharsets.UTF_8);
  }

  /** The directories and files below {@code top} that {@code files} imply, in {@link #UTF8_ORDER}. */
  static List<String> walkBelow(String top, List<String> files) {
    Set<String> all = new TreeSet<>(UTF8_ORDER);
    for (String file : files) {
      for (String p = file; p.length() > top.length(); p = p.substring(0, p.lastIndexOf('/'))) {
        all.add(p);
      }
    }
    return List.copyOf(all);
  }

  /** The direct children of {@code top} that {@code files} imply, in {@link #UTF8_ORDER}. */
  static List<String> childrenOf(String top, List<String> files) {
    int slash = "/".equals(top) ? 0 : top.length();
    Set<String> children = new LinkedHashSet<>();
    for (String p : walkBelow(top, files)) {
      if (p.lastIndexOf('/') == slash) {
        children.add(p);
      }
    }
    return List.copyOf(children);
  }

  /** {@code path} moved from {@code from} to {@code to}. */
  static String rebase(String path, String from, String to) {
    return to + path.substring(from.length());
  }
}
