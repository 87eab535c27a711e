package dev.storagedriver.layers;

import dev.storagedriver.ErrorTranslation;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.spi.DriverConfig;
import dev.storagedriver.spi.StorageBackend;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One SLF4J line per call, at {@code level} on logger {@code logger}: driver, operation, path, bytes, duration and
 * outcome ({@code ok} or the error code), e.g. {@code filesystem getContent /a/b 4096 bytes 112 µs ok}. A stream or
 * a writer is one call from opening to closing: its line, written when it is closed, has the bytes it carried; a
 * failure to open it is logged at once.
 */
final class LoggingLayer extends CallLayer {
  /** How the layer's level is configured. */
  enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR }

  private final Logger log;
  private final Level level;

  LoggingLayer(StorageBackend below, DriverConfig config) throws StorageDriverException {
    super(below);
    this.level = Level.valueOf(config.getEnum("level", LogLevel.class, LogLevel.INFO).name());
    this.log = LoggerFactory.getLogger(config.getOptionalString("logger").orElse("dev.storagedriver.layers"));
  }

  private boolean enabled() {
    return log.isEnabledForLevel(level);
  }

  private void line(String operation, String path, long bytes, long startNanos, Throwable failure) {
    String outcome = failure == null ? "ok"
        : ErrorTranslation.translate(name(), operation, path, failure).code().name();
    log.atLevel(level).log("{} {} {} {} bytes {} µs {}", name(), operation, path, bytes,
        (System.nanoTime() - startNanos) / 1000, outcome);
  }

  @Override
  protected <T> T around(Operation operation, String path, Call<T> call) throws IOException {
    if (!enabled()) {
      return call.run();
    }
    long start = System.nanoTime();
    try {
      T result = call.run();
      if (operation != Operation.READER && operation != Operation.WRITER) {
        line(operation.configName(), path, result instanceof byte[] b ? b.length : 0, start, null);
      }
      return result;
    } catch (IOException | RuntimeException e) {
      line(operation.configName(), path, 0, start, e);
      throw e;
    }
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    if (!enabled()) {
      super.putContent(path, content);
      return;
    }
    long start = System.nanoTime();
    try {
      delegate().putContent(path, content);
    } catch (IOException | RuntimeException e) {
      line("putContent", path, content.length, start, e);
      throw e;
    }
    line("putContent", path, content.length, start, null);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    long start = System.nanoTime();
    InputStream in = super.reader(path, offset);
    if (!enabled()) {
      return in;
    }
    return ObservedStreams.reader(in, new ObservedStreams.Observer() {
      @Override
      public void closed(long bytes, long retries, Exception failure) {
        line("reader", path, bytes, start, failure);
      }
    });
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    long start = System.nanoTime();
    FileWriter w = super.writer(path, append);
    if (!enabled()) {
      return w;
    }
    return ObservedStreams.writer(w, new ObservedStreams.Observer() {
      @Override
      public void closed(long bytes, long retries, Exception failure) {
        line("writer", path, bytes, start, failure);
      }
    });
  }
}
