// Every kind of bad input the issue lists, each with a clear outcome that the test states and records.
package dev.aitelemetry.it.reliability;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetryBuilder;
import dev.aitelemetry.core.LlmCall;
import dev.aitelemetry.cost.PricingFormatException;
import dev.aitelemetry.cost.PricingTable;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.aitelemetry.mcp.McpTelemetry;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each case drives real code (chat over HTTP through {@code OpenAiChatModel}, the MCP tool decorator, core, the
 * pricing reader), asserts its outcome and records one row {@code FIGURE BadInput <case> = <outcome>} for the table
 * in {@code docs/reliability.md}. Every span produced is also serialized with the OTLP exporter's own marshaler, so
 * "recorded" means "exportable".
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BadInputTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LIMIT = AiTelemetryBuilder.DEFAULT_MAX_CONTENT_LENGTH;
  private static LocalOpenAi endpoint;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    endpoint = LocalOpenAi.start();
  }

  @AfterAll
  static void stop() {
    endpoint.close();
  }

  private static void row(String input, String outcome) {
    Figures.record("BadInput", input, outcome);
  }

  /** One chat call over HTTP with this prompt; returns its span (after checking it is exportable). */
  private static SpanData chat(String prompt, boolean capture) {
    try (TestSdk otel = TestSdk.create()) {
      AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).captureContent(capture).build();
      ChatModel model = OpenAiChatModel.builder().baseUrl(endpoint.baseUrl()).apiKey("sk-test")
          .modelName("gpt-4o-mini").timeout(Duration.ofSeconds(30)).maxRetries(0)
          .listeners(List.of(LangChain4jTelemetry.create(telemetry).chatModelListener())).build();
      model.chat(prompt);
      assertThat(otel.spans()).hasSize(1);
      assertThat(telemetry.internalErrorCount()).isZero();
      exportable(otel.spans());
      return otel.spans().get(0);
    }
  }

  static void exportable(List<SpanData> spans) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TraceRequestMarshaler.create(spans).writeBinaryTo(out);
      assertThat(out.size()).isPositive();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void tokenCounts() {
    SpanData nulls = chat("#tokens=null,null", false);
    assertThat(nulls.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isNull();
    assertThat(nulls.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isNull();
    row("token counts null", "call succeeds; no usage and no cost attributes");

    SpanData zero = chat("#tokens=0,0", false);
    assertThat(zero.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isZero();
    assertThat(zero.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isEqualTo(0.0);
    row("token counts zero", "call succeeds; usage 0/0, cost 0.0 USD");

    SpanData negative = chat("#tokens=-5,-3", false);
    assertThat(negative.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isZero();
    assertThat(negative.getAttributes().get(GEN_AI_USAGE_OUTPUT_TOKENS)).isZero();
    row("token counts negative (-5, -3)", "call succeeds; clamped to 0 (never a negative count or cost)");

    SpanData max = chat("#tokens=2147483647,2147483647", false);
    assertThat(max.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(2147483647L);
    double cost = max.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT);
    assertThat(cost).isFinite().isPositive();
    row("token counts Integer.MAX_VALUE", "call succeeds; counts kept exactly, cost " + cost
        + " USD (exact BigDecimal arithmetic, no overflow)");

    SpanData missing = chat("#usage=none", false);
    assertThat(missing.getAttributes().get(GEN_AI_USAGE_INPUT_TOKENS)).isNull();
    assertThat(missing.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isNull();
    row("usage missing from the response", "call succeeds; no usage and no cost attributes");
  }

  @Test
  void modelNamesAndProviders() {
    SpanData nullResponseModel = chat("#model=null", false);
    assertThat(nullResponseModel.getAttributes().get(GEN_AI_RESPONSE_MODEL)).isNull();
    assertThat(nullResponseModel.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isNotNull();
    row("response model null", "no gen_ai.response.model; priced by the request model");

    SpanData emptyResponseModel = chat("#model=", false);
    assertThat(emptyResponseModel.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isNotNull();
    row("response model empty", "priced by the request model; gen_ai.response.model=\""
        + emptyResponseModel.getAttributes().get(GEN_AI_RESPONSE_MODEL) + "\"");

    try (TestSdk otel = TestSdk.create()) {
      AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
      try (LlmCall call = telemetry.traceLlmCall(null, null)) {
        call.setUsage(dev.aitelemetry.cost.TokenUsage.of(10, 5));
      }
      try (LlmCall call = telemetry.traceLlmCall("openai", "")) {
        call.setUsage(dev.aitelemetry.cost.TokenUsage.of(10, 5));
      }
      try (LlmCall call = telemetry.traceLlmCall("my-own-llm-provider", "house-model-7")) {
        call.setUsage(dev.aitelemetry.cost.TokenUsage.of(10, 5));
      }
      List<SpanData> spans = otel.spans();
      assertThat(spans).extracting(SpanData::getName).containsExactly("chat", "chat ", "chat house-model-7");
      assertThat(spans).allSatisfy(s -> assertThat(s.getAttributes().get(GEN_AI_USAGE_COST_AMOUNT)).isNull());
      assertThat(spans.get(2).getAttributes().get(GEN_AI_PROVIDER_NAME)).isEqualTo("my-own-llm-provider");
      long unpriced = otel.collectMetrics().stream().filter(m -> m.getName().equals("aitelemetry.cost.unpriced_calls"))
          .flatMap(m -> m.getLongSumData().getPoints().stream()).mapToLong(p -> p.getValue()).sum();
      assertThat(unpriced).isEqualTo(3);
      assertThat(telemetry.internalErrorCount()).isZero();
      exportable(spans);
      row("request model null (core API)", "span \"chat\", no model attribute, no cost, counted in "
          + "aitelemetry.cost.unpriced_calls");
      row("request model empty", "span \"chat \", no cost, counted as unpriced");
      row("unknown provider and model", "provider recorded as given; no cost (never a guessed one), counted as "
          + "unpriced (" + unpriced + " of 3 calls)");
    }
  }

  @Test
  void tenMegabyteToolArgumentAndCompletionWithCaptureOn() throws Exception {
    String tenMb = "a".repeat(10 * 1024 * 1024);
    try (TestSdk otel = TestSdk.create()) {
      AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).captureContent(true).build();
      var handler = McpTelemetry.create(telemetry).wrap(Workload.lookupTool()).callHandler();
      long t0 = System.nanoTime();
      var result = handler.apply(null, CallToolRequest.builder("lookup")
          .arguments(Map.of("q", tenMb, "n", 1, "list", List.of(1, 2, 3))).build());
      long toolMillis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(((McpSchema.TextContent) result.content().get(0)).text()).hasSize(10 * 1024 * 1024 + 6);
      SpanData span = otel.spans().get(0);
      String args = span.getAttributes().get(GEN_AI_TOOL_CALL_ARGUMENTS);
      String res = span.getAttributes().get(GEN_AI_TOOL_CALL_RESULT);
      assertThat(args.length()).isLessThanOrEqualTo(LIMIT);
      assertThat(JSON.readTree(args).get("n").asInt()).isEqualTo(1); // valid JSON, small fields kept
      assertThat(res.length()).isLessThanOrEqualTo(LIMIT);
      exportable(otel.spans());
      row("10 MB tool argument (capture on)", "tool gets all 10 MB; gen_ai.tool.call.arguments " + args.length()
          + " chars, valid JSON with the small fields kept; result " + res.length() + " chars; " + toolMillis
          + " ms");
    }
    long t0 = System.nanoTime();
    SpanData completion = chat("#big=" + (10 * 1024 * 1024), true);
    long chatMillis = (System.nanoTime() - t0) / 1_000_000;
    String out = completion.getAttributes().get(GEN_AI_OUTPUT_MESSAGES);
    assertThat(out.length()).isLessThanOrEqualTo(LIMIT);
    assertThat(JSON.readTree(out).isArray()).isTrue();
    row("10 MB completion (capture on)", "caller gets all 10 MB; gen_ai.output.messages " + out.length()
        + " chars, valid JSON array; call " + chatMillis + " ms");
  }

  @Test
  void binaryAndInvalidUtf16Content() throws Exception {
    String binary = "\u0000\u0001\u0002\u001b[31m\u007f\uffff\ufffe";
    String loneSurrogates = "a\ud800b\udc00c\ud83d";
    String emoji = "\ud83d\ude00".repeat(LIMIT); // every cut point risks splitting a pair
    try (TestSdk otel = TestSdk.create()) {
      AiTelemetry telemetry = AiTelemetry.builder(otel.sdk).captureContent(true).build();
      var handler = McpTelemetry.create(telemetry).wrap(Workload.lookupTool()).callHandler();
      for (String s : List.of(binary, loneSurrogates, emoji)) {
        handler.apply(null, CallToolRequest.builder("lookup").arguments(Map.of("q", s)).build());
      }
      try (LlmCall call = telemetry.traceLlmCall("openai", "gpt-4o")) {
        call.setOutputMessages(emoji); // not JSON: cut as text
      }
      List<SpanData> spans = otel.spans();
      assertThat(spans).hasSize(4);
      for (int i = 0; i < 3; i++) {
        String args = spans.get(i).getAttributes().get(GEN_AI_TOOL_CALL_ARGUMENTS);
        JSON.readTree(args); // valid JSON: control characters escaped
        assertThat(args.length()).isLessThanOrEqualTo(LIMIT);
      }
      String cut = spans.get(3).getAttributes().get(GEN_AI_OUTPUT_MESSAGES);
      assertThat(cut.length()).isLessThanOrEqualTo(LIMIT);
      assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).as("pair split by the cut").isFalse();
      assertThat(telemetry.internalErrorCount()).isZero();
      exportable(spans);
    }
    row("binary content (NUL, ESC, U+FFFF)", "recorded JSON-escaped, valid JSON, exportable over OTLP");
    row("invalid UTF-16 (lone surrogates)", "recorded as given; the OTLP marshaler encodes it without failing");
    row("surrogate pairs at the truncation point", "never split: the cut backs off one char");
  }

  @Test
  void malformedAndOversizedTraceContextInMcpMeta() {
    String valid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
    cases.put("traceparent malformed (not hex)", Map.of("traceparent", "00-zzzz-yyyy-01"));
    cases.put("traceparent version ff", Map.of("traceparent", "ff" + valid.substring(2)));
    cases.put("traceparent all-zero trace id", Map.of("traceparent",
        "00-00000000000000000000000000000000-b7ad6b7169203331-01"));
    cases.put("traceparent oversized (64 KiB)", Map.of("traceparent", valid + "-" + "0".repeat(65_536)));
    cases.put("traceparent not a string (number)", Map.of("traceparent", 42));
    cases.put("tracestate malformed", Map.of("traceparent", valid, "tracestate", "===,,,\u0000"));
    cases.put("tracestate oversized (64 KiB)", Map.of("traceparent", valid, "tracestate",
        "k=" + "v".repeat(65_536)));
    cases.put("baggage malformed", Map.of("traceparent", valid, "baggage", ";;;=%%%=,\u0000"));
    cases.put("baggage oversized (64 KiB)", Map.of("traceparent", valid, "baggage", "k=" + "v".repeat(65_536)));
    for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
      try (TestSdk otel = TestSdk.create()) {
        AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
        AtomicReference<Baggage> baggageSeen = new AtomicReference<>();
        McpSchema.Tool tool = McpSchema.Tool.builder("t", Map.of("type", "object")).build();
        var handler = McpTelemetry.create(telemetry).wrap(McpServerFeatures.SyncToolSpecification.builder()
            .tool(tool).callHandler((ex, req) -> {
              baggageSeen.set(Baggage.current());
              return McpSchema.CallToolResult.builder().addTextContent("fine").build();
            }).build()).callHandler();
        var result = handler.apply(null, CallToolRequest.builder("t").meta(c.getValue()).build());
        assertThat(((McpSchema.TextContent) result.content().get(0)).text()).isEqualTo("fine");
        SpanData span = otel.spans().get(0);
        boolean joined = span.getParentSpanContext().isValid();
        assertThat(span.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey))
            .noneMatch(k -> k.startsWith("baggage") || k.equals("k"));
        assertThat(span.getSpanContext().getTraceState().size()).isLessThanOrEqualTo(32);
        assertThat(telemetry.internalErrorCount()).isZero();
        exportable(otel.spans());
        String outcome = (joined ? "joins trace " + span.getParentSpanContext().getTraceId().substring(0, 8) + "…"
            : "ignored: the server span starts a new trace") + "; tracestate entries kept "
            + span.getSpanContext().getTraceState().size() + "; baggage entries seen by the tool " + baggageSeen.get().size()
            + "; no attribute from baggage";
        if (c.getKey().startsWith("traceparent")) {
          assertThat(joined).as(c.getKey()).isFalse();
        } else {
          assertThat(joined).as(c.getKey()).isTrue();
        }
        row("MCP _meta " + c.getKey(), outcome);
      }
    }
  }

  @Test
  void tenThousandDistinctToolNames() {
    try (TestSdk otel = TestSdk.countingOnly()) {
      AiTelemetry telemetry = AiTelemetry.create(otel.sdk);
      var mcp = McpTelemetry.create(telemetry);
      for (int i = 0; i < 10_000; i++) {
        McpSchema.Tool tool = McpSchema.Tool.builder("tool_" + i, Map.of("type", "object")).build();
        mcp.wrap(McpServerFeatures.SyncToolSpecification.builder().tool(tool)
                .callHandler((ex, req) -> McpSchema.CallToolResult.builder().addTextContent("x").build()).build())
            .callHandler().apply(null, CallToolRequest.builder(tool.name()).build());
      }
      Set<String> names = otel.collectMetrics().stream().filter(m -> m.getName().equals("mcp.tool.invocations"))
          .flatMap(m -> m.getLongSumData().getPoints().stream())
          .map(p -> p.getAttributes().get(GEN_AI_TOOL_NAME)).collect(Collectors.toSet());
      long otherCount = otel.collectMetrics().stream().filter(m -> m.getName().equals("mcp.tool.invocations"))
          .flatMap(m -> m.getLongSumData().getPoints().stream())
          .filter(p -> "_OTHER".equals(p.getAttributes().get(GEN_AI_TOOL_NAME))).mapToLong(p -> p.getValue()).sum();
      assertThat(names).hasSize(AiTelemetryBuilder.DEFAULT_MAX_DISTINCT_METRIC_VALUES + 1).contains("_OTHER");
      assertThat(otherCount).isEqualTo(10_000 - AiTelemetryBuilder.DEFAULT_MAX_DISTINCT_METRIC_VALUES);
      assertThat(otel.counting.ended()).isEqualTo(10_000);
      row("10,000 distinct tool names", "every call has its span with its real name; metric label values "
          + names.size() + " (" + (names.size() - 1) + " names + _OTHER, which counts " + otherCount
          + " calls); nothing lost from the totals");
    }
  }

  @Test
  void pricingFilesWithEachKindOfMalformation() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("not JSON", "{'models':");
    files.put("empty file", "");
    files.put("top level is an array", "[]");
    files.put("format_version wrong", "{'format_version':2,'currency':'USD','models':{}}");
    files.put("models missing", "{'currency':'USD'}");
    files.put("model entry not an object", "{'currency':'USD','models':{'gpt-4o':5}}");
    files.put("output price missing", "{'currency':'USD','models':{'gpt-4o':{'input':1}}}");
    files.put("price not a number", "{'currency':'USD','models':{'gpt-4o':{'input':'abc','output':1}}}");
    files.put("price negative", "{'currency':'USD','models':{'gpt-4o':{'input':-1,'output':1}}}");
    files.put("price NaN", "{'currency':'USD','models':{'gpt-4o':{'input':'NaN','output':1}}}");
    files.put("price of the wrong JSON type", "{'currency':'USD','models':{'gpt-4o':{'input':true,'output':1}}}");
    files.put("currency unknown", "{'currency':'XXY','models':{'gpt-4o':{'input':1,'output':1}}}");
    files.put("currency missing", "{'models':{'gpt-4o':{'input':1,'output':1}}}");
    files.put("misspelt field", "{'currency':'USD','models':{'gpt-4o':{'input':1,'output':1,'cache_raed':1}}}");
    files.put("tier threshold not a positive integer", "{'currency':'USD','models':{'gpt-4o':{'input':1,"
        + "'output':1,'tiers':[{'above_input_tokens':-5,'input':2}]}}}");
    files.put("tier without a rate", "{'currency':'USD','models':{'gpt-4o':{'input':1,'output':1,"
        + "'tiers':[{'above_input_tokens':1000}]}}}");
    files.put("duplicate model key (case-insensitive)", "{'currency':'USD','models':{'gpt-4o':{'input':1,"
        + "'output':1},'GPT-4o':{'input':1,'output':1}}}");
    files.put("alias to an unknown model", "{'currency':'USD','models':{},'aliases':{'my-dep':'gpt-9'}}");
    files.put("alias defined twice", "{'currency':'USD','models':{'a':{'input':1,'output':1,'aliases':['x']},"
        + "'b':{'input':1,'output':1}},'aliases':{'x':'b'}}");
    files.put("as_of not a date", "{'as_of':'yesterday','currency':'USD','models':{}}");
    List<String> messages = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = dir.resolve("prices-" + (i++) + ".json");
      Files.writeString(file, f.getValue().replace('\'', '"'));
      AtomicReference<Throwable> error = new AtomicReference<>();
      assertThatThrownBy(() -> PricingTable.fromJson(file)).satisfies(error::set)
          .isInstanceOf(PricingFormatException.class)
          .hasMessageStartingWith(file.toString());
      PricingFormatException p = (PricingFormatException) error.get();
      assertThat(p.sourceName()).isEqualTo(file.toString());
      String message = p.getMessage().substring(file.toString().length() + 2);
      messages.add(message);
      row("pricing file: " + f.getKey(), "PricingFormatException: <file>: " + message.replace("\n", " ")
          .replace("|", "\\|"));
    }
    assertThat(messages).hasSize(files.size());
  }

  @SuppressWarnings("unused")
  private static void unused(Consumer<Object> c) {}
}
