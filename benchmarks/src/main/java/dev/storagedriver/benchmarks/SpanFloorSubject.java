package dev.storagedriver.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;

/**
 * The {@code <backend>:span} subjects: the bare driver, each call inside one span of the OpenTelemetry SDK that
 * {@link LayerStack} installs, started and ended the way the tracing layer does it (its span name, kind and
 * attributes, the content's size on whole-content calls), with no layer at all. {@code span} against {@code
 * driver} is the floor the SDK's own span start and end cost per call, which no change to the layers can remove;
 * {@code stack} against {@code span} is what the layers cost beyond it.
 */
final class SpanFloorSubject implements Subject {
  private static final AttributeKey<String> DRIVER = AttributeKey.stringKey("storagedriver.driver");
  private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("storagedriver.operation");
  private static final AttributeKey<Long> BYTES = AttributeKey.longKey("storagedriver.bytes");

  private final Subject bare;
  private final String driver;
  private final Tracer tracer;

  SpanFloorSubject(Subject bare, String driver, Tracer tracer) {
    this.bare = bare;
    this.driver = driver;
    this.tracer = tracer;
  }

  /** {@code name} is the span's name, a constant as in the layer: a call should not build a string. */
  private Span start(String name, String operation) {
    return tracer.spanBuilder(name).setSpanKind(SpanKind.CLIENT)
        .setAttribute(DRIVER, driver).setAttribute(OPERATION, operation).startSpan();
  }

  @Override
  public void put(String key, byte[] data) throws Exception {
    Span span = start("storagedriver putContent", "putContent");
    try {
      span.setAttribute(BYTES, data.length);
      bare.put(key, data);
    } finally {
      span.end();
    }
  }

  @Override
  public byte[] get(String key) throws Exception {
    Span span = start("storagedriver getContent", "getContent");
    try {
      byte[] content = bare.get(key);
      span.setAttribute(BYTES, content.length);
      return content;
    } finally {
      span.end();
    }
  }

  @Override
  public long stat(String key) throws Exception {
    Span span = start("storagedriver stat", "stat");
    try {
      return bare.stat(key);
    } finally {
      span.end();
    }
  }

  @Override
  public void streamWrite(String key, byte[] chunk, long total) throws Exception {
    Span span = start("storagedriver writer", "writer");
    try {
      bare.streamWrite(key, chunk, total);
      span.setAttribute(BYTES, total);
    } finally {
      span.end();
    }
  }

  @Override
  public long streamRead(String key, byte[] buffer) throws Exception {
    Span span = start("storagedriver reader", "reader");
    try {
      long n = bare.streamRead(key, buffer);
      span.setAttribute(BYTES, n);
      return n;
    } finally {
      span.end();
    }
  }

  @Override
  public int list(String dir) throws Exception {
    Span span = start("storagedriver list", "list");
    try {
      return bare.list(dir);
    } finally {
      span.end();
    }
  }

  @Override
  public int walk(String dir) throws Exception {
    Span span = start("storagedriver walk", "walk");
    try {
      return bare.walk(dir);
    } finally {
      span.end();
    }
  }

  @Override
  public void deleteTree(String dir) throws Exception {
    Span span = start("storagedriver delete", "delete");
    try {
      bare.deleteTree(dir);
    } finally {
      span.end();
    }
  }

  @Override
  public void betweenIterations() {
    bare.betweenIterations();
  }

  @Override
  public void close() throws Exception {
    bare.close();
  }
}
