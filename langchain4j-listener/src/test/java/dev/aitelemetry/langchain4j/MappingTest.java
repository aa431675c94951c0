package dev.aitelemetry.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.cost.TokenUsage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.Test;

/** The small LangChain4j-to-semconv mappings. */
class MappingTest {

  @Test
  void providersMapToSemconvProviderNames() {
    assertThat(ProviderNames.of(ModelProvider.OPEN_AI)).isEqualTo("openai");
    assertThat(ProviderNames.of(ModelProvider.AZURE_OPEN_AI)).isEqualTo("azure.ai.openai");
    assertThat(ProviderNames.of(ModelProvider.ANTHROPIC)).isEqualTo("anthropic");
    assertThat(ProviderNames.of(ModelProvider.GOOGLE_AI_GEMINI)).isEqualTo("gcp.gemini");
    assertThat(ProviderNames.of(ModelProvider.GOOGLE_VERTEX_AI_GEMINI)).isEqualTo("gcp.vertex_ai");
    assertThat(ProviderNames.of(ModelProvider.AMAZON_BEDROCK)).isEqualTo("aws.bedrock");
    assertThat(ProviderNames.of(ModelProvider.MISTRAL_AI)).isEqualTo("mistral_ai");
    assertThat(ProviderNames.of(ModelProvider.OLLAMA)).isEqualTo("ollama");
    assertThat(ProviderNames.of(ModelProvider.JINA)).isEqualTo("jina");
    assertThat(ProviderNames.of(ModelProvider.OTHER)).isEqualTo("other");
  }

  @Test
  void finishReasonsMapToSemconvValues() {
    assertThat(FinishReasons.of(FinishReason.STOP)).isEqualTo("stop");
    assertThat(FinishReasons.of(FinishReason.LENGTH)).isEqualTo("length");
    assertThat(FinishReasons.of(FinishReason.TOOL_EXECUTION)).isEqualTo("tool_call");
    assertThat(FinishReasons.of(FinishReason.CONTENT_FILTER)).isEqualTo("content_filter");
    assertThat(FinishReasons.of(FinishReason.OTHER)).isEqualTo("error");
    assertThat(FinishReasons.of(null)).isNull();
  }

  @Test
  void anthropicInputTokensGetTheCachedTokensAddedBack() {
    AnthropicTokenUsage usage = AnthropicTokenUsage.builder().inputTokenCount(100).outputTokenCount(20)
        .cacheReadInputTokens(300).cacheCreationInputTokens(50).build();

    assertThat(TokenUsageReader.read(usage)).isEqualTo(new TokenUsage(450, 20, 300, 50, 0));
  }

  @Test
  void usageWithoutCountsIsNoUsage() {
    assertThat(TokenUsageReader.read(new dev.langchain4j.model.output.TokenUsage())).isNull();
    assertThat(TokenUsageReader.read(null)).isNull();
  }

  @Test
  void errorTypeIsTheHttpStatusFoundInTheCauseChainElseTheClassName() {
    assertThat(ErrorTypes.of(new RateLimitException(new HttpException(429, "slow down")))).isEqualTo("429");
    assertThat(ErrorTypes.of(new IllegalStateException("x"))).isEqualTo("java.lang.IllegalStateException");
  }
}
