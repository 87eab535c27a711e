package dev.storagedriver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A backend's stream whose failures come out typed, like every other call. */
final class TranslatingInputStream extends FilterInputStream {
  private final String driver;
  private final String path;

  TranslatingInputStream(String driver, String path, InputStream in) {
    super(in);
    this.driver = driver;
    this.path = path;
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(driver, "read", path, e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(driver, "read", path, e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(driver, "read", path, e);
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(driver, "read", path, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      throw ErrorTranslation.translate(driver, "close reader", path, e);
    }
  }
}
