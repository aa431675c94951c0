// Specification of ToolInvocationScopeExample: the tool-invocation scope on success and on failure.
package dev.aitelemetry.examples.patterns;

import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_TOOL_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolInvocationScopeExampleTest {
  private static final AttributeKey<String> TICKET_ID = AttributeKey.stringKey("app.ticket.id");
  private static final String NO_SUCH_ELEMENT = NoSuchElementException.class.getName();

  private final InMemoryOtel otel = new InMemoryOtel();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void successfulLookupIsOneInternalExecuteToolSpanWithTheToolsAttributes() {
    ToolInvocationScopeExample.lookUpTicket(otel.telemetry, "INC-1042");

    SpanData span = onlySpan();
    assertThat(span.getName()).isEqualTo("execute_tool lookup_ticket");
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getAttributes().get(GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
    assertThat(span.getAttributes().get(GEN_AI_TOOL_NAME)).isEqualTo("lookup_ticket");
    assertThat(span.getAttributes().get(TICKET_ID)).isEqualTo("INC-1042");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void successfulLookupAddsTheToolsEvent() {
    String summary = ToolInvocationScopeExample.lookUpTicket(otel.telemetry, "INC-1042");

    assertThat(onlySpan().getEvents()).extracting(EventData::getName, EventData::getAttributes).containsExactly(
        tuple("ticket_found",
            Attributes.of(ToolInvocationScopeExample.SUMMARY_LENGTH, (long) summary.length())));
  }

  @Test
  void failedLookupRethrowsTheToolsOwnException() {
    assertThatThrownBy(() -> ToolInvocationScopeExample.lookUpTicket(otel.telemetry, "INC-9999"))
        .isExactlyInstanceOf(NoSuchElementException.class)
        .hasMessage("no ticket INC-9999");
  }

  @Test
  void failedLookupMarksTheSpanWithErrorStatusTypeAndExceptionEvent() {
    assertThatThrownBy(() -> ToolInvocationScopeExample.lookUpTicket(otel.telemetry, "INC-9999"));

    SpanData span = onlySpan();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo(NO_SUCH_ELEMENT);
    assertThat(span.getEvents()).extracting(EventData::getName).containsExactly("exception");
    assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(NO_SUCH_ELEMENT);
    assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("no ticket INC-9999");
  }

  @Test
  void runCountsOneSuccessAndOneFailureInToolInvocations() {
    List<String> outcomes = ToolInvocationScopeExample.run(otel.telemetry);

    assertThat(outcomes).containsExactly(
        "INC-1042: checkout-api: connection pool exhausted between 10:02 and 10:09",
        "INC-9999: failed, no ticket INC-9999");
    assertThat(otel.counter("mcp.tool.invocations")).isEqualTo(Map.of(
        Attributes.of(GEN_AI_TOOL_NAME, "lookup_ticket"), 1L,
        Attributes.of(GEN_AI_TOOL_NAME, "lookup_ticket", ERROR_TYPE, NO_SUCH_ELEMENT), 1L));
  }

  @Test
  void runRecordsBothInvocationsInExecuteToolDuration() {
    ToolInvocationScopeExample.run(otel.telemetry);

    Attributes ok = Attributes.of(GEN_AI_TOOL_NAME, "lookup_ticket", GEN_AI_OPERATION_NAME, "execute_tool");
    Attributes failed = ok.toBuilder().put(ERROR_TYPE, NO_SUCH_ELEMENT).build();
    Map<Attributes, HistogramPointData> points = otel.histogram("gen_ai.execute_tool.duration");
    assertThat(points.keySet()).containsExactlyInAnyOrder(ok, failed);
    assertThat(points.get(ok).getCount()).isEqualTo(1);
    assertThat(points.get(failed).getCount()).isEqualTo(1);
  }

  private SpanData onlySpan() {
    assertThat(otel.spans()).hasSize(1);
    return otel.spans().get(0);
  }
}
