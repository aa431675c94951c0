package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.LlmCall;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;

/**
 * Copies the request parameters of a (final, merged) {@link ChatRequest} onto a chat span builder: only the
 * parameters that are set, so an unset temperature never shows up as 0. Provider-specific parameters (the OpenAI
 * {@code seed}) are read when the optional provider module is present.
 */
final class RequestParameters {
  private static final boolean OPENAI = present("dev.langchain4j.model.openai.OpenAiChatRequestParameters");

  private RequestParameters() {}

  static void apply(ChatRequest request, LlmCall.Builder b) {
    ChatRequestParameters p = request.parameters();
    if (p == null) {
      return;
    }
    b.temperature(p.temperature())
        .topP(p.topP())
        .topK(p.topK())
        .frequencyPenalty(p.frequencyPenalty())
        .presencePenalty(p.presencePenalty());
    Integer maxTokens = p.maxOutputTokens();
    if (p.stopSequences() != null && !p.stopSequences().isEmpty()) {
      b.stopSequences(p.stopSequences());
    }
    if (OPENAI && OpenAi.is(p)) {
      if (maxTokens == null) {
        maxTokens = OpenAi.maxCompletionTokens(p); // the reasoning models' replacement for max_tokens
      }
      b.seed(OpenAi.seed(p));
    }
    b.maxTokens(maxTokens);
    ResponseFormat format = p.responseFormat();
    if (format != null && format.type() != null) {
      b.outputType(format.type().name().equals("JSON") ? "json" : "text");
    }
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, RequestParameters.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Loaded only when {@code langchain4j-open-ai} is on the classpath. */
  private static final class OpenAi {
    static boolean is(Object p) {
      return p instanceof OpenAiChatRequestParameters;
    }

    static Integer seed(Object p) {
      return ((OpenAiChatRequestParameters) p).seed();
    }

    static Integer maxCompletionTokens(Object p) {
      return ((OpenAiChatRequestParameters) p).maxCompletionTokens();
    }
  }
}
