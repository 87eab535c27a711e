package dev.storagedriver.filesystem;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import java.nio.file.Path;
import java.util.Random;

/**
 * The process {@link CrashTest} kills: rewrites two files forever, one with putContent and one with a writer,
 * alternating two versions of each, and says on standard output which operation it starts.
 */
public final class CrashVictim {
  static final String PUT_PATH = "/crash/put";
  static final String STREAM_PATH = "/crash/stream";
  static final String READY = "ready";

  private CrashVictim() {}

  /** Version {@code v} (0 or 1) of the content of {@code path}: sizes and bytes differ between versions. */
  static byte[] content(String path, int v) {
    int size = PUT_PATH.equals(path) ? (256 + 64 * v) << 10 : (1024 - 256 * v) << 10;
    byte[] bytes = new byte[size];
    new Random(path.hashCode() * 31L + v).nextBytes(bytes);
    return bytes;
  }

  /** Usage: {@code CrashVictim <root directory>}. */
  public static void main(String[] args) throws Exception {
    byte[][] put = {content(PUT_PATH, 0), content(PUT_PATH, 1)};
    byte[][] stream = {content(STREAM_PATH, 0), content(STREAM_PATH, 1)};
    try (StorageDriver driver = FilesystemDriver.open(Path.of(args[0]))) {
      System.out.println(READY);
      System.out.flush();
      for (int i = 1; ; i++) {
        int v = i % 2;
        System.out.println("put " + v);
        System.out.flush();
        driver.putContent(PUT_PATH, put[v]);
        System.out.println("stream " + v);
        System.out.flush();
        try (FileWriter writer = driver.writer(STREAM_PATH, false)) {
          for (int at = 0; at < stream[v].length; at += 64 << 10) {
            writer.write(stream[v], at, Math.min(64 << 10, stream[v].length - at));
          }
          writer.commit();
        }
      }
    }
  }
}
