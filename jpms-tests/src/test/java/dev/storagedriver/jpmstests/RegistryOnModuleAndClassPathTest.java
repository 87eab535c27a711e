package dev.storagedriver.jpmstests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link OpenEveryDriver} in a JVM of its own, as an application would start: once with everything on the
 * module path, where the registry can only find the drivers through their {@code provides} clauses, and once
 * with everything on the class path, where it finds them through the {@code META-INF/services} files.
 */
class RegistryOnModuleAndClassPathTest {
  private static final List<String> DRIVERS = List.of("inmemory", "filesystem", "oss");

  @Test
  void everyDriver_opensThroughTheRegistry_onTheModulePath() throws Exception {
    Run run = java("--module-path", runtimePath(), "--module",
        "dev.storagedriver.jpmstests/dev.storagedriver.jpmstests.OpenEveryDriver");
    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output).contains(
        "inmemory dev.storagedriver.inmemory ok",
        "filesystem dev.storagedriver.filesystem ok",
        "oss dev.storagedriver.oss ok",
        "s3 dev.storagedriver.s3 found",
        "layers dev.storagedriver.layers ok");
  }

  @Test
  void everyDriver_opensThroughTheRegistry_onTheClassPath() throws Exception {
    Run run = java("-cp", runtimePath(), "dev.storagedriver.jpmstests.OpenEveryDriver");
    assertThat(run.exitCode).as(run.output).isZero();
    assertThat(run.output).contains("inmemory unnamed ok", "filesystem unnamed ok", "oss unnamed ok",
        "s3 unnamed found", "layers unnamed ok");
  }

  /** The program's classes and its run-time dependencies, as the build wrote them; no test dependency. */
  private static String runtimePath() throws IOException {
    String dependencies = Files.readString(Path.of(System.getProperty("jpms.runtime.path"))).trim();
    return System.getProperty("jpms.program.classes") + File.pathSeparator + dependencies;
  }

  private record Run(int exitCode, String output) {}

  private static Run java(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(arguments));
    command.addAll(DRIVERS);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the program did not end within 2 minutes");
    }
    return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
