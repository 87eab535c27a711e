package dev.storagedriver.benchmarks;

import dev.storagedriver.oss.emulator.OssEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The data the scenarios read, and the keys they write: the same shape for every subject.
 *
 * <ul>
 *   <li>a two-level tree {@code <prefix>/xx/yy/oNNNNN} of 4 KiB objects: 16 × 16 directories, {@code n / 256}
 *       objects in each;
 *   <li>a flat directory {@code /bench/flat/oNNNNN} of 4 KiB objects, for listing;
 *   <li>1 MiB objects {@code /bench/large/lNN} and 16 MiB objects {@code /bench/stream/sNN}.
 * </ul>
 *
 * <p>Setup is never measured. On disk, the data sets for the filesystem driver, the NIO baseline and OpenDAL
 * {@code fs} are one directory written with plain NIO (the three share a layout); jclouds writes its own (it keeps
 * metadata in extended attributes). Both are kept between runs, marked complete by a marker file, because writing
 * 20,000 files durably takes longer than the benchmark. In-memory subjects are filled in each JVM through
 * themselves; the OSS emulator (in-process) is filled directly, without requests.
 */
final class Datasets {
  static final int SMALL = 4 * 1024;
  static final int LARGE = 1024 * 1024;
  static final int STREAM = 16 * 1024 * 1024;
  static final int LARGE_COUNT = 16;

  static final String TREE = "/bench/tree";
  static final String FLAT = "/bench/flat";

  private Datasets() {}

  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  /**
   * {@code <prefix>/0x/0y/oNNNNN}. Built by hand: every forked JVM makes tens of thousands of keys, and
   * {@code String.format} in a cold JVM made that a noticeable part of each fork's start.
   */
  static String treeKey(String prefix, int i) {
    StringBuilder b = new StringBuilder(prefix.length() + 14).append(prefix)
        .append("/0").append(Character.forDigit(i % 16, 16))
        .append("/0").append(Character.forDigit((i / 16) % 16, 16)).append("/o");
    return appendPadded(b, i, 5).toString();
  }

  static String flatKey(int i) {
    return appendPadded(new StringBuilder(FLAT.length() + 7).append(FLAT).append("/o"), i, 5).toString();
  }

  private static StringBuilder appendPadded(StringBuilder b, int i, int width) {
    String digits = Integer.toString(i);
    for (int pad = width - digits.length(); pad > 0; pad--) {
      b.append('0');
    }
    return b.append(digits);
  }

  static String largeKey(int i) {
    return String.format("/bench/large/l%02d", i);
  }

  static String streamKey(int i) {
    return String.format("/bench/stream/s%02d", i);
  }

  /** A permutation of 0..n-1, so successive reads do not walk the directories in order. */
  static int spread(long i, int n) {
    return (int) ((i * 7919L) % n);
  }

  /** The kinds of data set. */
  enum Set {
    TREE, FLAT, LARGE, STREAM
  }

  static List<String> keys(Set set, int n) {
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(switch (set) {
        case TREE -> treeKey(TREE_PREFIX, i);
        case FLAT -> flatKey(i);
        case LARGE -> largeKey(i);
        case STREAM -> streamKey(i);
      });
    }
    return keys;
  }

  private static final String TREE_PREFIX = TREE;

  static int size(Set set) {
    return switch (set) {
      case TREE, FLAT -> SMALL;
      case LARGE -> LARGE;
      case STREAM -> STREAM;
    };
  }

  /** Makes data set {@code set} of {@code n} objects readable by {@code subject}. */
  static void ensure(String subjectName, Subject subject, Set set, int n) throws Exception {
    String backend = BenchEnv.backend(subjectName);
    String kind = BenchEnv.kind(subjectName);
    List<String> keys = keys(set, n);
    byte[] data = bytes(size(set), set.ordinal());
    if (backend.equals("filesystem")) {
      boolean jclouds = kind.equals("jclouds");
      Path base = jclouds ? BenchEnv.jcloudsBase().resolve(JcloudsSubject.CONTAINER) : BenchEnv.fsRoot();
      Path marker = base.resolve(".ready-" + set + "-" + n);
      if (Files.exists(marker)) {
        return;
      }
      // Start clean: an earlier, larger set would change listings.
      String top = keys.get(0).substring(0, keys.get(0).indexOf('/', "/bench/".length()));
      Path root = jclouds ? BenchEnv.jcloudsBase() : BenchEnv.fsRoot();
      NioSubject.deleteRecursively(root.resolve(top.substring(1)));
      try (var markers = Files.newDirectoryStream(base, ".ready-" + set + "-*")) {
        for (Path m : markers) {
          Files.delete(m);
        }
      } catch (IOException ignored) {
        // no base yet
      }
      if (jclouds) {
        for (String k : keys) {
          subject.put(k, data);
        }
      } else {
        writePlain(BenchEnv.fsRoot(), keys, data);
      }
      Files.createDirectories(base);
      Files.createFile(marker);
    } else if (backend.equals("oss")) {
      putDirect(BenchEnv.emulator(), keys, data);
    } else if (backend.equals("s3")) {
      BenchEnv.s3proxy().putDirect(keys, data);
    } else {
      for (String k : keys) {
        subject.put(k, data);
      }
    }
  }

  /** Writes files without fsync: setup only, never measured. */
  static void writePlain(Path root, List<String> keys, byte[] data) throws IOException {
    Path lastDir = null;
    for (String k : keys) {
      Path f = root.resolve(k.substring(1));
      if (!f.getParent().equals(lastDir)) {
        Files.createDirectories(f.getParent());
        lastDir = f.getParent();
      }
      Files.write(f, data);
    }
  }

  /** Stores the objects in the in-process emulator directly, without requests (setup only). */
  static void putDirect(OssEmulator e, List<String> keys, byte[] data) {
    for (String k : keys) {
      e.putObject(BenchEnv.BUCKET, k.substring(1), data);
    }
  }
}
