package dev.storagedriver.benchmarks;

/**
 * A row group of the report: one benchmark method, how its score becomes the figure shown, and in what unit.
 *
 * @param method the JMH benchmark method ({@link Scenarios} or {@link DeleteScenario})
 * @param title what the issue calls it
 * @param bytesPerOp bytes moved per operation, to show MB/s (10^6 bytes); 0 to show the score as it is
 * @param singleShot whether the score is a time per operation (ms) rather than operations per second
 */
record Scenario(String method, String title, long bytesPerOp, boolean singleShot) {
  static final Scenario[] ALL = {
      new Scenario("putSmall", "putContent 4 KiB", 0, false),
      new Scenario("getSmall", "getContent 4 KiB", 0, false),
      new Scenario("putLarge", "putContent 1 MiB", Datasets.LARGE, false),
      new Scenario("getLarge", "getContent 1 MiB", Datasets.LARGE, false),
      new Scenario("streamWrite", "stream write 16 MiB", Datasets.STREAM, false),
      new Scenario("streamRead", "stream read 16 MiB", Datasets.STREAM, false),
      new Scenario("list", "list 1 dir of N keys", 0, false),
      new Scenario("walk", "walk tree of N keys", 0, false),
      new Scenario("stat", "stat", 0, false),
      new Scenario("deleteTree", "recursive delete of N keys", 0, true),
      new Scenario("concurrentPutGet", "8 threads put+get 4 KiB", 0, false),
  };

  String benchmarkClass() {
    return singleShot ? DeleteScenario.class.getName() : Scenarios.class.getName();
  }

  String unit() {
    return singleShot ? "ms" : bytesPerOp > 0 ? "MB/s" : "ops/s";
  }

  /** The figure shown, from the JMH score (ops/s, or ms/op for single shots). */
  double figure(double score) {
    return bytesPerOp > 0 ? score * bytesPerOp / 1e6 : score;
  }

  /** A speed (higher is better) from the score, for ratios. */
  double speed(double score) {
    return singleShot ? 1 / score : score;
  }
}
