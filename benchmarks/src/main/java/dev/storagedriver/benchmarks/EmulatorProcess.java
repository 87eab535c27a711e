package dev.storagedriver.benchmarks;

import dev.storagedriver.oss.emulator.OssEmulator;

/**
 * The OSS emulator as a process of its own, for measurements that must not count its work in the client's JVM:
 * starts it in memory on a free port of 127.0.0.1 with the benchmark bucket, prints {@code listening on
 * <endpoint>}, and stops when its standard input closes (so it never outlives the parent).
 */
public final class EmulatorProcess {
  private EmulatorProcess() {}

  /**
   * Starts the emulator and serves until standard input closes.
   *
   * @param args none
   * @throws Exception if the emulator cannot start
   */
  public static void main(String[] args) throws Exception {
    try (OssEmulator emulator = OssEmulator.builder().bucket(BenchEnv.BUCKET)
        .virtualHostDomain(BenchEnv.OSS_VHOST_DOMAIN).build().start()) {
      System.out.println("listening on " + emulator.endpoint());
      System.out.flush();
      while (System.in.read() >= 0) {
        // Wait for the parent to close our input.
      }
    }
    System.exit(0);
  }
}
