package dev.storagedriver.layers.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.typesafe.config.ConfigFactory;
import dev.storagedriver.FileWriter;
import dev.storagedriver.StorageDriver;
import dev.storagedriver.StorageDrivers;
import dev.storagedriver.StorageLayers;
import dev.storagedriver.inmemory.InMemoryStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tracing layer's spans, caught by OpenTelemetry's in-memory exporter (set as GlobalOpenTelemetry). */
class TracingLayerTest {
  @RegisterExtension
  static final OpenTelemetryExtension otel = OpenTelemetryExtension.create();

  private final InMemoryStore store = new InMemoryStore(0);

  private StorageDriver open(String layers) throws Exception {
    return StorageDrivers.portable(StorageLayers.load().stack(store.backend(),
        ConfigFactory.parseString("storagedriver.layers = " + layers)));
  }

  private SpanData only(String name) {
    List<SpanData> found = otel.getSpans().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(found).as(name).hasSize(1);
    return found.get(0);
  }

  @Test
  void everyCall_isASpan_withDriverOperationAndBytes_andNoPathByDefault() throws Exception {
    try (StorageDriver driver = open("[tracing]")) {
      driver.putContent("/secret/a", new byte[10]);
      driver.getContent("/secret/a");
    }
    SpanData put = only("storagedriver putContent");
    assertThat(put.getAttributes().get(TracingLayer.DRIVER)).isEqualTo("inmemory");
    assertThat(put.getAttributes().get(TracingLayer.OPERATION)).isEqualTo("putContent");
    assertThat(put.getAttributes().get(TracingLayer.BYTES)).isEqualTo(10);
    assertThat(only("storagedriver getContent").getAttributes().get(TracingLayer.BYTES)).isEqualTo(10);
    assertThat(otel.getSpans()).allSatisfy(s -> {
      assertThat(s.getAttributes().get(TracingLayer.PATH)).isNull();
      assertThat(s.getAttributes().toString()).doesNotContain("/secret");
    });
  }

  @Test
  void withRecordPaths_thePathIsRecorded() throws Exception {
    try (StorageDriver driver = open("[ { name = tracing, recordpaths = true } ]")) {
      driver.putContent("/a", new byte[1]);
    }
    assertThat(only("storagedriver putContent").getAttributes().get(TracingLayer.PATH)).isEqualTo("/a");
  }

  @Test
  void aFailure_setsTheErrorCodeAndStatus_withoutThePath() throws Exception {
    try (StorageDriver driver = open("[tracing]")) {
      catchThrowable(() -> driver.getContent("/secret/missing"));
    }
    SpanData get = only("storagedriver getContent");
    assertThat(get.getAttributes().get(TracingLayer.ERROR_CODE)).isEqualTo("PATH_NOT_FOUND");
    assertThat(get.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(get.getStatus().getDescription()).doesNotContain("/secret");
  }

  @Test
  void aStream_isOneSpanFromOpenToClose_withItsBytes() throws Exception {
    try (StorageDriver driver = open("[tracing]")) {
      try (FileWriter w = driver.writer("/w", false)) {
        w.write(new byte[7]);
        w.commit();
      }
      try (InputStream in = driver.reader("/w", 2)) {
        in.readAllBytes();
      }
    }
    assertThat(only("storagedriver writer").getAttributes().get(TracingLayer.BYTES)).isEqualTo(7);
    assertThat(only("storagedriver reader").getAttributes().get(TracingLayer.BYTES)).isEqualTo(5);
  }

  @Test
  void spans_areChildrenOfTheCallersSpan() throws Exception {
    Span parent = otel.getOpenTelemetry().getTracer("test").spanBuilder("request").startSpan();
    try (StorageDriver driver = open("[tracing]"); Scope ignored = parent.makeCurrent()) {
      driver.stat("/");
    } finally {
      parent.end();
    }
    assertThat(only("storagedriver stat").getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
  }

  @Test
  void retriesBelow_areRecordedOnTheSpan() throws Exception {
    store.newDriver().putContent("/a", new byte[] {1});
    try (StorageDriver driver = open("[tracing, { name = retry, maxattempts = 3, basedelay = 1ms, maxdelay = 1ms },"
        + " { name = faults, errorrate = 1, operations = [getContent] }]")) {
      catchThrowable(() -> driver.getContent("/a"));
    }
    SpanData get = only("storagedriver getContent");
    assertThat(get.getAttributes().get(TracingLayer.RETRIES)).isEqualTo(2);
    assertThat(get.getAttributes().get(TracingLayer.ERROR_CODE)).isEqualTo("UNAVAILABLE");
  }
}
