package dev.storagedriver.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storagedriver.FileInfo;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacker threads swap directories inside the root for links to a directory outside it, and back, while
 * workers run every kind of operation below them (issue 12). Nothing outside may be read, created, changed or
 * deleted: its files hold a canary no stored content holds, names exist there that exist nowhere inside, and
 * the whole outside tree (types, sizes, contents, modification times) is compared before and after.
 */
class SwapRaceTest {
  private static final String CANARY = "CANARY-outside";
  /** The directories the workers use: each is swapped for a link to the outside directory. */
  private static final List<String> SWAPPED = List.of("/d0", "/d1/s");
  private static final long RACE_MILLIS = 5_000;
  private static final long SEED = System.nanoTime();

  @TempDir
  Path temp;

  private final ConcurrentLinkedQueue<String> escapes = new ConcurrentLinkedQueue<>();
  private final AtomicInteger operations = new AtomicInteger();

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void swappingDirectoriesForLinksOutside_duringEveryOperation_neverReachesOutside() throws Exception {
    Path root = temp.resolve("store");
    Path outside = temp.resolve("outside");
    plantOutside(outside);
    Map<String, String> before = snapshot(outside);

    try (StorageDriver driver = FilesystemDriver.open(root)) {
      for (String dir : SWAPPED) {
        seed(driver, dir);
      }
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      // d0 itself is swapped, and d1's subdirectory s (not both levels of one path: an attacker renaming through
      // the other's link would itself act outside).
      threads.add(attacker(root, outside, "d0", stop));
      threads.add(attacker(root, outside, "d1/s", stop));
      threads.add(attacker(root, outside, "~tmp", stop));
      threads.add(attacker(root, outside, "~uploads", stop));
      for (int w = 0; w < 4; w++) {
        threads.add(worker(driver, new Random(SEED + w), stop));
      }
      threads.forEach(Thread::start);
      Thread.sleep(RACE_MILLIS);
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }

    assertThat(operations.get()).as("operations run during the race").isGreaterThan(1000);
    Map<String, String> after = snapshot(outside);
    List<String> problems = new ArrayList<>(escapes);
    for (String entry : before.keySet()) {
      if (!after.containsKey(entry)) {
        problems.add("deleted outside: " + entry);
      } else if (!after.get(entry).equals(before.get(entry))) {
        problems.add("changed outside: " + entry);
      }
    }
    for (String entry : after.keySet()) {
      if (!before.containsKey(entry)) {
        problems.add("created outside: " + entry);
      }
    }
    assertThat(problems).as("reads from and changes outside the root in %s operations (seed %s)",
        operations.get(), SEED).isEmpty();
  }

