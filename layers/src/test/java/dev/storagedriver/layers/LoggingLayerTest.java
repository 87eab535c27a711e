package dev.storagedriver.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.inmemory.InMemoryStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The logging layer, through SLF4J's simple logger, which this module's test run points at a file (see the pom):
 * the lines are read back from it. Each test uses its own path names, so the lines are its own.
 */
class LoggingLayerTest {
  private static final Path LOG = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
  private final InMemoryStore store = new InMemoryStore(0);
  private final String dir = "/" + UUID.randomUUID();

  private List<String> linesAbout(String text) throws Exception {
    return Files.readAllLines(LOG, StandardCharsets.UTF_8).stream().filter(l -> l.contains(text)).toList();
  }

  @Test
  void everyCall_isOneLine_withOperationPathBytesDurationAndOutcome() throws Exception {
    try (StorageDriver driver = Stacks.open(store.backend(),
        "[ { name = logging, level = info, logger = dev.storagedriver.layers.test.logging } ]")) {
      driver.putContent(dir + "/a", new byte[5]);
      driver.getContent(dir + "/a");
      catchThrowable(() -> driver.getContent(dir + "/missing"));
      try (InputStream in = driver.reader(dir + "/a", 2)) {
        in.readAllBytes();
      }
      try (FileWriter w = driver.writer(dir + "/w", false)) {
        w.write(new byte[7]);
        w.commit();
      }
    }
    assertThat(linesAbout(dir)).hasSize(5);
    assertThat(linesAbout("putContent " + dir + "/a ")).singleElement().asString()
        .contains("INFO").contains("inmemory putContent " + dir + "/a 5 bytes").endsWith(" ok");
    assertThat(linesAbout("getContent " + dir + "/a ")).singleElement().asString().contains("5 bytes")
        .matches(".* \\d+ µs ok$");
    assertThat(linesAbout(dir + "/missing")).singleElement().asString().endsWith("PATH_NOT_FOUND");
    assertThat(linesAbout("reader " + dir + "/a")).singleElement().asString().contains("3 bytes");
    assertThat(linesAbout("writer " + dir + "/w")).singleElement().asString().contains("7 bytes").endsWith("ok");
  }

  @Test
  void belowTheLoggersThreshold_nothingIsLogged() throws Exception {
    // the run's default level is warn: debug lines of another logger are dropped
    try (StorageDriver driver = Stacks.open(store.backend(),
        "[ { name = logging, level = debug, logger = dev.storagedriver.layers.quiet } ]")) {
      driver.putContent(dir + "/a", new byte[5]);
    }
    assertThat(linesAbout(dir)).isEmpty();
  }

  @Test
  void anUnknownLevel_isAnInvalidConfig() {
    Throwable e = catchThrowable(() -> Stacks.stack(store.backend(), "[ { name = logging, level = loud } ]"));
    assertThat(e).hasMessageContaining("storagedriver.layers[0].level")
        .hasMessageContaining("trace, debug, info, warn, error");
  }
}
