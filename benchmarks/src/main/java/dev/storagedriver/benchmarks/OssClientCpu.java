package dev.storagedriver.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.apache.opendal.WriteOptions;

/**
 * Child process of the client CPU check: one OSS client (the driver, the raw SDK or OpenDAL's OSS service) writes
 * and then reads {@code bytes} as 64 MiB objects to an emulator running in another process (started by the
 * parent), and prints the CPU time this whole JVM spent per GiB each way — the client's cost alone, which an
 * in-process emulator would blur. A warm-up of a quarter of the bytes each way runs first and is not counted.
 *
 * <p>Arguments: subject (driver, sdk, opendal) endpoint region accessKeyId accessKeySecret bucket bytes.
 * Prints {@code CPU write=<s/GiB> read=<s/GiB> writeMBps=<MB/s> readMBps=<MB/s>}.
 */
public final class OssClientCpu {
  static final int OBJECT = 64 << 20;
  /** Objects are overwritten in turn, so the emulator holds at most this many. */
  static final int KEYS = 4;

  private OssClientCpu() {}

  /**
   * Measures one client and prints its figures.
   *
   * @param args subject endpoint region accessKeyId accessKeySecret bucket bytes
   * @throws Exception if a write or read fails
   */
  public static void main(String[] args) throws Exception {
    String kind = args[0];
    String endpoint = args[1];
    String region = args[2];
    String id = args[3];
    String secret = args[4];
    String bucket = args[5];
    long bytes = Long.parseLong(args[6]);
    try (Subject subject = open(kind, endpoint, region, id, secret, bucket)) {
      byte[] chunk = Datasets.bytes(1 << 20, 7);
      byte[] buffer = new byte[1 << 20];
      run(subject, chunk, buffer, Math.max(OBJECT, bytes / 4), true);
      run(subject, chunk, buffer, Math.max(OBJECT, bytes / 4), false);
      double[] write = run(subject, chunk, buffer, bytes, true);
      double[] read = run(subject, chunk, buffer, bytes, false);
      System.out.printf(java.util.Locale.ROOT, "CPU write=%.4f read=%.4f writeMBps=%.1f readMBps=%.1f%n",
          write[0], read[0], write[1], read[1]);
    }
  }

  /** Writes or reads {@code bytes}; returns {CPU seconds per GiB, MB/s}. */
  private static double[] run(Subject subject, byte[] chunk, byte[] buffer, long bytes, boolean write)
      throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long wall = System.nanoTime();
    int objects = (int) Math.max(1, bytes / OBJECT);
    for (int i = 0; i < objects; i++) {
      String key = "/bench/cpu/o" + (i % KEYS);
      if (write) {
        subject.streamWrite(key, chunk, OBJECT);
      } else if (subject.streamRead(key, buffer) != OBJECT) {
        throw new IllegalStateException("short read of " + key);
      }
    }
    double moved = (double) objects * OBJECT;
    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
    double wallSeconds = (System.nanoTime() - wall) / 1e9;
    return new double[] {cpuSeconds / (moved / (1L << 30)), moved / 1e6 / wallSeconds};
  }

  private static Subject open(String kind, String endpoint, String region, String id, String secret,
      String bucket) throws Exception {
    switch (kind) {
      case "driver":
        return new DriverSubject(BenchEnv.openOssDriver(endpoint, region, id, secret), null);
      case "sdk":
        return new OssSdkSubject(endpoint, region, id, secret, bucket, BenchEnv.OSS_CHUNK, BenchEnv.OSS_CONCURRENCY);
      case "opendal":
        Map<String, String> c = new HashMap<>();
        c.put("bucket", bucket);
        c.put("endpoint", endpoint.replace("127.0.0.1", BenchEnv.OSS_VHOST_DOMAIN));
        c.put("access_key_id", id);
        c.put("access_key_secret", secret);
        c.put("root", "/");
        return new OpenDalSubject("oss", c,
            WriteOptions.builder().chunk(BenchEnv.OSS_CHUNK).concurrent(BenchEnv.OSS_CONCURRENCY).build());
      default:
        throw new IllegalArgumentException("subject must be driver, sdk or opendal: " + kind);
    }
  }
}
