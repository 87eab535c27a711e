package dev.storagedriver.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of the calling thread per operation, for {@code getSmall} and {@code stat} of the given subjects: a
 * measure that other processes on a shared machine disturb far less than throughput, since waiting for a core is
 * not counted. Each subject and scenario runs in a JVM of its own (as JMH forks), over the scenarios' tree of
 * 20,000 objects in their access order, with JMH's heap settings.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.storagedriver.benchmarks.CpuPerOp \
 *   [--subjects filesystem:driver,filesystem:handles,filesystem:nio] [--rounds 3] [--ops 1000000] [--out DIR]
 * }</pre>
 */
final class CpuPerOp {
  private static final int OBJECTS = 20_000;

  private CpuPerOp() {}

  /**
   * Runs the rounds, or (with {@code --child}) one subject and scenario in this JVM.
   *
   * @param args the options in the class comment
   * @throws Exception if a subject cannot be opened or an operation fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 5 && args[0].equals("--child")) {
      child(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      return;
    }
    String subjects = "filesystem:driver,filesystem:handles,filesystem:nio";
    int rounds = 3;
    int ops = 1_000_000;
    Path out = Path.of("benchmarks/target");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--subjects" -> subjects = args[++i];
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--ops" -> ops = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("usage: CpuPerOp [--subjects a:b,...] [--rounds N] [--ops N]"
            + " [--out DIR]; unknown " + args[i]);
      }
    }
    String data = out.resolve("bench-data").toAbsolutePath().toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    System.out.println("scenario subject cpu-ns/op user-ns/op wall-ns/op (" + ops + " operations after "
        + ops * 3 / 10 + ")");
    for (int round = 1; round <= rounds; round++) {
      for (String method : new String[] {"stat", "getSmall"}) {
        for (String subject : subjects.split(",")) {
          List<String> command = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g", "-Xmn256m",
              "-XX:+AlwaysPreTouch", "-XX:+UseG1GC", "-Dbench.dir=" + data, "-cp",
              System.getProperty("java.class.path"), CpuPerOp.class.getName(), "--child", subject, method,
              String.valueOf(ops), String.valueOf(ops * 3 / 10)));
          Process p = new ProcessBuilder(command).inheritIO().start();
          if (p.waitFor() != 0) {
            throw new IllegalStateException(subject + " " + method + " failed");
          }
        }
      }
    }
  }

  private static void child(String subject, String method, int ops, int warmup) throws Exception {
    Subject s = BenchEnv.open(subject);
    try {
      Datasets.ensure(subject, s, Datasets.Set.TREE, OBJECTS);
      String[] keys = new String[OBJECTS];
      for (int i = 0; i < OBJECTS; i++) {
        keys[i] = Datasets.treeKey(Datasets.TREE, i);
      }
      boolean stat = method.equals("stat");
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long sink = 0;
      long wall = 0;
      long cpu = 0;
      long user = 0;
      for (int i = 0; i < warmup + ops; i++) {
        if (i == warmup) {
          wall = System.nanoTime();
          cpu = threads.getCurrentThreadCpuTime();
          user = threads.getCurrentThreadUserTime();
        }
        String key = keys[Datasets.spread(i, OBJECTS)];
        sink += stat ? s.stat(key) : s.get(key).length;
      }
      wall = System.nanoTime() - wall;
      cpu = threads.getCurrentThreadCpuTime() - cpu;
      user = threads.getCurrentThreadUserTime() - user;
      if (sink != (long) (warmup + ops) * Datasets.SMALL) {
        throw new IllegalStateException("read " + sink + " bytes, not " + (warmup + ops) + " x 4 KiB");
      }
      System.out.println(method + " " + subject + " " + cpu / ops + " " + user / ops + " " + wall / ops);
    } finally {
      s.close();
    }
  }
}
