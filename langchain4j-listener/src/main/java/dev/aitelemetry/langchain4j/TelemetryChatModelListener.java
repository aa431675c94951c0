package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.model.chat.listener.ChatModelListener;

/** Maps LangChain4j chat-model listener callbacks to core {@code LlmCall}s (work in progress). */
final class TelemetryChatModelListener implements ChatModelListener {
  private final AiTelemetry telemetry;
  private final String serverAddress;
  private final Integer serverPort;

  TelemetryChatModelListener(AiTelemetry telemetry, String serverAddress, Integer serverPort) {
    this.telemetry = telemetry;
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
  }
}
