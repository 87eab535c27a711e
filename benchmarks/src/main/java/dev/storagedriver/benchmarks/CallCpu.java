package dev.storagedriver.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * CPU time per call of one subject, for comparing the layer stack with the bare driver on a busy machine: run in
 * its own JVM per subject ({@code java -cp benchmarks.jar dev.storagedriver.benchmarks.CallCpu inmemory:stack
 * getSmall}), it makes calls on one thread for a warm-up and then for five rounds, and prints per call the CPU
 * time of the calling thread, of the whole JVM (the OpenTelemetry SDK's export thread, the timeout watchdog, GC
 * and JIT included) and the bytes the calling thread allocated. CPU time is not wall time: it leaves out the time
 * the thread waits for a core, which is what makes wall-clock ratios swing on a shared machine, but it still
 * shifts somewhat with what the other core's tenants do to the caches. Wall time per call is printed too.
 *
 * <p>Arguments: subject (e.g. {@code inmemory:driver}, {@code inmemory:stack}, {@code inmemory:span}), scenario
 * ({@code getSmall}, {@code stat}, {@code streamRead} or {@code streamWrite}), and optionally the seconds per round
 * (default 2).
 * The {@code bench.stack.*} properties choose the stack as for the JMH runs.
 */
public final class CallCpu {
  private static final int ROUNDS = 5;

  private CallCpu() {}

  /**
   * Measures one subject and prints its figures.
   *
   * @param args subject, scenario, and optionally seconds per round
   * @throws Exception if a call fails
   */
  public static void main(String[] args) throws Exception {
    String subjectName = args[0];
    String scenario = args[1];
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 2;
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (Subject s = BenchEnv.open(subjectName)) {
      Runnable call = prepare(s, subjectName, scenario);
      int batch = scenario.equals("getSmall") || scenario.equals("stat") ? 256 : 1; // calls between clock reads
      round(call, batch, seconds * 2, os, threads); // warm-up
      double[][] r = new double[ROUNDS][];
      java.util.Map<String, Long> before = threadCpu(threads);
      for (int i = 0; i < ROUNDS; i++) {
        r[i] = round(call, batch, seconds, os, threads);
      }
      java.util.Map<String, Long> after = threadCpu(threads);
      StringBuilder others = new StringBuilder();
      after.forEach((name, ns) -> {
        long spent = ns - before.getOrDefault(name, 0L);
        if (spent > 1_000_000 && !name.equals(Thread.currentThread().getName())) {
          others.append(String.format(Locale.ROOT, " %s %.0f ms;", name, spent / 1e6));
        }
      });
      System.out.printf(Locale.ROOT, "%s %s (%s, layers %s): per call, median of %d rounds: thread CPU %.0f ns,"
          + " process CPU %.0f ns, wall %.0f ns, allocated %.0f B%n", subjectName, scenario,
          LayerStack.tracingMode(), LayerStack.layers(), ROUNDS, median(r, 0), median(r, 1), median(r, 2),
          median(r, 3));
      System.out.println("other threads' CPU over the rounds (GC and JIT threads are not Java threads):" + others);
    }
    BenchEnv.closeEmulator();
  }

  /** CPU time so far of every live Java thread, by name. */
  private static java.util.Map<String, Long> threadCpu(ThreadMXBean threads) {
    java.util.Map<String, Long> byName = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null) {
        byName.merge(t.getThreadName(), Math.max(0, threads.getThreadCpuTime(t.getThreadId())), Long::sum);
      }
    }
    return byName;
  }

  private static double median(double[][] rounds, int column) {
    double[] v = new double[rounds.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = rounds[i][column];
    }
    java.util.Arrays.sort(v);
    return v[v.length / 2];
  }

  /** One round: {thread CPU ns, process CPU ns, wall ns, allocated bytes} per call. */
  private static double[] round(Runnable call, int batch, double seconds, OperatingSystemMXBean os,
      ThreadMXBean threads) {
    long id = Thread.currentThread().getId();
    long until = System.nanoTime() + (long) (seconds * 1e9);
    long wall = System.nanoTime();
    long cpu = threads.getCurrentThreadCpuTime();
    long process = os.getProcessCpuTime();
    long allocated = threads.getThreadAllocatedBytes(id);
    long n = 0;
    do {
      for (int i = 0; i < batch; i++) {
        call.run();
      }
      n += batch;
    } while (System.nanoTime() < until);
    double[] r = {threads.getCurrentThreadCpuTime() - cpu, os.getProcessCpuTime() - process,
        System.nanoTime() - wall, threads.getThreadAllocatedBytes(id) - allocated};
    for (int i = 0; i < r.length; i++) {
      r[i] /= n;
    }
    return r;
  }

  private static Runnable prepare(Subject s, String subjectName, String scenario) throws Exception {
    switch (scenario) {
      case "getSmall", "stat" -> {
        Datasets.ensure(subjectName, s, Datasets.Set.TREE, 20_000);
        String[] keys = new String[20_000];
        for (int i = 0; i < keys.length; i++) {
          keys[i] = Datasets.treeKey(Datasets.TREE, i);
        }
        int[] next = {0};
        if (scenario.equals("stat")) {
          return () -> unchecked(() -> s.stat(keys[Datasets.spread(next[0]++ & Integer.MAX_VALUE, keys.length)]));
        }
        return () -> unchecked(() -> s.get(keys[Datasets.spread(next[0]++ & Integer.MAX_VALUE, keys.length)]));
      }
      case "streamRead" -> {
        Datasets.ensure(subjectName, s, Datasets.Set.STREAM, 4);
        byte[] buffer = new byte[1 << 20];
        int[] next = {0};
        return () -> unchecked(() -> s.streamRead(Datasets.streamKey(next[0]++ % 4), buffer));
      }
      case "streamWrite" -> {
        byte[] chunk = Datasets.bytes(1 << 20, 44);
        int[] next = {0};
        return () -> unchecked(() -> {
          s.streamWrite("/bench/cpuwrite/s" + (next[0]++ % 4), chunk, Datasets.STREAM);
          return null;
        });
      }
      default -> throw new IllegalArgumentException("scenario: getSmall, stat, streamRead or streamWrite, not "
          + scenario);
    }
  }

  private interface Body {
    Object run() throws Exception;
  }

  private static void unchecked(Body b) {
    try {
      b.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
