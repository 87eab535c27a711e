package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The on-disk escape itself: reversible on every host, canonical, and plain where nothing needs escaping. */
class NamesTest {
  private static final List<String> SEGMENTS = List.of("plain-name_1.txt", "100%", "%41", "%25", "~", "~tmp", "a~b",
      " lead", "trail ", "ünï", "\u540d", "\ud83d\ude00", "e\u0301", "CON", "nul.txt", "LPT1.log", "a.", "...",
      "a:b", "<>:|?*", "back\\slash", "\"q\"", "\ufffd", "\u00a0");
  private static final Names LINUX = new Names(false, false, 255);
  private static final Names WINDOWS = new Names(true, true, 255);
  private static final Names ASCII = new Names(false, true, 255);

  @Test
  void everySegment_decodesToItself_onEveryHost() {
    for (Names names : List.of(LINUX, WINDOWS, ASCII)) {
      for (String segment : SEGMENTS) {
        assertThat(names.decode(names.encode(segment))).as("round trip of %s", segment).isEqualTo(segment);
      }
    }
  }

  @Test
  void oldLayoutNames_areNeverEscaped() {
    for (Names names : List.of(LINUX, WINDOWS, ASCII)) {
      assertThat(names.encode("Abc-09_x.y")).isEqualTo("Abc-09_x.y");
    }
  }

  @Test
  void percentAndLeadingTilde_areAlwaysEscaped_soNoEncodedNameStartsWithTilde() {
    assertThat(LINUX.encode("100%")).isEqualTo("100%25");
    assertThat(LINUX.encode("~tmp")).isEqualTo("%7Etmp");
    assertThat(LINUX.encode("a~")).isEqualTo("a~");
    assertThat(LINUX.encode("ünï \ud83d\ude00")).isEqualTo("ünï \ud83d\ude00");
    for (String segment : SEGMENTS) {
      assertThat(WINDOWS.encode(segment)).doesNotStartWith("~");
    }
  }

  @Test
  void windowsNames_escapeReservedCharactersDeviceNamesAndTrailingDotsAndSpaces() {
    assertThat(WINDOWS.encode("CON")).isEqualTo("%43ON");
    assertThat(WINDOWS.encode("lpt1.log")).isEqualTo("%6Cpt1.log");
    assertThat(WINDOWS.encode("a.")).isEqualTo("a%2E");
    assertThat(WINDOWS.encode("a ")).isEqualTo("a%20");
    assertThat(WINDOWS.encode("a:b")).isEqualTo("a%3Ab");
    assertThat(WINDOWS.encode("ü")).isEqualTo("%C3%BC");
    assertThat(WINDOWS.encode("CONSOLE")).isEqualTo("CONSOLE");
    assertThat(WINDOWS.encode("COM0")).isEqualTo("%43OM0");
    assertThat(WINDOWS.encode("lpt0.txt")).isEqualTo("%6Cpt0.txt");
    assertThat(WINDOWS.encode("COM\u00b9")).isEqualTo("COM%C2%B9");
  }

  @Test
  void namesThatAreNoEncoding_decodeToNothing() {
    for (String foreign : List.of("~backup", "%41", "%2f", "%", "%4", "%ZZ", "%C3", "%FF", "a\u0001b", "..")) {
      assertThat(LINUX.decode(foreign)).as("decoding %s", foreign).isNull();
    }
    assertThat(WINDOWS.decode("CON")).isNull();
    assertThat(WINDOWS.decode("ü")).isNull();
  }
}
