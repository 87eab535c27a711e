package dev.storagedriver.jpmstests;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.storagedriver.PathNotFoundException;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDriverRegistry;
import dev.storagedriver.oss.emulator.OssEmulator;
import dev.storagedriver.spi.StorageDriverFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Opens each project driver by name through {@link StorageDriverRegistry}, stores a file, reads it back, deletes
 * it and sees it gone (a typed {@link PathNotFoundException}), and prints one line per driver: {@code <name> <module of its factory> ok}. An unnamed module
 * means the factory came from the class path. Exits non-zero on the first failure.
 */
public final class OpenEveryDriver {
  private static final String BUCKET = "jpms";

  private OpenEveryDriver() {}

  /**
   * Runs the check.
   *
   * @param args the driver names to open, in order
   * @throws Exception on any failure, which the JVM reports with a non-zero exit
   */
  public static void main(String[] args) throws Exception {
    StorageDriverRegistry registry = StorageDriverRegistry.load();
    System.out.println("registered " + registry.names());
    Path root = Files.createTempDirectory("jpms-filesystem");
    try {
      openEach(registry, args, root);
    } finally {
      deleteTree(root);
    }
    lookUpTheRest(registry);
  }

  private static void openEach(StorageDriverRegistry registry, String[] args, Path root) throws Exception {
    try (OssEmulator emulator = OssEmulator.builder().bucket(BUCKET).build().start()) {
      for (String name : args) {
        StorageDriverFactory factory = registry.factory(name)
            .orElseThrow(() -> new IllegalStateException("no single driver registered as " + name + " in "
                + registry.names()));
        try (StorageDriver driver = registry.open(name, config(name, root, emulator))) {
          byte[] content = ("stored through " + name).getBytes(StandardCharsets.UTF_8);
          driver.putContent("/jpms/probe", content);
          if (!Arrays.equals(driver.getContent("/jpms/probe"), content)) {
            throw new IllegalStateException(name + " returned other bytes than it stored");
          }
          driver.delete("/jpms");
          try {
            driver.stat("/jpms/probe");
            throw new IllegalStateException(name + " still has a file it deleted");
          } catch (PathNotFoundException expected) {
            // the driver's own error, typed by the portable layer: error handling works here too
          }
        }
        String module = factory.getClass().getModule().isNamed()
            ? factory.getClass().getModule().getName() : "unnamed";
        System.out.println(name + " " + module + " ok");
      }
    }
  }

  private static void lookUpTheRest(StorageDriverRegistry registry) throws Exception {
    // A driver that needs a server of its own (s3) is only looked up: found, from its named module or not.
    StorageDriverFactory s3 = registry.factory("s3")
        .orElseThrow(() -> new IllegalStateException("no s3 driver in " + registry.names()));
    System.out.println("s3 " + moduleOf(s3) + " found");
    // Layers are found the same way: a stack over inmemory, opened through the registry from configuration.
    Config layered = ConfigFactory.parseString("storagedriver { driver = inmemory, layers = [retry, logging] }");
    try (StorageDriver driver = registry.open(layered)) {
      driver.putContent("/jpms/layered", new byte[] {1});
      if (driver.getContent("/jpms/layered").length != 1) {
        throw new IllegalStateException("the layered driver returned other bytes than it stored");
      }
    }
    System.out.println("layers " + moduleOf(registry.layers().factory("retry").orElseThrow()) + " ok");
  }

  /** The filesystem driver's root and its hidden directories: the check leaves nothing in the temporary folder. */
  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static String moduleOf(Object factory) {
    Module module = factory.getClass().getModule();
    return module.isNamed() ? module.getName() : "unnamed";
  }

  private static Config config(String name, Path root, OssEmulator emulator) {
    Map<String, Object> parameters = switch (name) {
      case "filesystem" -> Map.of("rootdirectory", root.toString());
      case "oss" -> Map.of(
          "endpoint", emulator.endpoint(),
          "region", emulator.region(),
          "bucket", BUCKET,
          "accesskeyid", emulator.accessKeyId(),
          "accesskeysecret", emulator.accessKeySecret());
      default -> Map.of();
    };
    return ConfigFactory.parseMap(Map.of("storagedriver", Map.of(name, parameters)));
  }
}
