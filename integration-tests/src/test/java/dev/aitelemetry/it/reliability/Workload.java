// The three instrumented call kinds of the issue, each next to its uninstrumented twin.
package dev.aitelemetry.it.reliability;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.aitelemetry.mcp.McpTelemetry;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A chat call through {@code OpenAiChatModel} to {@link LocalOpenAi}, an MCP {@code tools/call} through a real
 * client and server ({@link PipeMcp}), and a memory search on an {@code InMemoryEmbeddingStore}: once with
 * aitelemetry ({@link #traced}) and once without ({@link #plain}), so results can be compared.
 */
public final class Workload implements AutoCloseable {
  public static final String API_KEY = "sk-proj-SENTINEL0API0KEY0do0not0export0a1b2c3d4e5f6";

  private final ChatModel chat;
  private final PipeMcp mcp;
  private final EmbeddingStore<TextSegment> store;

  private Workload(ChatModel chat, PipeMcp mcp, EmbeddingStore<TextSegment> store) {
    this.chat = chat;
    this.mcp = mcp;
    this.store = store;
  }

  /** The instrumented twin: listener on the model, wrapped tool, wrapped store. */
  public static Workload traced(AiTelemetry telemetry, LocalOpenAi endpoint, Map<String, String> headers) {
    LangChain4jTelemetry lc = LangChain4jTelemetry.builder(telemetry).baseUrl(endpoint.baseUrl()).build();
    McpTelemetry mcpTelemetry = McpTelemetry.builder(telemetry).networkTransport("pipe").build();
    ChatModel model = OpenAiChatModel.builder()
        .baseUrl(endpoint.baseUrl()).apiKey(API_KEY).modelName("gpt-4o-mini")
        .timeout(Duration.ofSeconds(10)).maxRetries(0)
        .listeners(List.of(lc.chatModelListener()))
        .customHeaders(lc.traceHeaders(headers))
        .build();
    return new Workload(model, PipeMcp.start(List.of(mcpTelemetry.wrap(lookupTool()))),
        lc.wrap(filledStore(), "knowledge_graph"));
  }

  /** The plain twin. */
  public static Workload plain(LocalOpenAi endpoint) {
    ChatModel model = OpenAiChatModel.builder()
        .baseUrl(endpoint.baseUrl()).apiKey(API_KEY).modelName("gpt-4o-mini")
        .timeout(Duration.ofSeconds(10)).maxRetries(0)
        .build();
    return new Workload(model, PipeMcp.start(List.of(lookupTool())), filledStore());
  }

  /** An MCP tool answering {@code found <q>}, or an {@code isError} result when q starts with {@code err}. */
  public static McpServerFeatures.SyncToolSpecification lookupTool() {
    McpSchema.Tool tool = McpSchema.Tool.builder("lookup", Map.of("type", "object",
            "properties", Map.of("q", Map.of("type", "string"))))
        .description("Looks something up").build();
    return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> {
      String q = String.valueOf(request.arguments().get("q"));
      return CallToolResult.builder().addTextContent("found " + q).isError(q.startsWith("err")).build();
    }).build();
  }

  static EmbeddingStore<TextSegment> filledStore() {
    InMemoryEmbeddingStore<TextSegment> s = new InMemoryEmbeddingStore<>();
    for (int i = 0; i < 16; i++) {
      s.add("doc-" + i, vector(i), TextSegment.from("document " + i));
    }
    return s;
  }

  static Embedding vector(int i) {
    double a = i * Math.PI / 16;
    return Embedding.from(new float[] {(float) Math.cos(a), (float) Math.sin(a), 0.25f});
  }

  /** The model's answer text and token counts. */
  public String chat(String prompt) {
    ChatResponse r = chat.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
        .messages(dev.langchain4j.data.message.UserMessage.from(prompt)).build());
    return r.aiMessage().text() + " | " + r.tokenUsage();
  }

  public ChatModel chatModel() {
    return chat;
  }

  /** The tool result's text and error flag. */
  public String tool(String q) {
    CallToolResult r = mcp.client().callTool(CallToolRequest.builder("lookup").arguments(Map.of("q", q)).build());
    return r.content().stream().map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining(","))
        + " isError=" + r.isError();
  }

  public PipeMcp mcp() {
    return mcp;
  }

  /** The ids and scores of the two best matches. */
  public String search(int i) {
    List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder()
        .queryEmbedding(vector(i)).maxResults(2).build()).matches();
    return matches.stream().map(m -> m.embeddingId() + "@" + m.score()).collect(Collectors.joining(","));
  }

  public EmbeddingStore<TextSegment> store() {
    return store;
  }

  /** One round of all three, as a comparable string. */
  public String round(int i) {
    return chat("question " + i) + " || " + tool("q" + i) + " || " + search(i);
  }

  @Override
  public void close() {
    mcp.close();
  }
}
