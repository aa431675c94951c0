package dev.aitelemetry.core;

import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_INPUT_MESSAGES;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OUTPUT_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContentCaptureTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final TestTelemetry otel = new TestTelemetry();

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void contentIsOffByDefault() {
    AiTelemetry telemetry = otel.builder().build();
    LlmCall call = telemetry.llmCall("openai", "gpt-4o").inputMessages("[{\"role\":\"user\"}]").start();
    call.setOutputMessages("[{\"role\":\"assistant\"}]");
    call.end();

    assertThat(telemetry.capturesContent()).isFalse();
    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_INPUT_MESSAGES)).isNull();
    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_OUTPUT_MESSAGES)).isNull();
  }

  @Test
  void contentIsOnWhenTheStandardVariableSaysTrue() {
    AiTelemetry telemetry = AiTelemetry.builder(otel.sdk)
        .environment(name -> name.equals("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT") ? "TRUE" : null)
        .build();

    assertThat(telemetry.capturesContent()).isTrue();
  }

  @Test
  void explicitSettingWinsOverTheVariable() {
    AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).captureContent(false)
        .environment(name -> "true").build();

    assertThat(telemetry.capturesContent()).isFalse();
  }

  @Test
  void capturedMessagesAreRedactedBeforeRecording() {
    AiTelemetry telemetry = otel.builder().captureContent(true).build();
    telemetry.llmCall("openai", "gpt-4o")
        .inputMessages("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":"
            + "\"my key is sk-proj-abcdefghijklmnopqrstuvwx and card 4111 1111 1111 1111\"}]}]")
        .start().end();

    String recorded = otel.onlySpan().getAttributes().get(GEN_AI_INPUT_MESSAGES);
    assertThat(recorded).contains("[REDACTED_KEY]").contains("[REDACTED_CARD]")
        .doesNotContain("sk-proj").doesNotContain("4111");
  }

  @Test
  void longJsonIsTruncatedToTheLimitAndStaysValidJson() throws Exception {
    AiTelemetry telemetry = otel.builder().captureContent(true).maxContentLength(200).build();
    StringBuilder messages = new StringBuilder("[");
    for (int i = 0; i < 20; i++) {
      messages.append(i == 0 ? "" : ",")
          .append("{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"")
          .append("x".repeat(500)).append("\"}]}");
    }
    messages.append("]");
    telemetry.llmCall("openai", "gpt-4o").inputMessages(messages.toString()).start().end();

    String recorded = otel.onlySpan().getAttributes().get(GEN_AI_INPUT_MESSAGES);
    assertThat(recorded.length()).isLessThanOrEqualTo(200);
    JsonNode parsed = JSON.readTree(recorded);
    assertThat(parsed.isArray()).isTrue();
    assertThat(parsed.get(0).get("role").asText()).isEqualTo("user");
  }

  @Test
  void throwingRedactorDropsTheContentRatherThanRecordingItUnredacted() {
    AiTelemetry telemetry = otel.builder().captureContent(true).redactor(text -> {
      throw new IllegalStateException("bad pattern");
    }).build();

    LlmCall call = telemetry.llmCall("openai", "gpt-4o").inputMessages("[\"secret\"]").start();
    call.end();

    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_INPUT_MESSAGES)).isNull();
    assertThat(otel.onlySpan().getName()).isEqualTo("chat gpt-4o");
    assertThat(telemetry.internalErrorCount()).isEqualTo(1);
  }

  @Test
  void customRedactorCanExtendTheDefaults() {
    AiTelemetry telemetry = otel.builder().captureContent(true)
        .redactor(Redactor.defaults().andThen(text -> text.replace("ACME-42", "[CUSTOMER]"))).build();

    telemetry.llmCall("openai", "gpt-4o").inputMessages("[\"ACME-42 wrote bob@example.org\"]").start().end();

    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_INPUT_MESSAGES))
        .isEqualTo("[\"[CUSTOMER] wrote [REDACTED_EMAIL]\"]");
  }

  @Test
  void exceptionMessagesAndStackTracesAreRedactedEvenWithCaptureOff() {
    AiTelemetry telemetry = otel.builder().build();
    LlmCall call = telemetry.llmCall("openai", "gpt-4o").start();
    call.recordException(new IllegalStateException("rejected key sk-proj-abcdefghijklmnopqrstuvwx for bob@example.org"));
    call.end();

    var span = otel.onlySpan();
    var event = span.getEvents().get(0);
    String message = event.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("exception.message"));
    String trace = event.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("exception.stacktrace"));
    assertThat(message).isEqualTo("rejected key [REDACTED_KEY] for [REDACTED_EMAIL]");
    assertThat(trace).contains("[REDACTED_KEY]").doesNotContain("sk-proj").doesNotContain("bob@example.org");
    assertThat(span.getStatus().getDescription()).isEqualTo(message);
  }

  @Test
  void aSecretInACauseIsRedactedInTheStackTraceToo() {
    AiTelemetry telemetry = otel.builder().build();
    LlmCall call = telemetry.llmCall("openai", "gpt-4o").start();
    call.recordException(new RuntimeException("gateway failed",
        new IllegalStateException("upstream said: Authorization: Bearer abcdefghijklmnop")));
    call.end();

    var attributes = otel.onlySpan().getEvents().get(0).getAttributes();
    String trace = attributes.get(io.opentelemetry.api.common.AttributeKey.stringKey("exception.stacktrace"));
    assertThat(trace).contains("Caused by: java.lang.IllegalStateException").contains("[REDACTED_")
        .doesNotContain("abcdefghijklmnop");
  }

  @Test
  void anExceptionWithNothingToRedactKeepsItsFullStackTrace() {
    AiTelemetry telemetry = otel.builder().build();
    LlmCall call = telemetry.llmCall("openai", "gpt-4o").start();
    call.recordException(new IllegalStateException("plain failure"));
    call.end();

    var attributes = otel.onlySpan().getEvents().get(0).getAttributes();
    assertThat(attributes.get(io.opentelemetry.api.common.AttributeKey.stringKey("exception.message")))
        .isEqualTo("plain failure");
    assertThat(attributes.get(io.opentelemetry.api.common.AttributeKey.stringKey("exception.stacktrace")))
        .startsWith("java.lang.IllegalStateException: plain failure").contains("ContentCaptureTest");
  }

  @Test
  void errorDescriptionsAreRedactedAndCutToALimit() {
    AiTelemetry telemetry = otel.builder().build();
    ToolInvocation tool = telemetry.tool("mail").start();
    tool.markToolError("could not mail carol@example.com: " + "x".repeat(5000));
    tool.end();

    String description = otel.onlySpan().getStatus().getDescription();
    assertThat(description).startsWith("could not mail [REDACTED_EMAIL]: ").hasSizeLessThanOrEqualTo(1024);
  }
}
