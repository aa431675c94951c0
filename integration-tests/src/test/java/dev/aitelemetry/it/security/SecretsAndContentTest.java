// Secrets never exported, content off by default, redaction before any hook, baggage and remote sampling kept in bounds.
package dev.aitelemetry.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.GenAiAttributes;
import dev.aitelemetry.it.reliability.Figures;
import dev.aitelemetry.it.reliability.LocalOpenAi;
import dev.aitelemetry.it.reliability.LogCapture;
import dev.aitelemetry.it.reliability.TestSdk;
import dev.aitelemetry.it.reliability.Workload;
import dev.aitelemetry.mcp.McpTelemetry;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The security promises of the issue, each against the real SDK and real LangChain4j / MCP calls. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SecretsAndContentTest {
  static final String API_KEY_HEADER = "azure0SENTINEL0api0key0value0c0ffee";
  static final String PROMPT = "PROMPT-SENTINEL-7f3a";
  static final String EMAIL = "jane.doe@example.com";
  static final String VALID_PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-";

  /** Everything exported, as text: span names, attributes, events, links, status, resource; every metric. */
  static String exported(TestSdk otel) {
    StringBuilder sb = new StringBuilder();
    for (SpanData s : otel.spans()) {
      sb.append(s.getName()).append(s.getAttributes()).append(s.getStatus()).append(s.getResource());
      s.getEvents().forEach(e -> sb.append(e.getName()).append(e.getAttributes()));
      for (LinkData l : s.getLinks()) {
        sb.append(l.getAttributes());
      }
      sb.append(s.getSpanContext().getTraceState().asMap());
    }
    otel.collectMetrics().forEach(m -> sb.append(m));
    return sb.toString();
  }

  @Test
  void apiKeyAndAuthHeadersAppearNowhereWithCaptureOnOrOff() {
    int scanned = 0;
    for (boolean capture : new boolean[] {false, true}) {
      try (LocalOpenAi endpoint = LocalOpenAi.start(); TestSdk otel = TestSdk.create();
          LogCapture log = LogCapture.all()) {
        AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).captureContent(capture).build();
        try (Workload w = Workload.traced(telemetry, endpoint, Map.of("api-key", API_KEY_HEADER))) {
          w.round(1);
          for (String prompt : List.of("#status=401 bad key", "#status=429 slow down", "#echoauth")) {
            try {
              w.chat(prompt);
            } catch (RuntimeException expected) {
              // the provider error reaches the caller; its message may quote the key (the #echoauth gateway)
            }
          }
        }
        // the secrets were really sent, so their absence below means something
        assertThat(endpoint.receivedHeaders().toString()).contains(Workload.API_KEY).contains(API_KEY_HEADER);
        String everything = exported(otel) + log.allText();
        assertThat(otel.spans()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(everything).doesNotContain(Workload.API_KEY)
            .doesNotContain(Workload.API_KEY.substring(0, 24))
            .doesNotContain("Bearer sk-")
            .doesNotContain(API_KEY_HEADER);
        // the #echoauth body quotes "api-key=<value>": caught by Redactor.credentialAssignments() in the defaults
        scanned += everything.length();
        Figures.record("Security", "capture " + (capture ? "on" : "off") + ": spans scanned for the key",
            otel.spans().size());
      }
    }
    Figures.record("Security", "characters of exported spans, metrics and log records scanned", scanned);
  }

  @Test
  void contentCaptureIsOffByDefault() {
    try (LocalOpenAi endpoint = LocalOpenAi.start(); TestSdk otel = TestSdk.create()) {
      AiTelemetry telemetry = AiTelemetry.create(otel.sdk); // surefire leaves the capture variable unset
      assertThat(telemetry.capturesContent()).isFalse();
      try (Workload w = Workload.traced(telemetry, endpoint, Map.of())) {
        w.chat(PROMPT + " tell me about " + EMAIL);
        w.tool(PROMPT);
        w.search(3);
      }
      try (var tool = telemetry.traceToolInvocation("manual")) {
        tool.setArguments("{\"q\":\"" + PROMPT + "\"}");
        tool.setResult(PROMPT);
      }
      String everything = exported(otel);
      assertThat(otel.spans()).hasSizeGreaterThanOrEqualTo(4);
      assertThat(everything).doesNotContain(PROMPT).doesNotContain("ok ").doesNotContain("found ");
      for (SpanData s : otel.spans()) {
        assertThat(s.getAttributes().get(GenAiAttributes.GEN_AI_INPUT_MESSAGES)).isNull();
        assertThat(s.getAttributes().get(GenAiAttributes.GEN_AI_OUTPUT_MESSAGES)).isNull();
        assertThat(s.getAttributes().get(GenAiAttributes.GEN_AI_TOOL_CALL_ARGUMENTS)).isNull();
        assertThat(s.getAttributes().get(GenAiAttributes.GEN_AI_TOOL_CALL_RESULT)).isNull();
      }
      Figures.record("Security", "default settings: spans exported without any prompt, completion or tool text",
          otel.spans().size());
    }
  }

  @Test
  void redactionRunsBeforeAnySamplerProcessorOrExporterSeesContent() {
    List<String> seenByHooks = new CopyOnWriteArrayList<>();
    Sampler recordingSampler = new Sampler() {
      @Override
      public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
          Attributes attributes, List<LinkData> parentLinks) {
        seenByHooks.add("sampler " + name + " " + attributes);
        return SamplingResult.recordAndSample();
      }

      @Override
      public String getDescription() {
        return "recording";
      }
    };
    SpanProcessor watcher = new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {
        seenByHooks.add("onStart " + span.toSpanData().getAttributes());
      }

      @Override
      public boolean isStartRequired() {
        return true;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        seenByHooks.add("onEnd " + span.toSpanData().getAttributes() + span.toSpanData().getEvents());
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
    try (LocalOpenAi endpoint = LocalOpenAi.start(); TestSdk otel = TestSdk.with(recordingSampler, watcher)) {
      AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).captureContent(true).build();
      try (Workload w = Workload.traced(telemetry, endpoint, Map.of())) {
        w.chat("mail " + EMAIL + " the key " + Workload.API_KEY);
        w.tool(EMAIL);
        try {
          w.chat("#status=500 for " + EMAIL);
        } catch (RuntimeException expected) {
          // recorded as an exception event
        }
      }
      String everything = String.join("\n", seenByHooks) + exported(otel);
      assertThat(everything).doesNotContain(EMAIL).doesNotContain(Workload.API_KEY)
          .contains("[REDACTED_EMAIL]").contains("[REDACTED_KEY]");
      Figures.record("Security", "hook observations checked (sampler, onStart, onEnd) with no raw e-mail or key",
          seenByHooks.size());
    }
  }

  @Test
  void baggageIsNeverCopiedIntoAttributes() {
    try (TestSdk otel = TestSdk.create()) {
      AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).captureContent(true).build();
      AtomicReference<String> seenByTool = new AtomicReference<>();
      McpSchema.Tool tool = McpSchema.Tool.builder("who", Map.of("type", "object")).build();
      var spec = McpTelemetry.create(telemetry).wrap(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
          .callHandler((ex, req) -> {
            seenByTool.set(Baggage.current().getEntryValue("user.id"));
            return McpSchema.CallToolResult.builder().addTextContent("ok").build();
          }).build());
      try (var mcp = dev.aitelemetry.it.reliability.PipeMcp.start(List.of(spec))) {
        mcp.client().callTool(CallToolRequest.builder("who").meta(Map.of("traceparent", VALID_PARENT + "01",
            "baggage", "user.id=BAGGAGE-SENTINEL-42,tenant=acme")).build());
      }
      assertThat(seenByTool.get()).as("baggage reaches the tool").isEqualTo("BAGGAGE-SENTINEL-42");
      assertThat(exported(otel)).doesNotContain("BAGGAGE-SENTINEL-42").doesNotContain("acme");
    }
  }

  /** A ParentBased(AlwaysOff) sampler: only a W3C sampled flag from the caller may turn sampling on. */
  @Test
  void extractedContextInfluencesSamplingOnlyThroughTheW3cSampledFlag() {
    Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
    cases.put("traceparent sampled=01", Map.of("traceparent", VALID_PARENT + "01"));
    cases.put("traceparent sampled=00", Map.of("traceparent", VALID_PARENT + "00"));
    cases.put("sampled=00 + tracestate asking for sampling", Map.of("traceparent", VALID_PARENT + "00",
        "tracestate", "ot=th:0;p:0,dd=s:2"));
    cases.put("sampled=00 + baggage asking for sampling", Map.of("traceparent", VALID_PARENT + "00",
        "baggage", "sampling.priority=1,sampled=true"));
    cases.put("malformed traceparent with sampled flag", Map.of("traceparent", "00-xyz-abc-01"));
    cases.put("no traceparent, baggage asking for sampling", Map.of("baggage", "sampling.priority=1"));
    List<String> outcomes = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
      try (TestSdk otel = TestSdk.with(Sampler.parentBased(Sampler.alwaysOff()))) {
        AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
        McpSchema.Tool tool = McpSchema.Tool.builder("t", Map.of("type", "object")).build();
        McpTelemetry.create(telemetry).wrap(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
                .callHandler((ex, req) -> McpSchema.CallToolResult.builder().addTextContent("ok").build()).build())
            .callHandler().apply(null, CallToolRequest.builder("t").meta(c.getValue()).build());
        boolean sampled = !otel.spans().isEmpty();
        assertThat(sampled).as(c.getKey()).isEqualTo(c.getKey().equals("traceparent sampled=01"));
        outcomes.add(c.getKey() + " -> " + (sampled ? "sampled" : "not sampled"));
      }
    }
    Figures.record("Security", "remote sampling cases (ParentBased(AlwaysOff))", String.join("; ", outcomes));
  }
}
