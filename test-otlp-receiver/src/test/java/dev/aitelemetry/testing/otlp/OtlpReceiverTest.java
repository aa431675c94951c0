// End-to-end: the real OpenTelemetry SDK exports over OTLP/gRPC to the real receiver, and the spans come back.
package dev.aitelemetry.testing.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class OtlpReceiverTest {
  private static OtlpReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void receivesSpansExportedByTheOpenTelemetrySdkOverOtlpGrpc() {
    String service = "otlp-receiver-test";
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(
            Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
        .addSpanProcessor(BatchSpanProcessor.builder(
            OtlpGrpcSpanExporter.builder().setEndpoint(receiver.otlpGrpcEndpoint()).build()).build())
        .build();
    String traceId;
    String parentSpanId;
    String childSpanId;
    try {
      Tracer tracer = provider.get("dev.aitelemetry.test", "1.0");
      Span parent = tracer.spanBuilder("invoke_agent planner").setSpanKind(SpanKind.INTERNAL).startSpan();
      try (Scope ignored = parent.makeCurrent()) {
        Span child = tracer.spanBuilder("chat gpt-4o").setSpanKind(SpanKind.CLIENT)
            .setAttribute("gen_ai.request.model", "gpt-4o")
            .setAttribute("gen_ai.usage.input_tokens", 120L)
            .startSpan();
        childSpanId = child.getSpanContext().getSpanId();
        child.end();
      } finally {
        parent.end();
      }
      traceId = parent.getSpanContext().getTraceId();
      parentSpanId = parent.getSpanContext().getSpanId();
      assertTrue(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess(), "export to the receiver failed");
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }

    List<ReceivedSpan> spans = receiver.awaitSpans(service, 2, Duration.ofSeconds(30));

    Map<String, ReceivedSpan> byName =
        spans.stream().collect(Collectors.toMap(ReceivedSpan::name, Function.identity()));
    assertEquals(2, spans.size(), () -> "spans: " + spans);
    ReceivedSpan parent = byName.get("invoke_agent planner");
    ReceivedSpan child = byName.get("chat gpt-4o");
    assertEquals(traceId, parent.traceId());
    assertEquals(traceId, child.traceId());
    assertEquals(parentSpanId, parent.id());
    assertNull(parent.parentId());
    assertEquals(childSpanId, child.id());
    assertEquals(parentSpanId, child.parentId());
    assertNull(parent.kind(), "Zipkin has no INTERNAL kind");
    assertEquals("CLIENT", child.kind());
    assertEquals(service, child.serviceName());
    assertEquals("gpt-4o", child.tag("gen_ai.request.model"));
    assertEquals("120", child.tag("gen_ai.usage.input_tokens"), "every tag value is a string");
    assertEquals(service, child.tag("service.name"), "resource attributes are copied into tags");
    assertTrue(child.timestampMicros() > 0);
  }

  @Test
  void aSecondReceiverFailsFastBecauseThePortsAreTaken() {
    IllegalStateException e = assertThrows(IllegalStateException.class, OtlpReceiver::start);
    assertTrue(e.getMessage().contains("4317"), e.getMessage());
  }

  @Test
  void awaitSpansGivesUpAfterItsTimeout() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> receiver.awaitSpans("no-such-service", 1, Duration.ofMillis(500)));
    assertFalse(e.getMessage().isEmpty());
  }
}
