package dev.aitelemetry.examples.demo;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.AiTelemetrySetup;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.aitelemetry.mcp.McpPipe;
import dev.aitelemetry.mcp.McpTelemetry;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The aitelemetry demo: an SRE assistant built with LangChain4j whose tools live on an MCP server, over a memory
 * of past solutions searched with real embeddings — every LLM call, tool call and memory operation traced, with
 * token cost, metrics on 127.0.0.1:9464 for Prometheus and, when an OTLP endpoint is configured, traces and
 * metrics exported over OTLP as in production.
 *
 * <p>Without {@code OPENAI_API_KEY} it talks to a scripted OpenAI-compatible endpoint on 127.0.0.1 (and says so);
 * with it, to OpenAI or to {@code OPENAI_BASE_URL} (Ollama, vLLM, LiteLLM proxy, …).
 *
 * <p>Options: {@code --stay} keeps the process (and its Prometheus endpoint) up until interrupted; {@code
 * --stay-seconds N} for N seconds.
 */
public final class Demo {
  static final String SERVICE_NAME = "aitelemetry-demo";
  static final String SESSION_DONE = "Session complete.";
  private static final List<String> QUESTIONS = List.of(
      "How do I fix the checkout API returning 502 after a deploy?",
      "Please analyze the logs of checkout-api for the last hour.",
      "Remember that: pool exhaustion on checkout-7f9c: raise DB_POOL_SIZE to 40 and alert on pool usage.",
      "Deploy the fix for OPS-1427.",
      "Why do our pods restart with exit code 137?");

  private Demo() {}

  public static void main(String[] args) throws Exception {
    DemoOptions options = DemoOptions.parse(args, System.getenv());
    int exit = run(options, System.out);
    System.exit(exit);
  }

  /**
   * Runs the scripted session and prints it and its summary to {@code out}; returns the exit code. The SDK is
   * installed as {@code GlobalOpenTelemetry} while it runs and shut down at the end.
   */
  public static int run(DemoOptions options, PrintStream out) throws Exception {
    InMemorySpanExporter recorded = InMemorySpanExporter.create();
    ScriptedOpenAiEndpoint scripted = options.apiKey() == null ? ScriptedOpenAiEndpoint.start() : null;
    String baseUrl = scripted != null ? scripted.baseUrl() : options.baseUrl();
    String apiKey = scripted != null ? "demo-key-not-a-secret" : options.apiKey();

    out.println("aitelemetry demo");
    out.println(scripted != null
        ? "  model endpoint: scripted OpenAI-compatible endpoint at " + baseUrl
            + " (no OPENAI_API_KEY set; replies are scripted, the wire format is real)"
        : "  model endpoint: " + baseUrl);
    out.println("  metrics: http://127.0.0.1:" + options.prometheusPort() + "/metrics (Prometheus)");
    out.println(options.otlpEndpoint() != null
        ? "  traces and metrics: exported over OTLP to " + options.otlpEndpoint()
        : "  traces: kept in memory for the summary below (set OTEL_EXPORTER_OTLP_ENDPOINT to export)");

    AiTelemetrySetup.Builder setupBuilder = AiTelemetrySetup.builder(SERVICE_NAME);
    if (options.otlpEndpoint() != null) {
      // As a deployment would: traces and metrics pushed to the collector (e.g. Alloy, which remote-writes the
      // metrics to Prometheus), and the local Prometheus endpoint kept for a quick look. OTEL_* variables win.
      setupBuilder.property("otel.exporter.otlp.endpoint", options.otlpEndpoint())
          .property("otel.traces.exporter", "otlp")
          .property("otel.metrics.exporter", "otlp,prometheus");
    } else {
      setupBuilder.property("otel.traces.exporter", "none")
          .property("otel.metrics.exporter", "prometheus");
    }
    AiTelemetrySetup setup = setupBuilder
        .property("otel.exporter.prometheus.host", "127.0.0.1")
        .property("otel.exporter.prometheus.port", Integer.toString(options.prometheusPort()))
        .customizeSdk(sdk -> sdk.addTracerProviderCustomizer(
            (tracing, config) -> tracing.addSpanProcessor(SimpleSpanProcessor.create(recorded))))
        .build();
    McpParts mcpParts = null;
    try {
      AiTelemetry telemetry = setup.telemetry();
      LangChain4jTelemetry lc = LangChain4jTelemetry.builder(telemetry).baseUrl(baseUrl).build();
      McpTelemetry mcp = McpTelemetry.create(telemetry);

      SolutionMemory memory = new SolutionMemory(lc);
      memory.seed();
      mcpParts = McpParts.start(mcp, new SolutionTools(memory, telemetry));

      ChatModel chatModel = lc.wrap(OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey)
          .modelName(options.chatModel()).listeners(List.of(lc.chatModelListener()))
          .customHeaders(lc.traceHeaders())
          .timeout(Duration.ofSeconds(60)).build()); // wrap: the chat span is current during the HTTP call
      ChatMemoryStore conversations = lc.wrap(new InMemoryChatMemoryStore(), "conversations");
      Assistant assistant = lc.instrument(AiServices.builder(Assistant.class))
          .chatModel(chatModel)
          .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(20)
              .chatMemoryStore(conversations).build())
          .tools(new AssistantTools(mcpParts.client, mcp))
          .build();

