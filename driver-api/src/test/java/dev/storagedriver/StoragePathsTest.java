package dev.storagedriver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoragePathsTest {

  @ParameterizedTest
  @ValueSource(strings = {"/a", "/a/b", "/a.b/c-d/e_f", "/...", "/.a", "/a./b", "/A/Z/0/9", "/a b", "/ a ", "/a~",
      "/~tmp", "/é", "/e\u0301", "/\uD83D\uDE00", "/%2F", "/a\\b", "/日本語/ファイル", "/\u00A0", "/\uFFFD"})
  void violation_ofValidPath_isEmpty(String path) {
    assertThat(StoragePaths.violation(path)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "a", "//", "/a/", "/a//b", "/./a", "/a/..", "/a\u0000", "/\u001F", "/\u007F",
      "/\u0080", "/\u009F", "/\uD800", "/\uDC00x", "/a\uD83D"})
  void violation_ofInvalidPath_saysWhy(String path) {
    assertThat(StoragePaths.violation(path)).isPresent();
  }

  @Test
  void violation_ofControlCharacter_namesItsCodePoint() {
    assertThat(StoragePaths.violation("/a\u001Bb")).hasValueSatisfying(reason ->
        assertThat(reason).contains("U+001B").contains("index 2").doesNotContain("\u001B"));
  }

  @Test
  void violation_ofUnpairedSurrogate_namesIt() {
    assertThat(StoragePaths.violation("/a\uDE00")).hasValueSatisfying(reason ->
        assertThat(reason).contains("unpaired surrogate U+DE00"));
  }

  @Test
  void segmentOf255Utf8Bytes_isValid_and256_isNot() {
    String twoByteChars = "é".repeat(127);
    assertThat(StoragePaths.violation("/" + twoByteChars + "a")).isEmpty();
    assertThat(StoragePaths.violation("/" + twoByteChars + "ab")).hasValueSatisfying(reason ->
        assertThat(reason).contains("256 bytes in UTF-8").contains("at most 255"));
  }

  @Test
  void segmentLimit_countsFourBytesForACharacterAboveTheBmp() {
    String emoji = "\uD83D\uDE00";
    assertThat(StoragePaths.violation("/" + emoji.repeat(63) + "abc")).isEmpty();
    assertThat(StoragePaths.violation("/" + emoji.repeat(64))).isPresent();
  }

  @Test
  void pathOf1023Utf8Bytes_isValid_and1024_isNot() {
    String segment = "a".repeat(254);
    String path1020 = ("/" + segment).repeat(4);
    assertThat(StoragePaths.violation(path1020 + "/bc")).isEmpty();
    assertThat(StoragePaths.violation(path1020 + "/bcd")).hasValueSatisfying(reason ->
        assertThat(reason).contains("1024 bytes in UTF-8").contains("at most 1023"));
  }

  @Test
  void deepestPath_has511Levels() {
    assertThat(StoragePaths.violation("/a".repeat(511))).isEmpty();
    assertThat(StoragePaths.violation("/a".repeat(512))).isPresent();
  }

  @Test
  void segmentViolation_acceptsOneSegmentOnly() {
    assertThat(StoragePaths.segmentViolation("a b")).isEmpty();
    assertThat(StoragePaths.segmentViolation("a/b")).isPresent();
    assertThat(StoragePaths.segmentViolation("")).hasValue("name is empty");
    assertThat(StoragePaths.segmentViolation("..")).isPresent();
  }

  @Test
  void printable_escapesControlCharactersAndLeavesValidPathsAlone() {
    assertThat(StoragePaths.printable("/a\u001B[2Jb\nc\u0085")).isEqualTo("/a\\x1B[2Jb\\nc\\u0085");
    assertThat(StoragePaths.printable("/日本 \\ \uD83D\uDE00")).isEqualTo("/日本 \\ \uD83D\uDE00");
    assertThat(StoragePaths.printable("/\uD800")).isEqualTo("/\\uD800");
  }

  @Test
  void invalidPathException_printsThePathEscaped() {
    InvalidPathException e = new InvalidPathException("d", "/a\u001B", "why");
    assertThat(e.getMessage()).contains("/a\\x1B").doesNotContain("\u001B");
  }

  @Test
  void violation_ofNull_saysNull() {
    assertThat(StoragePaths.violation(null)).hasValue("path is null");
  }

  @Test
  void violation_ofDotDotSegment_namesTheSegment() {
    assertThat(StoragePaths.violation("/a/../b")).hasValue("segment '..' is not allowed");
  }

  @Test
  void isValidDirectory_acceptsRootButIsValidDoesNot() {
    assertThat(StoragePaths.isValidDirectory("/")).isTrue();
    assertThat(StoragePaths.isValid("/")).isFalse();
  }

  @Test
  void parentNameAndChild_roundTrip() {
    assertThat(StoragePaths.parent("/a/b/c")).isEqualTo("/a/b");
    assertThat(StoragePaths.parent("/a")).isEqualTo("/");
    assertThat(StoragePaths.name("/a/b/c")).isEqualTo("c");
    assertThat(StoragePaths.child("/", "a")).isEqualTo("/a");
    assertThat(StoragePaths.child("/a", "b")).isEqualTo("/a/b");
  }

  @Test
  void isStrictlyBelow_requiresASegmentBoundary() {
    assertThat(StoragePaths.isStrictlyBelow("/a/b", "/a")).isTrue();
    assertThat(StoragePaths.isStrictlyBelow("/ab", "/a")).isFalse();
    assertThat(StoragePaths.isStrictlyBelow("/a", "/a")).isFalse();
    assertThat(StoragePaths.isStrictlyBelow("/a", "/")).isTrue();
    assertThat(StoragePaths.isStrictlyBelow("/", "/")).isFalse();
  }

  @Test
  void walkOrder_putsASubtreeBeforeSiblingsThatShareItsPrefix() {
    List<String> paths = new ArrayList<>(List.of("/folder1-suffix", "/folder1/z", "/folder1", "/folder1.x",
        "/folder10", "/folder1/a/b"));
    paths.sort(StoragePaths.WALK_ORDER);
    assertThat(paths).containsExactly("/folder1", "/folder1/a/b", "/folder1/z", "/folder1-suffix", "/folder1.x",
        "/folder10");
  }

  @Test
  void walkOrder_isCodePointOrder_evenAboveTheBmp() {
    // U+FF5E (fullwidth tilde) is below U+1F600 as a code point and in UTF-8, though above its UTF-16 surrogates.
    List<String> paths = new ArrayList<>(List.of("/\uD83D\uDE00", "/\uFF5E", "/a b", "/a", "/a/b", "/Z"));
    paths.sort(StoragePaths.WALK_ORDER);
    assertThat(paths).containsExactly("/Z", "/a", "/a/b", "/a b", "/\uFF5E", "/\uD83D\uDE00");
  }
}
