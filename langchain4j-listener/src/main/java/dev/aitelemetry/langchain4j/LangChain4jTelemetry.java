package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import java.net.URI;
import java.util.Objects;

/**
 * The front door of the LangChain4j integration: hands out the listeners, decorators and wrappers that turn
 * LangChain4j chat calls, AI-service invocations, tool executions and memory operations into OpenTelemetry spans
 * and metrics through {@link AiTelemetry}.
 *
 * <pre>{@code
 * LangChain4jTelemetry lc = LangChain4jTelemetry.create(aiTelemetry);
 * ChatModel model = OpenAiChatModel.builder()
 *     .apiKey(key).modelName("gpt-4o-mini")
 *     .listeners(List.of(lc.chatModelListener()))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe; create one per {@link AiTelemetry} and share it between models and AI services.
 */
public final class LangChain4jTelemetry {
  private final AiTelemetry telemetry;
  private final String serverAddress;
  private final Integer serverPort;
  private final ChatModelListener chatModelListener;

  private LangChain4jTelemetry(Builder builder) {
    this.telemetry = builder.telemetry;
    this.serverAddress = builder.serverAddress;
    this.serverPort = builder.serverPort;
    this.chatModelListener = new TelemetryChatModelListener(telemetry, serverAddress, serverPort);
  }

  /** The integration with defaults: no server address on chat spans. */
  public static LangChain4jTelemetry create(AiTelemetry telemetry) {
    return builder(telemetry).build();
  }

  /** A builder for options such as the server address of the model endpoint. */
  public static Builder builder(AiTelemetry telemetry) {
    return new Builder(Objects.requireNonNull(telemetry, "telemetry"));
  }

  /** The {@link AiTelemetry} spans and metrics go through. */
  public AiTelemetry telemetry() {
    return telemetry;
  }

  // ---------------------------------------------------------------- chat models (issue #3)

  /**
   * A listener for any LangChain4j {@code ChatModel} or {@code StreamingChatModel}: one CLIENT span
   * {@code chat {model}} per call, with usage, cost and the GenAI client metrics. Register it at build time,
   * e.g. {@code OpenAiChatModel.builder().listeners(List.of(lc.chatModelListener()))}. The same instance may be
   * shared by any number of models.
   */
  public ChatModelListener chatModelListener() {
    return chatModelListener;
  }

  // ---------------------------------------------------------------- memory stores, embeddings, retrieval (issue #4)

  /** Options of {@link LangChain4jTelemetry}. */
  public static final class Builder {
    private final AiTelemetry telemetry;
    private String serverAddress;
    private Integer serverPort;

    private Builder(AiTelemetry telemetry) {
      this.telemetry = telemetry;
    }

    /**
     * The host and port the chat models talk to, written as {@code server.address}/{@code server.port} on chat
     * spans and metrics (LangChain4j does not tell listeners which URL a model uses).
     */
    public Builder server(String address, int port) {
      this.serverAddress = address;
      this.serverPort = port;
      return this;
    }

    /**
     * Derives {@code server.address}/{@code server.port} from the model's base URL, e.g.
     * {@code https://api.openai.com/v1} gives {@code api.openai.com} and 443.
     *
     * @throws IllegalArgumentException if {@code baseUrl} is not an absolute URL with a host
     */
    public Builder baseUrl(String baseUrl) {
      URI uri = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("Not an absolute URL with a host: " + baseUrl);
      }
      int port = uri.getPort();
      if (port < 0) {
        port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
      }
      return server(uri.getHost(), port);
    }

    /** Builds the integration. */
    public LangChain4jTelemetry build() {
      return new LangChain4jTelemetry(this);
    }
  }
}
