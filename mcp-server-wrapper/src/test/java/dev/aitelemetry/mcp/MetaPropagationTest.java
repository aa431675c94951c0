// Specification: reading and writing trace context in _meta maps.
package dev.aitelemetry.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaPropagationTest {
  static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  static final String SPAN_ID = "00f067aa0ba902b7";
  static final String TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

  private final MetaPropagation propagation = new MetaPropagation(TestTelemetry.W3C, 4096);

  private static SpanContext spanIn(Context context) {
    return Span.fromContext(context).getSpanContext();
  }

  @Test
  void extractsTraceparentTracestateAndBaggageFromUnprefixedKeys() {
    Map<String, Object> meta = Map.of("traceparent", TRACEPARENT, "tracestate", "rojo=00f067aa0ba902b7",
        "baggage", "user.id=alice");

    Context context = propagation.extract(Context.root(), meta);

    assertThat(spanIn(context).getTraceId()).isEqualTo(TRACE_ID);
    assertThat(spanIn(context).getSpanId()).isEqualTo(SPAN_ID);
    assertThat(spanIn(context).isRemote()).isTrue();
    assertThat(spanIn(context).getTraceState().get("rojo")).isEqualTo("00f067aa0ba902b7");
    assertThat(Baggage.fromContext(context).getEntryValue("user.id")).isEqualTo("alice");
  }

  @Test
  void malformedTraceparentLeavesTheBaseContextUntouched() {
    for (String bad : new String[] {"garbage", "00-xyz-abc-01", "00-" + "0".repeat(32) + "-" + SPAN_ID + "-01",
        "00-" + TRACE_ID + "-" + "0".repeat(16) + "-01", "", "00-" + TRACE_ID + "-" + SPAN_ID}) {
      Context context = propagation.extract(Context.root(), Map.of("traceparent", bad));

      assertThat(spanIn(context).isValid()).as(bad).isFalse();
    }
  }

  @Test
  void nonStringValuesAreIgnored() {
    Map<String, Object> meta = Map.of("traceparent", 42, "baggage", Map.of("user.id", "alice"));

    Context context = propagation.extract(Context.root(), meta);

    assertThat(spanIn(context).isValid()).isFalse();
    assertThat(Baggage.fromContext(context).isEmpty()).isTrue();
  }

  @Test
  void valuesLongerThanTheCapAreIgnored() {
    String hugeBaggage = "k=" + "v".repeat(5000);
    Map<String, Object> meta = Map.of("traceparent", TRACEPARENT, "baggage", hugeBaggage);

    Context context = propagation.extract(Context.root(), meta);

    assertThat(spanIn(context).isValid()).isTrue(); // the sane field is still used
    assertThat(Baggage.fromContext(context).isEmpty()).isTrue();
    MetaPropagation tight = new MetaPropagation(TestTelemetry.W3C, 20);
    assertThat(spanIn(tight.extract(Context.root(), Map.of("traceparent", TRACEPARENT))).isValid()).isFalse();
  }

  @Test
  void missingOrEmptyMetaYieldsTheBaseContext() {
    Context base = Context.root().with(Baggage.builder().put("a", "b").build());

    assertThat(propagation.extract(base, null)).isSameAs(base);
    assertThat(propagation.extract(base, Map.of())).isSameAs(base);
  }

  @Test
  void injectionWritesIntoACopyAndKeepsTheCallersKeys() {
    Map<String, Object> callerMeta = new HashMap<>(Map.of("progressToken", 7, "com.example/tenant", "acme"));
    CallToolRequest request = Tools.call("hi", callerMeta);
    SpanContext sc = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());

    CallToolRequest injected = propagation.inject(Context.root().with(Span.wrap(sc)), request);

    assertThat(injected.meta()).containsEntry("traceparent", TRACEPARENT)
        .containsEntry("progressToken", 7).containsEntry("com.example/tenant", "acme");
    assertThat(callerMeta).doesNotContainKey("traceparent");
    assertThat(injected.name()).isEqualTo("echo");
    assertThat(injected.arguments()).isEqualTo(request.arguments());
  }

  @Test
  void injectionOverwritesAStaleTraceparentOfTheCaller() {
    Map<String, Object> callerMeta = new LinkedHashMap<>();
    callerMeta.put("traceparent", "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01");
    SpanContext sc = SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault());

    CallToolRequest injected = propagation.inject(Context.root().with(Span.wrap(sc)), Tools.call("hi", callerMeta));

    assertThat(injected.meta()).containsEntry("traceparent", TRACEPARENT);
  }

  @Test
  void nothingToInjectReturnsTheSameRequest() {
    CallToolRequest request = Tools.call("hi");

    assertThat(propagation.inject(Context.root(), request)).isSameAs(request);
  }
}
