package dev.storagedriver.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The glob syntax of --include and --exclude, matched against relative paths. */
class SelectionTest {
  private static boolean matches(String glob, String relative) {
    return Selection.compile(glob).matcher(relative).matches();
  }

  @Test
  void star_staysWithinASegment_doubleStarCrossesThem() {
    assertThat(matches("a/*.txt", "a/b.txt")).isTrue();
    assertThat(matches("a/*.txt", "a/b/c.txt")).isFalse();
    assertThat(matches("a/**", "a/b/c.txt")).isTrue();
    assertThat(matches("**/c.txt", "c.txt")).as("**/ also matches no directory").isTrue();
    assertThat(matches("**/c.txt", "a/b/c.txt")).isTrue();
  }

  @Test
  void questionMark_setsAndAlternatives() {
    assertThat(matches("f?.log", "f1.log")).isTrue();
    assertThat(matches("f?.log", "f/.log")).isFalse();
    assertThat(matches("[a-c]x", "bx")).isTrue();
    assertThat(matches("[!a-c]x", "bx")).isFalse();
    assertThat(matches("*.{jpg,png}", "p.png")).isTrue();
    assertThat(matches("*.{jpg,png}", "p.gif")).isFalse();
  }

  @Test
  void everythingElse_isLiteral_andBackslashEscapes() {
    assertThat(matches("a+b (1).txt", "a+b (1).txt")).isTrue();
    assertThat(matches("100%.txt", "100%.txt")).isTrue();
    assertThat(matches("\\*.txt", "*.txt")).isTrue();
    assertThat(matches("\\*.txt", "a.txt")).isFalse();
    assertThat(matches("日本*", "日本語.txt")).isTrue();
  }

  @Test
  void aLeadingSlash_anchorsAtTheCommandsDirectory() {
    assertThat(matches("/a.txt", "a.txt")).isTrue();
    assertThat(matches("/a.txt", "x/a.txt")).isFalse();
  }

  @Test
  void anUnclosedBrace_isAUsageError() {
    assertThatThrownBy(() -> Selection.compile("{a,b")).isInstanceOf(CliException.class)
        .hasMessageContaining("unclosed '{'");
  }
}
