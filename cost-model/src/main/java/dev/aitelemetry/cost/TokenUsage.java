package dev.aitelemetry.cost;

/**
 * Token counts of one model call, in the OpenTelemetry GenAI semantic-convention meaning.
 *
 * <p>{@code inputTokens} <em>includes</em> the cached tokens ({@code cacheReadInputTokens} and
 * {@code cacheWriteInputTokens}) and {@code outputTokens} <em>includes</em> {@code reasoningOutputTokens}, as
 * OpenAI reports them and as {@code gen_ai.usage.input_tokens} / {@code gen_ai.usage.output_tokens} are defined.
 * Providers that report cached tokens separately (Anthropic) must be added up before building this value.
 *
 * @param inputTokens all input tokens, cached ones included
 * @param outputTokens all output tokens, reasoning ones included
 * @param cacheReadInputTokens input tokens served from the provider's prompt cache
 * @param cacheWriteInputTokens input tokens written to the provider's prompt cache
 * @param reasoningOutputTokens output tokens spent on reasoning
 */
public record TokenUsage(
    long inputTokens,
    long outputTokens,
    long cacheReadInputTokens,
    long cacheWriteInputTokens,
    long reasoningOutputTokens) {

  /** Validates that no count is negative and that the parts fit inside their totals. */
  public TokenUsage {
    requireNonNegative("inputTokens", inputTokens);
    requireNonNegative("outputTokens", outputTokens);
    requireNonNegative("cacheReadInputTokens", cacheReadInputTokens);
    requireNonNegative("cacheWriteInputTokens", cacheWriteInputTokens);
    requireNonNegative("reasoningOutputTokens", reasoningOutputTokens);
    if (cacheReadInputTokens + cacheWriteInputTokens > inputTokens) {
      throw new IllegalArgumentException(
          "cacheReadInputTokens (" + cacheReadInputTokens + ") + cacheWriteInputTokens ("
              + cacheWriteInputTokens + ") exceed inputTokens (" + inputTokens
              + "); inputTokens must include cached tokens");
    }
    if (reasoningOutputTokens > outputTokens) {
      throw new IllegalArgumentException(
          "reasoningOutputTokens (" + reasoningOutputTokens + ") exceed outputTokens (" + outputTokens
              + "); outputTokens must include reasoning tokens");
    }
  }

  /** Usage with only input and output counts. */
  public static TokenUsage of(long inputTokens, long outputTokens) {
    return new TokenUsage(inputTokens, outputTokens, 0, 0, 0);
  }

  /** Input tokens billed at the plain input rate: neither read from nor written to the cache. */
  public long uncachedInputTokens() {
    return inputTokens - cacheReadInputTokens - cacheWriteInputTokens;
  }

  /** Output tokens billed at the plain output rate: not reasoning. */
  public long nonReasoningOutputTokens() {
    return outputTokens - reasoningOutputTokens;
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }
}
