package dev.aitelemetry.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aitelemetry.cost.PricingTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7 §6: loading a 2,000-entry LiteLLM {@code model_prices_and_context_window.json} (generated: chat,
 * embedding, tiered and non-token entries in LiteLLM's shape), against parsing the same file into a Jackson tree.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class LiteLlmLoadBenchmark {
  static final int ENTRIES = 2_000;

  private Path file;
  private final ObjectMapper json = new ObjectMapper();

  @Setup
  public void setUp() throws IOException {
    file = Files.createTempFile("litellm-prices-", ".json");
    Files.writeString(file, liteLlmJson(ENTRIES));
    int kept = PricingTable.fromLiteLlmJson(file).size();
    if (kept < ENTRIES * 9 / 10) {
      throw new IllegalStateException("only " + kept + " of " + ENTRIES + " entries kept");
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(file);
  }

  /** {@code n} entries in LiteLLM's format: mostly chat models, some tiered, some embeddings, some image. */
  static String liteLlmJson(int n) {
    StringBuilder s = new StringBuilder(n * 400).append("{\n  \"sample_spec\": {\"max_tokens\": \"set to max\","
        + " \"input_cost_per_token\": 0.0, \"output_cost_per_token\": 0.0, \"litellm_provider\": \"one of\","
        + " \"mode\": \"one of chat\"}");
    String[] providers = {"openai", "azure", "anthropic", "bedrock", "vertex_ai", "mistral", "deepseek"};
    for (int i = 0; i < n; i++) {
      String provider = providers[i % providers.length];
      String prefix = provider.equals("openai") || provider.equals("anthropic") ? "" : provider + "/";
      s.append(",\n  \"").append(prefix).append("model-").append(i).append("-2025-0").append(i % 9 + 1)
          .append("-1").append(i % 9).append("\": {");
      s.append("\"max_tokens\": 16384, \"max_input_tokens\": 128000, \"max_output_tokens\": 16384, ");
      if (i % 50 == 49) {
        s.append("\"input_cost_per_image\": 0.0025, \"litellm_provider\": \"").append(provider)
            .append("\", \"mode\": \"image_generation\"}");
        continue;
      }
      double input = (i % 97 + 1) * 1e-8;
      s.append("\"input_cost_per_token\": ").append(input)
          .append(", \"cache_read_input_token_cost\": ").append(input / 10);
      if (i % 20 == 19) {
        s.append(", \"litellm_provider\": \"").append(provider).append("\", \"mode\": \"embedding\", "
            + "\"output_vector_size\": 1536}");
        continue;
      }
      s.append(", \"output_cost_per_token\": ").append(input * 4);
      if (i % 10 == 3) {
        s.append(", \"input_cost_per_token_above_200k_tokens\": ").append(input * 2)
            .append(", \"output_cost_per_token_above_200k_tokens\": ").append(input * 6);
      }
      s.append(", \"litellm_provider\": \"").append(provider).append("\", \"mode\": \"chat\", "
          + "\"supports_function_calling\": true, \"supports_vision\": ").append(i % 2 == 0)
          .append(", \"supports_prompt_caching\": true}");
    }
    return s.append("\n}\n").toString();
  }

  @Benchmark
  public JsonNode jacksonTreeOnly() throws IOException {
    return json.readTree(file.toFile());
  }

  @Benchmark
  public PricingTable fromLiteLlmJson() {
    return PricingTable.fromLiteLlmJson(file);
  }
}
