package dev.aitelemetry.langchain4j;

import dev.aitelemetry.cost.TokenUsage;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;

/**
 * Reads a LangChain4j {@link dev.langchain4j.model.output.TokenUsage} into the semconv meaning of core's
 * {@link TokenUsage}: input including cached tokens, output including reasoning tokens, and the cache and
 * reasoning details of the provider subclasses ({@code OpenAiTokenUsage}, {@code AnthropicTokenUsage}).
 *
 * <p>Both provider modules are optional dependencies: their classes are touched only from nested holder classes
 * that load after a presence check, so a user without them never sees a {@code NoClassDefFoundError}.
 */
final class TokenUsageReader {
  private static final boolean OPENAI = present("dev.langchain4j.model.openai.OpenAiTokenUsage");
  private static final boolean ANTHROPIC = present("dev.langchain4j.model.anthropic.AnthropicTokenUsage");

  private TokenUsageReader() {}

  /** The usage in semconv meaning, or null when the provider reported no counts at all. */
  static TokenUsage read(dev.langchain4j.model.output.TokenUsage usage) {
    if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
      return null;
    }
    long input = orZero(usage.inputTokenCount());
    long output = orZero(usage.outputTokenCount());
    long cacheRead = 0;
    long cacheWrite = 0;
    long reasoning = 0;
    if (OPENAI && OpenAi.is(usage)) {
      // OpenAI's prompt_tokens already include cached_tokens, completion_tokens include reasoning_tokens.
      cacheRead = OpenAi.cachedTokens(usage);
      reasoning = OpenAi.reasoningTokens(usage);
    } else if (ANTHROPIC && Anthropic.is(usage)) {
      // Anthropic's input_tokens exclude the tokens read from and written to the cache: add them back.
      cacheRead = Anthropic.cacheRead(usage);
      cacheWrite = Anthropic.cacheCreation(usage);
      input += cacheRead + cacheWrite;
    }
    // Clamp inconsistent provider data instead of dropping the call's usage (TokenUsage rejects it).
    cacheRead = Math.min(cacheRead, input);
    cacheWrite = Math.min(cacheWrite, input - cacheRead);
    reasoning = Math.min(reasoning, output);
    return new TokenUsage(input, output, cacheRead, cacheWrite, reasoning);
  }

  private static long orZero(Integer value) {
    return value == null || value < 0 ? 0 : value;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, TokenUsageReader.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Loaded only when {@code langchain4j-open-ai} is on the classpath. */
  private static final class OpenAi {
    static boolean is(Object usage) {
      return usage instanceof OpenAiTokenUsage;
    }

    static long cachedTokens(Object usage) {
      OpenAiTokenUsage.InputTokensDetails details = ((OpenAiTokenUsage) usage).inputTokensDetails();
      return details == null ? 0 : orZero(details.cachedTokens());
    }

    static long reasoningTokens(Object usage) {
      OpenAiTokenUsage.OutputTokensDetails details = ((OpenAiTokenUsage) usage).outputTokensDetails();
      return details == null ? 0 : orZero(details.reasoningTokens());
    }
  }

  /** Loaded only when {@code langchain4j-anthropic} is on the classpath. */
  private static final class Anthropic {
    static boolean is(Object usage) {
      return usage instanceof AnthropicTokenUsage;
    }

    static long cacheRead(Object usage) {
      return orZero(((AnthropicTokenUsage) usage).cacheReadInputTokens());
    }

    static long cacheCreation(Object usage) {
      return orZero(((AnthropicTokenUsage) usage).cacheCreationInputTokens());
    }
  }
}