  /** Outside: canaries under every name the workers use, and names that exist only outside. */
  private static void plantOutside(Path outside) throws IOException {
    for (String file : List.of("f", "s/f", "w", "m0", "m1", "gone/x", "new0", "new1", "only-outside",
        "s/only-outside")) {
      Path p = outside.resolve(file);
      Files.createDirectories(p.getParent());
      Files.write(p, (CANARY + " " + file).getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void seed(StorageDriver driver, String dir) throws IOException {
    driver.putContent(dir + "/f", inside(dir + "/f"));
    driver.putContent(dir + "/s/f", inside(dir + "/s/f"));
    driver.putContent(dir + "/m0", inside(dir + "/m0"));
  }

  private static byte[] inside(String path) {
    return ("inside " + path).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Swaps {@code root/name} with a link to {@code outside} by renames, as in the issue: directory aside, link in,
   * link back out, directory back.
   */
  private static Thread attacker(Path root, Path outside, String name, AtomicBoolean stop) {
    return new Thread(() -> {
      Path real = root.resolve(name);
      Path aside = root.resolve("aside-" + name.replace('/', '-'));
      Path link = root.resolve("link-" + name.replace('/', '-'));
      Path target = outside;
      try {
        Files.createSymbolicLink(link, target);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      while (!stop.get()) {
        try {
          Files.move(real, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          Thread.onSpinWait();
          continue; // not there at the moment (pruned, or its parent is aside)
        }
        try {
          Files.move(link, real, StandardCopyOption.ATOMIC_MOVE);
          Thread.yield();
          Files.move(real, link, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          // the driver made a new directory there meanwhile; ours goes back beside it below
        }
        restore(aside, real);
      }
    }, "attacker-" + name);
  }

  private static void restore(Path aside, Path real) {
    for (int i = 0; i < 100; i++) {
      try {
        Files.move(aside, real, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (IOException e) {
        try {
          if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            NioTrees.deleteRecursively(real); // the driver's new, replacing one: ours is the one that stays
          }
        } catch (IOException ignored) {
          // try again
        }
      }
    }
  }

  private Thread worker(StorageDriver driver, Random random, AtomicBoolean stop) {
    return new Thread(() -> {
      int i = 0;
      while (!stop.get()) {
        String dir = SWAPPED.get(random.nextInt(SWAPPED.size()));
        try {
          runOne(driver, dir, i++ % 10, random);
        } catch (IOException | RuntimeException e) {
          // not found, conflicts: the attacker moved things; only reaching outside is a failure here
        }
        operations.incrementAndGet();
      }
    }, "worker");
  }

  private void runOne(StorageDriver driver, String dir, int kind, Random random) throws IOException {
    switch (kind) {
      case 0 -> check(dir + "/f", driver.getContent(dir + "/f"));
      case 1 -> {
        try (InputStream in = driver.reader(dir + "/s/f", 0)) {
          check(dir + "/s/f", in.readAllBytes());
        }
      }
      case 2 -> {
        FileInfo info = driver.stat(dir + (random.nextBoolean() ? "/only-outside" : "/s/only-outside"));
        escapes.add("stat found " + info.path());
      }
      case 3 -> {
        for (String p : driver.list(random.nextBoolean() ? dir : dir + "/s")) {
          checkName(p);
        }
      }
      case 4 -> driver.walk(dir, info -> {
        checkName(info.path());
        return FileVisitResult.CONTINUE;
      });
      case 5 -> driver.putContent(dir + "/new" + random.nextInt(2), inside(dir + "/new"));
      case 6 -> {
        try (FileWriter writer = driver.writer(dir + "/w", random.nextBoolean())) {
          writer.write(inside(dir + "/w"));
          if (random.nextBoolean()) {
            writer.commit();
          }
        }
      }
      case 7 -> {
        int from = random.nextInt(2);
        driver.move(dir + "/m" + from, dir + "/m" + (1 - from));
      }
      case 8 -> {
        driver.putContent(dir + "/gone/x", inside(dir + "/gone/x"));
        driver.delete(dir + "/gone");
      }
      default -> {
        driver.putContent(dir + "/s/f", inside(dir + "/s/f"));
        driver.putContent(dir + "/m0", inside(dir + "/m0"));
        driver.delete(dir + "/w");
      }
    }
  }

  private void check(String path, byte[] content) {
    if (new String(content, StandardCharsets.UTF_8).contains(CANARY)) {
      escapes.add("read of " + path + " returned outside content");
    }
  }

  private void checkName(String path) {
    if (path.endsWith("only-outside")) {
      escapes.add("listed " + path);
    }
  }

  /** Every entry below {@code dir} (links not followed): type, size, content and modification time. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String content = a.isRegularFile() ? Arrays.toString(Files.readAllBytes(p)) : "";
        entries.put(dir.relativize(p).toString(), (a.isDirectory() ? "dir " : a.isRegularFile() ? "file " : "other ")
            + a.size() + " " + a.lastModifiedTime() + " " + content);
      }
    }
    return entries;
  }

  /** Plain recursive deletion for the attacker's clean-up, links removed as links. */
  private static final class NioTrees {
    static void deleteRecursively(Path p) throws IOException {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> children = Files.list(p)) {
          for (Path c : (Iterable<Path>) children::iterator) {
            deleteRecursively(c);
          }
        }
      }
      Files.deleteIfExists(p);
    }
  }
}
