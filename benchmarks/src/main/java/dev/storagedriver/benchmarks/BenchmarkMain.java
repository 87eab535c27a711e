package dev.storagedriver.benchmarks;

import dev.storagedriver.StorageDriver;
import dev.storagedriver.oss.emulator.OssEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the suite and reports it: {@code java -jar benchmarks.jar --quick} (about 5 minutes on 2 cores) or {@code
 * --full} (the sizes, longer iterations). Each scenario runs every subject — driver, baseline and peers —
 * in one run, so the ratios printed compare figures taken side by side. Writes {@code results.json} (JMH's JSON)
 * and {@code results.md} (the table and the targets) next to the jar, or under {@code --out DIR}.
 *
 * <p>Options: {@code --only REGEX} runs the scenarios whose method matches ({@code checks} selects the OSS heap,
 * request-count and client CPU checks, {@code cpu} the CPU check alone); {@code --subjects a:b,c:d} limits the
 * subjects; {@code --no-checks} skips the checks; {@code --cpu-mib N} sets the bytes each OSS client writes and
 * reads in the CPU check (default: 1024 quick, 4096 full).
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  /**
   * Iteration settings of a mode. The 16 MiB stream scenarios get their own times and heap: an operation takes
   * tens of milliseconds there, so a short iteration holds too few of them to be warm and steady.
   */
  record Mode(String name, int warmups, TimeValue warmupTime, int iterations, TimeValue time, int objects,
      int streams, int deleteObjects, int deleteWarmups, int deleteIterations, long heapStreamBytes, int forks,
      String heap, TimeValue streamWarmupTime, TimeValue streamTime, String streamHeap, long cpuBytes) {
    // Quick: ~100 forks of one JVM each, so every 100 ms per fork is 10 s of the run. 300 ms iterations still
    // hold thousands of operations for all but the listings (a few dozen); the warm-up is longer because the
    // deepest call paths (the drivers') were still speeding up after 300 ms; a delete of 20,000 objects is warm
    // within its own shot.
    static final Mode QUICK = new Mode("quick", 1, TimeValue.milliseconds(500), 3, TimeValue.milliseconds(300),
        20_000, 16, 20_000, 0, 3, 256L << 20, 1, "512m", TimeValue.milliseconds(800), TimeValue.milliseconds(400),
        "1g", 1L << 30);
    static final Mode FULL = new Mode("full", 3, TimeValue.seconds(2), 5, TimeValue.seconds(2), 20_000, 64,
        20_000, 1, 5, 2L << 30, 1, "1g", TimeValue.seconds(2), TimeValue.seconds(2), "4g", 4L << 30);
  }

  public static void main(String[] args) throws Exception {
    Mode mode = null;
    Pattern only = null;
    List<String> subjects = new ArrayList<>(BenchEnv.ALL_SUBJECTS);
    boolean checks = true;
    long cpuBytes = -1;
    Path out = defaultOutDir();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> mode = Mode.QUICK;
        case "--full" -> mode = Mode.FULL;
        case "--only" -> only = Pattern.compile(args[++i]);
        case "--subjects" -> subjects = new ArrayList<>(List.of(args[++i].split(",")));
        case "--no-checks" -> checks = false;
        case "--out" -> out = Path.of(args[++i]);
        case "--cpu-mib" -> cpuBytes = Long.parseLong(args[++i]) << 20;
        default -> {
          System.err.println("usage: java -jar benchmarks.jar --quick|--full [--only REGEX] [--subjects a:b,...]"
              + " [--no-checks] [--cpu-mib N] [--out DIR]");
          System.exit(2);
        }
      }
    }
    if (mode == null) {
      System.err.println("say --quick (about 5 minutes) or --full");
      System.exit(2);
    }
    Files.createDirectories(out);
    Path data = out.resolve("bench-data");
    System.setProperty("bench.dir", data.toString());
    Report report = new Report();
    Optional<String> noOpenDalOss = BenchEnv.openDalOssUnavailable();
    if (noOpenDalOss.isPresent() && subjects.remove("oss:opendal")) {
      System.out.println("SKIPPED oss:opendal: " + noOpenDalOss.get());
      report.note("oss:opendal skipped", noOpenDalOss.get());
    }
    long started = System.nanoTime();
    List<RunResult> all = new ArrayList<>();
    for (Scenario sc : Scenario.ALL) {
      if (only != null && !only.matcher(sc.method()).find()) {
        continue;
      }
      List<String> these = new ArrayList<>(subjects);
      if (mode == Mode.QUICK && (sc.method().equals("list") || sc.method().equals("walk"))
          && these.remove("filesystem:jclouds")) {
        String why = "jclouds filesystem rescans the whole tree for every 1,000-key page, so one listing of"
            + " 20,000 keys takes ~10-30 s here; left out of quick mode, run --full to include it";
        System.out.println("SKIPPED filesystem:jclouds " + sc.method() + ": " + why);
        report.note("filesystem:jclouds " + sc.method() + " skipped", why);
      }
      // Only the 16 MiB data sets need the large heap; pre-touching it costs every other fork time for nothing.
      boolean stream = sc.bytesPerOp() == Datasets.STREAM;
      String heap = stream ? mode.streamHeap() : mode.heap();
      ChainedOptionsBuilder b = new OptionsBuilder()
          .include(Pattern.quote(sc.benchmarkClass()) + "\\." + sc.method() + "$")
          .param("subject", these.toArray(String[]::new))
          .forks(mode.forks())
          .shouldFailOnError(false)
          // A fixed, pre-touched heap: on this kind of VM the first touch of memory runs at a few hundred MB/s, and
          // a heap growing mid-measurement made single iterations of in-memory scenarios up to 10x slower.
          .jvmArgs("-Xms" + heap, "-Xmx" + heap, "-Xmn256m", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC",
              "-Dbench.dir=" + data, "-D" + LayerStack.TRACING_PROPERTY + "=" + LayerStack.tracingMode(),
              "-D" + LayerStack.LAYERS_PROPERTY + "=" + LayerStack.layers());
      if (sc.singleShot()) {
        b.param("objects", String.valueOf(mode.deleteObjects()))
            .warmupIterations(mode.deleteWarmups()).measurementIterations(mode.deleteIterations());
      } else {
        b.param("objects", String.valueOf(mode.objects())).param("streams", String.valueOf(mode.streams()))
            .warmupIterations(mode.warmups()).warmupTime(stream ? mode.streamWarmupTime() : mode.warmupTime())
            .measurementIterations(mode.iterations()).measurementTime(stream ? mode.streamTime() : mode.time());
      }
      Collection<RunResult> results = new Runner(b.build()).run();
      for (RunResult r : results) {
        String subject = r.getParams().getParam("subject");
        double median = r.getPrimaryResult().getStatistics().getPercentile(50);
        report.add(sc.method(), subject, median);
      }
      all.addAll(results);
      writeJson(out.resolve("results.json"), all);
    }
    report.evaluateTargets();
    if (checks && (only == null || only.matcher("checks").find())) {
      ossWalkRequests(report, mode.objects());
      ossWriterHeap(report, mode.heapStreamBytes(), data);
    }
    if (checks && (only == null || only.matcher("checks").find() || only.matcher("cpu").find())) {
      ossClientCpu(report, cpuBytes > 0 ? cpuBytes : mode.cpuBytes(), noOpenDalOss);
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    String header = String.format(Locale.ROOT, "Mode %s, %s, %.1f minutes; N = %,d objects (delete: %,d), stream"
            + " data set %d × 16 MiB.%n", mode.name(),
        ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE), minutes, mode.objects(),
        mode.deleteObjects(), mode.streams());
    String md = header + "\n" + report.table(subjects) + "\n## Targets\n\n" + report.targetsTable()
        + (report.notesText().isEmpty() ? "" : "\n## Notes\n\n" + report.notesText());
    Files.writeString(out.resolve("results.md"), md);
    System.out.println();
    System.out.println(md);
    System.out.println("JMH results: " + out.resolve("results.json") + "; table: " + out.resolve("results.md"));
  }

  private static Path defaultOutDir() {
    try {
      Path jar = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(jar) ? jar.getParent() : Path.of("target");
    } catch (Exception e) {
      return Path.of("target");
    }
  }

  private static void writeJson(Path file, Collection<RunResult> results) throws IOException {
    try (PrintStream ps = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
    }
  }

  /** OSS walk of N keys should take ⌈N/1000⌉ ListObjectsV2 requests; counted by the emulator. */
  private static void ossWalkRequests(Report report, int n) throws Exception {
    try (OssEmulator e = OssEmulator.builder().bucket(BenchEnv.BUCKET).build().start()) {
      Datasets.putDirect(e, Datasets.keys(Datasets.Set.TREE, n), new byte[16]);
      try (StorageDriver driver = BenchEnv.openOssDriver(e)) {
        e.resetRequestCounts();
        int[] files = {0};
        driver.walk(Datasets.TREE, info -> {
          files[0] += info.isDirectory() ? 0 : 1;
          return FileVisitResult.CONTINUE;
        });
        long lists = e.requestCount("ListObjectsV2") + e.requestCount("ListObjects");
        long expected = (n + 999) / 1000;
        report.targetText("OSS walk of " + n + " keys: list requests (emulator count; asserted in driver-oss"
                + " OssBehaviourTest)", lists + " (" + files[0] + " files seen)", "= " + expected,
            lists == expected && files[0] == n ? "PASS" : "MISS");
      }
    }
  }

  /**
   * Streams {@code bytes} through the OSS writer in a child JVM whose heap is capped at the bound, (concurrency +
   * 1) × chunksize + 32 MiB, and reports the live heap it needed.
   */
  private static void ossWriterHeap(Report report, long bytes, Path data) throws Exception {
    long bound = (long) (BenchEnv.OSS_CONCURRENCY + 1) * BenchEnv.OSS_CHUNK + (32L << 20);
    Path dir = data.resolve("heap-emulator");
    try (OssEmulator e = OssEmulator.builder().bucket(BenchEnv.BUCKET).dataDirectory(dir).build().start()) {
      String jar = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + (bound >> 20) + "m", "-XX:+UseG1GC", "-cp", jar, OssWriterHeap.class.getName(), e.endpoint(),
          e.region(), e.accessKeyId(), e.accessKeySecret(), BenchEnv.BUCKET, String.valueOf(BenchEnv.OSS_CHUNK),
          String.valueOf(BenchEnv.OSS_CONCURRENCY), String.valueOf(bytes));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String line;
      String result = null;
      StringBuilder log = new StringBuilder();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        while ((line = r.readLine()) != null) {
          log.append(line).append('\n');
          if (line.startsWith("HEAP ")) {
            result = line;
          }
        }
      }
      int rc = p.waitFor();
      String what = String.format(Locale.ROOT, "OSS writer heap, %d MiB stream, chunksize %d MiB, concurrency %d",
          bytes >> 20, BenchEnv.OSS_CHUNK >> 20, BenchEnv.OSS_CONCURRENCY);
      if (rc != 0 || result == null) {
        report.targetText(what, "failed under -Xmx" + (bound >> 20) + "m (exit " + rc + ")",
            "< " + (bound >> 20) + " MiB", "MISS");
        report.note("heap check output", log.toString().lines().filter(l -> !l.isBlank()).limit(5)
            .reduce((a, b2) -> a + " / " + b2).orElse(""));
        return;
      }
      long afterGc = field(result, "maxAfterGc");
      long seen = field(result, "maxSeen");
      double seconds = Double.parseDouble(result.replaceAll(".* seconds=([0-9.E]+).*", "$1"));
      // Completing in a JVM whose -Xmx is the bound is the proof; the after-GC sum is shown for information and
      // overstates live data (a young collection leaves old-generation garbage in place).
      report.targetText(what, String.format(Locale.ROOT, "completed in -Xmx%dm; heap after GC ≤ %d MiB, max used"
              + " %d MiB; %.0f MB/s", bound >> 20, afterGc >> 20, seen >> 20, bytes / 1e6 / seconds),
          "< " + (bound >> 20) + " MiB", "PASS");
    } finally {
      NioSubject.deleteRecursively(dir);
    }
  }

  /**
   * Client CPU time per GiB written and read, for the driver, the raw SDK and OpenDAL's OSS service, each in its
   * own JVM, against one emulator in a separate process, so the emulator's own work is not counted.
   */
  private static void ossClientCpu(Report report, long bytes, Optional<String> noOpenDal) throws Exception {
    String jar = Path.of(BenchmarkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process emulator = new ProcessBuilder(java, "-Xms2g", "-Xmx2g", "-XX:+UseG1GC", "-cp", jar,
        EmulatorProcess.class.getName()).redirectErrorStream(true).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(emulator.getInputStream(),
          StandardCharsets.UTF_8));
      String first = lines.readLine();
      for (int n = 0; first != null && !first.contains("listening on ") && n < 100; n++) {
        first = lines.readLine();
      }
      if (first == null || !first.contains("listening on ")) {
        throw new IllegalStateException("the emulator process did not start");
      }
      String endpoint = first.replaceAll(".*listening on (http://[^ ]+).*", "$1");
      Thread drain = new Thread(() -> lines.lines().forEach(l -> { }), "emulator-output");
      drain.setDaemon(true);
      drain.start();
      Map<String, double[]> measured = new LinkedHashMap<>();
      for (String kind : List.of("driver", "sdk", "opendal")) {
        if (kind.equals("opendal") && noOpenDal.isPresent()) {
          report.note("oss:opendal client CPU skipped", noOpenDal.get());
          continue;
        }
        Process p = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-cp", jar,
            OssClientCpu.class.getName(), kind, endpoint, "cn-hangzhou", OssEmulator.DEFAULT_ACCESS_KEY_ID,
            OssEmulator.DEFAULT_ACCESS_KEY_SECRET, BenchEnv.BUCKET, String.valueOf(bytes))
            .redirectErrorStream(true).start();
        String result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            log.append(line).append('\n');
            if (line.startsWith("CPU ")) {
              result = line;
            }
          }
        }
        if (p.waitFor() != 0 || result == null) {
          report.note("oss:" + kind + " client CPU failed", log.toString().lines().filter(l -> !l.isBlank())
              .limit(5).reduce((a, b) -> a + " / " + b).orElse(""));
          continue;
        }
        double[] v = new double[4];
        String[] names = {"write", "read", "writeMBps", "readMBps"};
        for (int i = 0; i < names.length; i++) {
          v[i] = Double.parseDouble(result.replaceAll(".*\\b" + names[i] + "=([0-9.]+).*", "$1"));
        }
        measured.put(kind, v);
        report.targetText("OSS client CPU per GiB, oss:" + kind + " (emulator in another process, "
                + (bytes >> 20) + " MiB each way)", String.format(Locale.ROOT,
                "write %.2f s, read %.2f s (%.0f / %.0f MB/s)", v[0], v[1], v[2], v[3]), "(figure)", "-");
      }
      double[] driver = measured.get("driver");
      double[] sdk = measured.get("sdk");
      if (driver != null && sdk != null) {
        report.targetText("OSS client CPU per GiB written, driver / raw SDK",
            String.format(Locale.ROOT, "%.2f", driver[0] / sdk[0]), "≤ 1.10", driver[0] / sdk[0] <= 1.10
                ? "PASS" : "MISS");
        report.targetText("OSS client CPU per GiB read, driver / raw SDK",
            String.format(Locale.ROOT, "%.2f", driver[1] / sdk[1]), "≤ 1.10", driver[1] / sdk[1] <= 1.10
                ? "PASS" : "MISS");
      }
    } finally {
      emulator.getOutputStream().close();
      if (!emulator.waitFor(10, TimeUnit.SECONDS)) {
        emulator.destroy();
      }
    }
  }

  private static long field(String line, String name) {
    return Long.parseLong(line.replaceAll(".*" + name + "=([0-9]+).*", "$1"));
  }

}
