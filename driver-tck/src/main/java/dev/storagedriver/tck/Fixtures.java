package dev.storagedriver.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.FileWriter;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.FileVisitResult;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Payloads and assertions the kit's tests share. */
final class Fixtures {
  private Fixtures() {}

  /** Deterministic pseudo-random bytes, so a failure reproduces. */
  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** The payloads of Distribution's round-trip cases, by name. */
  static byte[] payload(String kind) {
    switch (kind) {
      case "singleByte":
        return "a".getBytes(StandardCharsets.US_ASCII);
      case "utf8":
        return "\u00e9\u4e16\u754c \ud83d\ude00 storage".getBytes(StandardCharsets.UTF_8);
      case "random32":
        return randomBytes(32, 32);
      case "nonUtf8":
        return new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
      case "oneMiB":
        return randomBytes(1 << 20, 1);
      case "empty":
        return new byte[0];
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  static void write(StorageDriver driver, String path, byte[] content) throws IOException {
    try (FileWriter writer = driver.writer(path, false)) {
      writer.write(content);
      writer.commit();
    }
  }

  static byte[] concat(byte[]... parts) {
    int size = 0;
    for (byte[] part : parts) {
      size += part.length;
    }
    byte[] all = new byte[size];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** Asserts {@code call} fails with PathNotFound naming {@code path} and the driver. */
  static void assertPathNotFound(StorageDriver driver, String path, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown)
        .as("expected PathNotFoundException for %s", path)
        .isInstanceOf(PathNotFoundException.class);
    StorageDriverException e = (StorageDriverException) thrown;
    assertThat(e.driverName()).as("driver name in the error").isEqualTo(driver.name());
    assertThat(e.path()).as("path in the error").hasValue(path);
  }

  /** Deletes {@code path} if present, so a test leaves the store empty whatever it did. */
  static void deleteIfPresent(StorageDriver driver, String path) throws StorageDriverException {
    try {
      driver.delete(path);
    } catch (PathNotFoundException e) {
      // already gone
    }
  }

  /** Every path a whole walk from {@code from} visits, in order; a directory's ends with {@code /}. */
  static List<String> walked(StorageDriver driver, String from) throws IOException {
    List<String> visited = new ArrayList<>();
    driver.walk(from, info -> {
      visited.add(info.isDirectory() ? info.path() + "/" : info.path());
      return FileVisitResult.CONTINUE;
    });
    return visited;
  }
}
