package dev.storagedriver.layers.opentelemetry;

import dev.storagedriver.ErrorTranslation;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriverException;
import dev.storagedriver.layers.CallLayer;
import dev.storagedriver.layers.ObservedStreams;
import dev.storagedriver.layers.Operation;
import dev.storagedriver.layers.RetryEvents;
import dev.storagedriver.spi.StorageBackend;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.InputStream;

/**
 * An OpenTelemetry span per call, a child of the caller's current span, named for the operation ({@code
 * storagedriver getContent}), with attributes {@code storagedriver.driver}, {@code storagedriver.operation},
 * {@code storagedriver.bytes} (content moved), {@code storagedriver.retries} (when a {@code retry} layer below
 * retried), {@code storagedriver.error.code} and an error status on failure, and {@code storagedriver.path} only
 * when {@code recordpaths} is on: paths may carry names that must not leave the process. A stream is one call from
 * opening to closing; its span ends when it is closed.
 */
final class TracingLayer extends CallLayer {
  static final AttributeKey<String> DRIVER = AttributeKey.stringKey("storagedriver.driver");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("storagedriver.operation");
  static final AttributeKey<String> PATH = AttributeKey.stringKey("storagedriver.path");
  static final AttributeKey<Long> BYTES = AttributeKey.longKey("storagedriver.bytes");
  static final AttributeKey<Long> RETRIES = AttributeKey.longKey("storagedriver.retries");
  static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("storagedriver.error.code");

  /** Span names by {@link Operation#ordinal()}, made once: a call should not build a string. */
  private static final String[] SPAN_NAMES = new String[Operation.values().length];

  static {
    for (Operation op : Operation.values()) {
      SPAN_NAMES[op.ordinal()] = "storagedriver " + op.configName();
    }
  }

  private final Tracer tracer;
  private final boolean recordPaths;
  private final String driver;

  TracingLayer(StorageBackend below, Tracer tracer, boolean recordPaths) {
    super(below);
    this.tracer = tracer;
    this.recordPaths = recordPaths;
    this.driver = below.name();
  }

  private Span start(Operation operation, String path) {
    Span span = tracer.spanBuilder(SPAN_NAMES[operation.ordinal()]).setSpanKind(SpanKind.CLIENT)
        .setAttribute(DRIVER, driver).setAttribute(OPERATION, operation.configName()).startSpan();
    if (recordPaths) {
      span.setAttribute(PATH, path);
    }
    return span;
  }

  private void fail(Span span, Operation operation, String path, Throwable failure) {
    StorageDriverException typed = ErrorTranslation.translate(driver, operation.configName(), path, failure);
    span.setAttribute(ERROR_CODE, typed.code().name());
    // The message names the path: keep it out unless paths are recorded.
    span.setStatus(StatusCode.ERROR, recordPaths ? typed.getMessage() : typed.code().name());
  }

  private static void retries(Span span, RetryEvents.Tally tally, long before) {
    long retried = tally.value() - before;
    if (retried > 0) {
      span.setAttribute(RETRIES, retried);
    }
  }

  @Override
  protected <T> T around(Operation operation, String path, Call<T> call) throws IOException {
    Span span = start(operation, path);
    if (!span.isRecording()) {
      // Not sampled, or no SDK installed: whatever this layer would add to the span is dropped anyway.
      try {
        return call.run();
      } finally {
        span.end();
      }
    }
    RetryEvents.Tally tally = RetryEvents.tally();
    long retriesBefore = tally.value();
    try {
      T result = call.run();
      if (result instanceof byte[] content) {
        span.setAttribute(BYTES, content.length);
      }
      return result;
    } catch (IOException | RuntimeException e) {
      fail(span, operation, path, e);
      throw e;
    } finally {
      retries(span, tally, retriesBefore);
      if (operation != Operation.READER && operation != Operation.WRITER) {
        span.end();
      }
    }
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    Span span = start(Operation.PUT_CONTENT, path);
    if (!span.isRecording()) {
      try {
        delegate().putContent(path, content);
        return;
      } finally {
        span.end();
      }
    }
    span.setAttribute(BYTES, content.length);
    RetryEvents.Tally tally = RetryEvents.tally();
    long retriesBefore = tally.value();
    try {
      delegate().putContent(path, content);
    } catch (IOException | RuntimeException e) {
      fail(span, Operation.PUT_CONTENT, path, e);
      throw e;
    } finally {
      retries(span, tally, retriesBefore);
      span.end();
    }
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    Span span = start(Operation.READER, path);
    if (!span.isRecording()) {
      // Nothing to observe: the stream goes back unwrapped.
      try {
        return delegate().reader(path, offset);
      } finally {
        span.end();
      }
    }
    RetryEvents.Tally tally = RetryEvents.tally();
    long retriesBefore = tally.value();
    try {
      return ObservedStreams.reader(delegate().reader(path, offset), new StreamSpan(span, Operation.READER, path));
    } catch (IOException | RuntimeException e) {
      fail(span, Operation.READER, path, e);
      retries(span, tally, retriesBefore);
      span.end();
      throw e;
    }
  }

  @Override
  public FileWriter writer(String path, boolean append) throws IOException {
    Span span = start(Operation.WRITER, path);
    if (!span.isRecording()) {
      try {
        return delegate().writer(path, append);
      } finally {
        span.end();
      }
    }
    try {
      return ObservedStreams.writer(delegate().writer(path, append), new StreamSpan(span, Operation.WRITER, path));
    } catch (IOException | RuntimeException e) {
      fail(span, Operation.WRITER, path, e);
      span.end();
      throw e;
    }
  }

  /** A stream's span: failures as they happen, bytes and retries when it is closed, which ends it. */
  private final class StreamSpan implements ObservedStreams.Observer {
    private final Span span;
    private final Operation operation;
    private final String path;

    StreamSpan(Span span, Operation operation, String path) {
      this.span = span;
      this.operation = operation;
      this.path = path;
    }

    @Override
    public void failed(Exception failure) {
      fail(span, operation, path, failure);
    }

    @Override
    public void closed(long bytes, long retried, Exception failure) {
      span.setAttribute(BYTES, bytes);
      if (retried > 0) {
        span.setAttribute(RETRIES, retried);
      }
      span.end();
    }
  }
}
