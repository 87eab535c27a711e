package dev.storagedriver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoragePathsTest {

  @ParameterizedTest
  @ValueSource(strings = {"/a", "/a/b", "/a.b/c-d/e_f", "/...", "/.a", "/a./b", "/A/Z/0/9"})
  void violation_ofValidPath_isEmpty(String path) {
    assertThat(StoragePaths.violation(path)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "a", "//", "/a/", "/a//b", "/./a", "/a/..", "/a b", "/a~", "/é"})
  void violation_ofInvalidPath_saysWhy(String path) {
    assertThat(StoragePaths.violation(path)).isPresent();
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
}
