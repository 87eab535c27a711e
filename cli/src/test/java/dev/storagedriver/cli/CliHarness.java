package dev.storagedriver.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.storagedriver.oss.emulator.OssEmulator;

/** Runs the tool through {@link Main#run} with captured streams, against backends configured in a temp dir. */
final class CliHarness {
  /** What a run printed and returned. */
  record Result(int code, String out, String err) {}

  private final Path dir;

  CliHarness(Path dir) {
    this.dir = dir;
  }

  /** A config file for the filesystem driver rooted at {@code dir/<name>}. */
  Path filesystem(String name) throws IOException {
    return config(name + ".conf", "storagedriver { driver = filesystem, filesystem.rootdirectory = \""
        + dir.resolve(name).toString().replace("\\", "/") + "\" }");
  }

  /**
   * A config file for the oss driver on {@code oss}'s bucket {@code bucket}, with {@code extra} parameters
   * (HOCON, e.g. {@code "maxretries = 0"}) added.
   */
  Path oss(OssEmulator oss, String bucket, String extra) throws IOException {
    return config(bucket + ".conf", "storagedriver { driver = oss, oss { endpoint = \"" + oss.endpoint()
        + "\", bucket = " + bucket + ", region = " + oss.region() + ", accesskeyid = " + oss.accessKeyId()
        + ", accesskeysecret = " + oss.accessKeySecret() + (extra.isEmpty() ? "" : ", " + extra) + " } }");
  }

  /** {@code first} followed by {@code rest}. */
  static String[] concat(String[] first, String... rest) {
    String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }

  Path config(String fileName, String text) throws IOException {
    return Files.writeString(dir.resolve(fileName), text);
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  Result runWithInput(String stdin, String... args) {
    return runWithInput(stdin.getBytes(StandardCharsets.UTF_8), args);
  }

  Result runWithInput(byte[] stdin, String... args) {
    return run(stdin, false, new Interruption(), args);
  }

  /** Standard output's bytes, for binary content ({@code cat}). */
  byte[] runBytes(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false), args);
    return out.toByteArray();
  }

  /** As if a person were at a terminal: questions are asked, a progress bar is drawn on standard error. */
  Result runOnTerminal(String stdin, String... args) {
    return run(stdin.getBytes(StandardCharsets.UTF_8), true, new Interruption(), args);
  }

  /** A run whose Ctrl-C is {@code interruption}: the test requests it to interrupt the run. */
  Result run(byte[] stdin, boolean terminal, Interruption interruption, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new Io(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), terminal, interruption, dir.resolve("state")), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