      out.println();
      for (String question : QUESTIONS) {
        out.println("user> " + question);
        out.println("assistant> " + assistant.chat("session-1", question));
      }
      streamStatusUpdate(lc, baseUrl, apiKey, options, out);
      if (scripted != null) {
        routeWithASmallLocalModel(lc, baseUrl, apiKey, out);
        planWithAReasoningModel(lc, baseUrl, apiKey, out);
      }
      out.println();
      out.println(SESSION_DONE);

      out.print(TelemetrySummary.render(recorded.getFinishedSpanItems()));
      stay(options, out);
      return 0;
    } finally {
      if (mcpParts != null) {
        mcpParts.close();
      }
      setup.close();
      if (scripted != null) {
        scripted.close();
      }
    }
  }

  /** A streaming call: one span with time to first chunk, usage from the stream's final chunk. */
  private static void streamStatusUpdate(LangChain4jTelemetry lc, String baseUrl, String apiKey,
      DemoOptions options, PrintStream out) throws Exception {
    StreamingChatModel streaming = lc.wrap(OpenAiStreamingChatModel.builder().baseUrl(baseUrl).apiKey(apiKey)
        .modelName(options.chatModel()).listeners(List.of(lc.chatModelListener()))
        .customHeaders(lc.traceHeaders())
        .timeout(Duration.ofSeconds(60)).build());
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    out.print("assistant (streaming)> ");
    streaming.chat("Write a two-sentence status update about today's checkout incident.",
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            out.print(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    done.get(60, TimeUnit.SECONDS);
    out.println();
  }

  /** A call to a model the pricing table does not know: it shows up as unpriced, never with a made-up cost. */
  private static void routeWithASmallLocalModel(LangChain4jTelemetry lc, String baseUrl, String apiKey,
      PrintStream out) {
    ChatModel router = lc.wrap(OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey)
        .modelName("llama-3.1-8b-instruct").listeners(List.of(lc.chatModelListener())).build());
    out.println("router> " + router.chat("Classify this request into a category: deploy the fix for OPS-1427"));
  }

  /** A reasoning model: its reasoning tokens are counted, and priced at the reasoning rate. */
  private static void planWithAReasoningModel(LangChain4jTelemetry lc, String baseUrl, String apiKey,
      PrintStream out) {
    ChatModel planner = lc.wrap(OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(apiKey)
        .modelName("o4-mini").listeners(List.of(lc.chatModelListener())).build());
    out.println("planner> " + planner.chat("Plan the rollout of the larger DB pool in three steps."));
  }

  private static void stay(DemoOptions options, PrintStream out) throws InterruptedException {
    if (options.staySeconds() == 0) {
      return;
    }
    out.println();
    out.println(options.staySeconds() < 0
        ? "Staying up for scraping; stop with Ctrl-C."
        : "Staying up for scraping for " + options.staySeconds() + " s.");
    out.flush();
    CountDownLatch forever = new CountDownLatch(1);
    if (options.staySeconds() < 0) {
      forever.await();
    } else {
      forever.await(options.staySeconds(), TimeUnit.SECONDS);
    }
  }

  /** The MCP server with the wrapped tools and a real MCP client, connected in this JVM by an {@link McpPipe}. */
  static final class McpParts implements AutoCloseable {
    final McpSyncServer server;
    final McpSyncClient client;

    private McpParts(McpSyncServer server, McpSyncClient client) {
      this.server = server;
      this.client = client;
    }

    static McpParts start(McpTelemetry mcp, SolutionTools tools) {
      McpPipe pipe = McpPipe.open();
      McpSyncServer server = McpServer.sync(pipe.serverTransport())
          .serverInfo("solution-memory", "0.1.0")
          .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
          .tools(mcp.wrapAll(tools.specifications()))
          .build();
      McpSyncClient client = McpClient.sync(pipe.clientTransport())
          .clientInfo(McpSchema.Implementation.builder("sre-assistant", "0.1.0").build())
          .requestTimeout(Duration.ofSeconds(30)).build();
      client.initialize();
      return new McpParts(server, client);
    }

    @Override
    public void close() {
      client.closeGracefully();
      server.closeGracefully();
    }
  }
}
