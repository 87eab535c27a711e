package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.StorageDriver;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing JVM with SIGKILL at random moments (in putContent, in a writer's writes, in its commit) and
 * checks each time that a fresh driver finds either the old or the new content at each path, and nothing else.
 */
class CrashTest {
  private static final int VICTIMS_IN_PARALLEL = 2;
  private static final int KILLS_PER_VICTIM = 26;
  private static final long SEED = System.nanoTime();

  @TempDir
  Path temp;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void sigkillDuringWrites_alwaysLeavesOldOrNewContent_andNoVisibleTemporaryFile() throws Exception {
    AtomicInteger kills = new AtomicInteger();
    Map<String, Integer> killedDuring = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> victims = new ArrayList<>();
    for (int v = 0; v < VICTIMS_IN_PARALLEL; v++) {
      Path root = temp.resolve("store" + v);
      Random random = new Random(SEED + v);
      seed(root);
      victims.add(CompletableFuture.runAsync(() -> {
        try {
          for (int k = 0; k < KILLS_PER_VICTIM; k++) {
            String operation = killOnce(root, random.nextInt(250));
            killedDuring.merge(operation.split(" ")[0], 1, Integer::sum);
            kills.incrementAndGet();
          }
        } catch (Exception e) {
          throw new IllegalStateException("with seed " + SEED + ": " + e.getMessage(), e);
        }
      }));
    }
    CompletableFuture.allOf(victims.toArray(CompletableFuture[]::new)).join();
    assertThat(kills.get()).isGreaterThanOrEqualTo(50);
    System.out.println("kills by operation in flight (seed " + SEED + "): " + killedDuring);
    assertThat(killedDuring).as("kills landed in both kinds of write").containsKeys("put", "stream");
  }

  /** Returns what the victim said it was doing when it died. */
  private String killOnce(Path root, int delayMillis) throws Exception {
    Process victim = new ProcessBuilder(javaExecutable(), "-Xmx64m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), CrashVictim.class.getName(),
        root.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    AtomicReference<String> lastLine = new AtomicReference<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          lastLine.set(line);
          ready.complete(null);
        }
      } catch (IOException e) {
        // the pipe breaks when the victim dies
      }
      ready.complete(null);
    });
    reader.start();
    try {
      ready.get(60, TimeUnit.SECONDS);
      Thread.sleep(delayMillis);
    } finally {
      victim.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no finally blocks
      victim.waitFor();
      reader.join();
    }
    assertThat(lastLine.get()).as("the victim started writing").isNotNull();
    assertSurvivorsIntact(root, lastLine.get());
    return lastLine.get();
  }

  private static void assertSurvivorsIntact(Path root, String killedDuring) throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      for (String path : List.of(CrashVictim.PUT_PATH, CrashVictim.STREAM_PATH)) {
        byte[] content = driver.getContent(path);
        boolean oldOrNew = Arrays.equals(content, CrashVictim.content(path, 0))
            || Arrays.equals(content, CrashVictim.content(path, 1));
        assertThat(oldOrNew).as("%s after a kill during '%s' holds %s bytes of neither version", path,
            killedDuring, content.length).isTrue();
      }
      List<String> walked = new ArrayList<>();
      driver.walk("/", info -> {
        walked.add(info.path());
        return FileVisitResult.CONTINUE;
      });
      assertThat(walked).containsExactly("/crash", CrashVictim.PUT_PATH, CrashVictim.STREAM_PATH);
      assertThat(driver.list("/")).containsExactly("/crash");
      assertThat(driver.list("/crash")).containsExactly(CrashVictim.PUT_PATH, CrashVictim.STREAM_PATH);
    }
  }

  /** Stores version 0 of both files, so that there is always an old content to find. */
  private static void seed(Path root) throws Exception {
    try (StorageDriver driver = FilesystemDriver.open(root)) {
      for (String path : List.of(CrashVictim.PUT_PATH, CrashVictim.STREAM_PATH)) {
        driver.putContent(path, CrashVictim.content(path, 0));
      }
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
        .toString();
  }
}
