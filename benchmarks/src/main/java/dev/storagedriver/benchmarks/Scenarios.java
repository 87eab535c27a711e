package dev.storagedriver.benchmarks;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Every throughput scenario, for every subject ({@code @Param subject}, see {@link BenchEnv#ALL_SUBJECTS}). Scores
 * are operations per second; the runner turns byte-moving ones into MB/s. Each trial populates only what its
 * scenario reads, outside measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Scenarios {
  /** {@code backend:kind}, e.g. {@code filesystem:nio}. */
  @Param({"inmemory:driver"})
  public String subject;

  /** Objects in the tree and in the flat directory (the 20,000). */
  @Param({"20000"})
  public int objects;

  /** 16 MiB objects in the stream data set (64 = the 1 GiB). */
  @Param({"64"})
  public int streams;

  Subject s;
  byte[] small;
  byte[] large;
  byte[] chunk;
  byte[] readBuffer;
  /** Keys built in setup: formatting them in the measured loop would cost more than a map get. */
  String[] treeKeys;
  String[] putKeys;
  String[] concurrentPutKeys;
  String[] largeKeys;
  String[] largePutKeys;
  String[] streamKeys;
  String[] streamWriteKeys;
  private final AtomicInteger next = new AtomicInteger();

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws Exception {
    String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
    s = BenchEnv.open(subject);
    small = Datasets.bytes(Datasets.SMALL, 42);
    large = Datasets.bytes(Datasets.LARGE, 43);
    chunk = Datasets.bytes(1024 * 1024, 44);
    readBuffer = new byte[1024 * 1024];
    treeKeys = treeKeys(method, Set.of("getSmall", "stat", "concurrentPutGet"), Datasets.TREE);
    putKeys = treeKeys(method, Set.of("putSmall"), "/bench/put");
    concurrentPutKeys = treeKeys(method, Set.of("concurrentPutGet"), "/bench/cput");
    largeKeys = new String[Datasets.LARGE_COUNT];
    largePutKeys = new String[Datasets.LARGE_COUNT];
    for (int i = 0; i < largeKeys.length; i++) {
      largeKeys[i] = Datasets.largeKey(i);
      largePutKeys[i] = String.format("/bench/lput/l%02d", i);
    }
    streamKeys = new String[streams];
    streamWriteKeys = new String[streams];
    for (int i = 0; i < streams; i++) {
      streamKeys[i] = Datasets.streamKey(i);
      streamWriteKeys[i] = String.format("/bench/swrite/s%02d", i);
    }
    switch (method) {
      case "getSmall", "stat", "walk", "concurrentPutGet" -> Datasets.ensure(subject, s, Datasets.Set.TREE, objects);
      case "list" -> Datasets.ensure(subject, s, Datasets.Set.FLAT, objects);
      case "getLarge" -> Datasets.ensure(subject, s, Datasets.Set.LARGE, Datasets.LARGE_COUNT);
      case "streamRead" -> Datasets.ensure(subject, s, Datasets.Set.STREAM, streams);
      default -> cleanWrites();
    }
    if (BenchEnv.backend(subject).equals("filesystem")) {
      flushDisk();
    }
  }

  /** The keys of a tree under {@code prefix} if {@code method} is one of {@code users}, else none. */
  private String[] treeKeys(String method, Set<String> users, String prefix) {
    if (!users.contains(method)) {
      return new String[0];
    }
    String[] keys = new String[objects];
    for (int i = 0; i < objects; i++) {
      keys[i] = Datasets.treeKey(prefix, i);
    }
    return keys;
  }

  /** Write scenarios start from an empty target directory; what they leave is removed after the trial. */
  private void cleanWrites() throws Exception {
    if (BenchEnv.backend(subject).equals("filesystem")) {
      for (String d : new String[] {"bench/put", "bench/cput", "bench/lput", "bench/swrite"}) {
        NioSubject.deleteRecursively(BenchEnv.fsRoot().resolve(d));
        NioSubject.deleteRecursively(BenchEnv.jcloudsBase().resolve(d));
      }
    }
  }

  /**
   * Writes out what set-up left dirty (a data set of 20,000 files, the deletions of the last trial) before
   * measuring: otherwise that writeback lands in the measured subject's fsyncs, and whoever runs right after a
   * big set-up looks several times slower than the same code run later.
   */
  private static void flushDisk() {
    try {
      new ProcessBuilder("sync").inheritIO().start().waitFor();
    } catch (java.io.IOException e) {
      // no sync command: measure anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @TearDown(Level.Iteration)
  public void betweenIterations() {
    s.betweenIterations();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    cleanWrites();
    s.close();
    BenchEnv.closeEmulator();
    BenchEnv.closeS3Proxy();
    BenchEnv.exitWhenJmhIsDone();
  }

  private int nextIndex(int n) {
    return Datasets.spread(next.getAndIncrement() & Integer.MAX_VALUE, n);
  }

  /** putContent of 4 KiB into the two-level tree (created on the first pass, replaced after). */
  @Benchmark
  public void putSmall() throws Exception {
    s.put(putKeys[nextIndex(objects)], small);
  }

  /** getContent of 4 KiB from the tree. */
  @Benchmark
  public byte[] getSmall() throws Exception {
    return s.get(treeKeys[nextIndex(objects)]);
  }

  /** stat of a file in the tree. */
  @Benchmark
  public long stat() throws Exception {
    return s.stat(treeKeys[nextIndex(objects)]);
  }

  /** putContent of 1 MiB (16 keys, replaced in turn). */
  @Benchmark
  public void putLarge() throws Exception {
    s.put(largePutKeys[nextIndex(Datasets.LARGE_COUNT)], large);
  }

  /** getContent of 1 MiB. */
  @Benchmark
  public byte[] getLarge() throws Exception {
    return s.get(largeKeys[nextIndex(Datasets.LARGE_COUNT)]);
  }

  /** A 16 MiB stream written in 1 MiB writes and committed; keys cycle over {@code streams} (1 GiB in all). */
  @Benchmark
  public void streamWrite() throws Exception {
    s.streamWrite(streamWriteKeys[nextIndex(streams)], chunk, Datasets.STREAM);
  }

  /** A 16 MiB object read as a stream into a 1 MiB buffer. */
  @Benchmark
  public long streamRead() throws Exception {
    return s.streamRead(streamKeys[nextIndex(streams)], readBuffer);
  }

  /** list of the flat directory of {@code objects} keys. */
  @Benchmark
  public int list() throws Exception {
    return s.list(Datasets.FLAT);
  }

  /** walk of the whole tree ({@code objects} files and 272 directories). */
  @Benchmark
  public int walk() throws Exception {
    return s.walk(Datasets.TREE);
  }

  /** Per thread: which keys it writes and reads. */
  @State(Scope.Thread)
  public static class Worker {
    int thread;
    int threads;
    long n;

    @Setup(Level.Trial)
    public void setUp(ThreadParams t) {
      thread = t.getThreadIndex();
      threads = t.getThreadCount();
    }
  }

  /** 8 threads, each putting one 4 KiB object and getting another per operation. */
  @Benchmark
  @Threads(8)
  public byte[] concurrentPutGet(Worker w) throws Exception {
    long i = w.n++;
    int put = (int) ((i * w.threads + w.thread) % objects);
    s.put(concurrentPutKeys[put], small);
    return s.get(treeKeys[Datasets.spread(i * w.threads + w.thread, objects)]);
  }
}
