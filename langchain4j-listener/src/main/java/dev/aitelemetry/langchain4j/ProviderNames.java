package dev.aitelemetry.langchain4j;

import dev.langchain4j.model.ModelProvider;
import java.util.Locale;

/**
 * Maps LangChain4j's {@link ModelProvider} to {@code gen_ai.provider.name} values of the GenAI semantic conventions
 * (v1.41 well-known values; {@code ollama} and the rest are the custom values the conventions allow).
 */
final class ProviderNames {
  private ProviderNames() {}

  /** The semconv provider name; an unknown or future provider gives its enum name in lower case. */
  static String of(ModelProvider provider) {
    if (provider == null) {
      return "other";
    }
    switch (provider.name()) { // by name, so that a constant added in a later LangChain4j still compiles and maps
      case "OPEN_AI":
        return "openai";
      case "AZURE_OPEN_AI":
        return "azure.ai.openai";
      case "ANTHROPIC":
        return "anthropic";
      case "GOOGLE_AI_GEMINI":
        return "gcp.gemini";
      case "GOOGLE_GENAI":
        return "gcp.gen_ai";
      case "GOOGLE_VERTEX_AI_GEMINI":
      case "GOOGLE_VERTEX_AI_ANTHROPIC":
        return "gcp.vertex_ai";
      case "AMAZON_BEDROCK":
        return "aws.bedrock";
      case "MISTRAL_AI":
        return "mistral_ai";
      case "OLLAMA":
        return "ollama";
      case "WATSONX":
        return "ibm.watsonx.ai";
      case "COHERE":
        return "cohere";
      case "MICROSOFT_FOUNDRY":
        return "azure.ai.inference";
      case "GITHUB_MODELS":
        return "github_models";
      case "VOYAGE_AI":
        return "voyage_ai";
      default:
        return provider.name().toLowerCase(Locale.ROOT);
    }
  }
}
