package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.FileInfo;
import dev.storagedriver.InvalidPathException;
import dev.storagedriver.RedirectMethod;
import dev.storagedriver.StorageDriver;
import java.nio.file.FileVisitResult;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The path rules: which paths every operation accepts, and the error for the others. */
public interface PathContract extends DriverContract {

  /**
   * Every valid path is accepted and stores and returns content unchanged: Distribution's valid paths, a few more
   * at the edges of the rule, and some its rule refused that are valid now (see {@link NamesContract} for the
   * full set of names).
   *
   * @param path the valid path under test
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/a", "/2", "/aa", "/a.a", "/0-9/abcdefg", "/abcdefg/z.75", "/abc/1.2.3.4.5-6_zyx/123.z/4",
      "/docker/docker-registry", "/123.abc", "/abc./abc", "/.abc", "/a--b", "/a-.b", "/_.abc",
      "/Docker/docker-registry", "/Abc/Cba", "/a/...", "/a/.b", "/a b", "/a\u00e9", "/a?b", "/a*b", "/a\\b",
      "/~tmp", "/a/~uploads"})
  default void validPath_isAccepted_andRoundTripsContent(String path) throws Exception {
    StorageDriver d = driver();
    byte[] content = Fixtures.randomBytes(32, path.hashCode());
    d.putContent(path, content);
    assertThat(d.getContent(path)).isEqualTo(content);
    assertThat(d.stat(path).size()).isEqualTo(32);
    d.delete(path.substring(0, path.indexOf('/', 1) < 0 ? path.length() : path.indexOf('/', 1)));
  }

  /**
   * Every operation rejects an invalid path with {@code InvalidPathException} naming the driver, before the
   * backend sees it: Distribution's invalid paths that are still invalid (not absolute, empty segments, a trailing
   * slash, and the {@code .} and {@code ..} segments it wrongly allows). Control characters, surrogates and
   * lengths are in {@link NamesContract}.
   *
   * @param path the invalid path under test
   */
  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "abc", "123.abc", "//bcd", "/abc_123/", "/a/../b", "/a/./b", "/..", "/.", "/a//b",
      "\\a", "a/b", " /a"})
  default void invalidPath_isRejectedByEveryOperation_withDriverName(String path) {
    StorageDriver d = driver();
    assertInvalid(d, path, () -> d.putContent(path, new byte[] {1}));
    assertInvalid(d, path, () -> d.getContent(path));
    assertInvalid(d, path, () -> d.reader(path, 0));
    assertInvalid(d, path, () -> d.writer(path, false));
    assertInvalid(d, path, () -> d.stat(path));
    assertInvalid(d, path, () -> d.list(path));
    assertInvalid(d, path, () -> d.delete(path));
    assertInvalid(d, path, () -> d.move(path, "/valid"));
    assertInvalid(d, path, () -> d.move("/valid", path));
    assertInvalid(d, path, () -> d.redirectUrl(path, RedirectMethod.GET));
    assertInvalid(d, path, () -> d.walk(path, info -> FileVisitResult.CONTINUE));
  }

  /**
   * The root is not a file: {@code putContent}, {@code getContent}, {@code reader}, {@code writer}, {@code move}
   * and {@code delete} reject it.
   */
  @Test
  default void root_isRejectedByFileOperations() {
    StorageDriver d = driver();
    assertInvalid(d, "/", () -> d.putContent("/", new byte[] {1}));
    assertInvalid(d, "/", () -> d.getContent("/"));
    assertInvalid(d, "/", () -> d.reader("/", 0));
    assertInvalid(d, "/", () -> d.writer("/", false));
    assertInvalid(d, "/", () -> d.delete("/"));
    assertInvalid(d, "/", () -> d.move("/", "/x"));
  }

  /**
   * In an empty store the root exists: it stats as a directory and lists as empty.
   *
   * @throws Exception if the driver fails where the contract says it must not (the test then errors)
   */
  @Test
  default void root_ofEmptyStore_isAnEmptyDirectory() throws Exception {
    assertThat(driver().list("/")).isEmpty();
    FileInfo root = driver().stat("/");
    assertThat(root.isDirectory()).isTrue();
    assertThat(root.path()).isEqualTo("/");
  }

  private static void assertInvalid(StorageDriver d, String path, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("an invalid path \"%s\" must be rejected", path).isInstanceOf(InvalidPathException.class);
    assertThat(((InvalidPathException) thrown).driverName()).isEqualTo(d.name());
    assertThat(thrown.getMessage()).contains(d.name());
  }
}
