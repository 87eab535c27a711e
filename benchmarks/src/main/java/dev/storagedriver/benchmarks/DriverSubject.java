package dev.storagedriver.benchmarks;

import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import java.io.InputStream;
import java.nio.file.FileVisitResult;

/** Our own driver, through the portable layer, as applications use it. */
final class DriverSubject implements Subject {
  private final StorageDriver driver;
  private final AutoCloseable resources;

  DriverSubject(StorageDriver driver, AutoCloseable resources) {
    this.driver = driver;
    this.resources = resources;
  }

  @Override
  public void put(String key, byte[] data) throws Exception {
    driver.putContent(key, data);
  }

  @Override
  public byte[] get(String key) throws Exception {
    return driver.getContent(key);
  }

  @Override
  public long stat(String key) throws Exception {
    return driver.stat(key).size();
  }

  @Override
  public void streamWrite(String key, byte[] chunk, long total) throws Exception {
    try (FileWriter w = driver.writer(key, false)) {
      for (long done = 0; done < total; done += chunk.length) {
        w.write(chunk, 0, (int) Math.min(chunk.length, total - done));
      }
      w.commit();
    }
  }

  @Override
  public long streamRead(String key, byte[] buffer) throws Exception {
    long n = 0;
    try (InputStream in = driver.reader(key, 0)) {
      for (int r; (r = in.read(buffer)) >= 0; ) {
        n += r;
      }
    }
    return n;
  }

  @Override
  public int list(String dir) throws Exception {
    return driver.list(dir).size();
  }

  @Override
  public int walk(String dir) throws Exception {
    int[] n = {0};
    driver.walk(dir, info -> {
      n[0]++;
      return FileVisitResult.CONTINUE;
    });
    return n[0];
  }

  @Override
  public void deleteTree(String dir) throws Exception {
    driver.delete(dir);
  }

  @Override
  public void close() throws Exception {
    driver.close();
    if (resources != null) {
      resources.close();
    }
  }
}
