package dev.storagedriver.benchmarks;

import dev.storagedriver.oss.emulator.OssEmulator;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * 20,000 files durably takes longer than the benchmark. In-memory and OSS subjects are filled in each JVM.
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

  static String treeKey(String prefix, int i) {
    return String.format("%s/%02x/%02x/o%05d", prefix, i % 16, (i / 16) % 16, i);
  }

  static String flatKey(int i) {
    return String.format("%s/o%05d", FLAT, i);
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
      putParallel(BenchEnv.emulator(), keys, data);
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

  /** Fills the emulator through the SDK with several threads (setup only). */
  static void putParallel(OssEmulator e, List<String> keys, byte[] data) throws Exception {
    OSS client = OssSdkSubject.client(e.endpoint(), e.region(), e.accessKeyId(), e.accessKeySecret());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> fs = new ArrayList<>();
      int slice = (keys.size() + 7) / 8;
      for (int t = 0; t < 8; t++) {
        List<String> mine = keys.subList(Math.min(keys.size(), t * slice), Math.min(keys.size(), (t + 1) * slice));
        fs.add(pool.submit(() -> {
          for (String k : mine) {
            ObjectMetadata m = new ObjectMetadata();
            m.setContentLength(data.length);
            client.putObject(BenchEnv.BUCKET, k.substring(1), new ByteArrayInputStream(data), m);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      client.shutdown();
    }
  }
}
