package dev.storagedriver.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
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

/**
 * Recursive delete of a two-level tree of {@code objects} 4 KiB files: one delete per invocation, the tree
 * rebuilt before each (not measured). On disk the tree is written with plain NIO for every subject, jclouds
 * included (its delete does not need its metadata); elsewhere through the subject itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DeleteScenario {
  static final String PREFIX = "/bench/del";

  @Param({"inmemory:driver"})
  public String subject;

  @Param({"20000"})
  public int objects;

  Subject s;
  List<String> keys;
  byte[] data;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    s = BenchEnv.open(subject);
    data = Datasets.bytes(Datasets.SMALL, 7);
    keys = new java.util.ArrayList<>(objects);
    for (int i = 0; i < objects; i++) {
      keys.add(Datasets.treeKey(PREFIX, i));
    }
  }

  @Setup(Level.Invocation)
  public void build() throws Exception {
    switch (BenchEnv.backend(subject)) {
      case "filesystem" -> {
        boolean jclouds = BenchEnv.kind(subject).equals("jclouds");
        java.nio.file.Path root = jclouds ? BenchEnv.jcloudsBase() : BenchEnv.fsRoot();
        NioSubject.deleteRecursively(root.resolve(PREFIX.substring(1)));
        Datasets.writePlain(root, keys, data);
      }
      case "oss" -> Datasets.putDirect(BenchEnv.emulator(), keys, data);
      case "s3" -> BenchEnv.s3proxy().putDirect(keys, data);
      default -> {
        for (String k : keys) {
          s.put(k, data);
        }
      }
    }
    System.gc(); // start each delete from a collected heap, for every subject alike
  }

  @Benchmark
  public void deleteTree() throws Exception {
    s.deleteTree(PREFIX);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    NioSubject.deleteRecursively(BenchEnv.fsRoot().resolve(PREFIX.substring(1)));
    NioSubject.deleteRecursively(BenchEnv.jcloudsBase().resolve(PREFIX.substring(1)));
    s.close();
    BenchEnv.closeEmulator();
    BenchEnv.closeS3Proxy();
    BenchEnv.exitWhenJmhIsDone();
  }
}
