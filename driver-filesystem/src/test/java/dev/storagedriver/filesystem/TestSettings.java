package dev.storagedriver.filesystem;

import dev.storagedriver.tck.TckSettings;
import java.time.Duration;

/** Kit settings for this module's runs. */
final class TestSettings {
  private TestSettings() {}

  /**
   * The defaults, but with modification times assumed good to 50 ms instead of a second: ext4 and Jimfs keep
   * them to the nanosecond (ext4 ticks with the kernel's coarse clock, a few ms), and the wait is per test class.
   */
  static TckSettings fastModTime() {
    TckSettings s = TckSettings.fromSystemProperties();
    if (System.getProperty("storagedriver.tck.modTimeGranularityMillis") != null) {
      return s;
    }
    return new TckSettings(s.largeStreamSize(), s.appendChunkSize(), s.concurrentReadFileSize(),
        s.concurrentReaders(), s.concurrentWriters(), s.concurrentWriteSize(), Duration.ofMillis(50));
  }
}
