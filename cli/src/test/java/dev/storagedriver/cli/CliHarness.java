package dev.storagedriver.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new Io(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
