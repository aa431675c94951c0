package dev.aitelemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AITELEMETRY_PRICING_FILE lays a file over the bundled defaults without code. */
class FromEnvironmentTest {

  @TempDir Path dir;

  private static Map<String, String> env(Path file) {
    return Map.of(PricingTable.PRICING_FILE_ENV, file.toString());
  }

  @Test
  void withoutTheVariableTheDefaultsAreUsed() {
    assertThat(PricingTable.fromEnvironment(Map.of())).isSameAs(PricingTable.defaults());
    assertThat(PricingTable.fromEnvironment(Map.of(PricingTable.PRICING_FILE_ENV, " ")))
        .isSameAs(PricingTable.defaults());
  }

  @Test
  void projectFormatFileOverridesDefaultsAndKeepsTheRest() throws IOException {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, """
        {"currency": "USD", "models": {"gpt-4o": {"input": "2.00", "output": "8.00"}}}""");
    PricingTable t = PricingTable.fromEnvironment(env(file));
    assertThat(t.price("gpt-4o").orElseThrow().inputPerMillion()).isEqualByComparingTo("2.00");
    assertThat(t.keyOf("claude-sonnet-4-5@20250929")).contains("claude-sonnet-4-5");
  }

  @Test
  void projectFormatAliasMayNameABundledModel() throws IOException {
    Path file = dir.resolve("aliases.json");
    Files.writeString(file, """
        {"models": {}, "aliases": {"my-azure-deployment": "gpt-4o-mini"}}""");
    assertThat(PricingTable.fromEnvironment(env(file)).keyOf("my-azure-deployment")).contains("gpt-4o-mini");
  }

  @Test
  void fileWithoutAModelsObjectIsReadAsLiteLlm() throws IOException {
    Path file = dir.resolve("model_prices_and_context_window.json");
    Files.writeString(file, """
        {"my-finetune": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.2e-05, "mode": "chat"}}""");
    PricingTable t = PricingTable.fromEnvironment(env(file));
    assertThat(t.price("my-finetune").orElseThrow().outputPerMillion()).isEqualByComparingTo("12");
    assertThat(t.size()).isEqualTo(PricingTable.defaults().size() + 1);
  }

  @Test
  void malformedFileNamesTheFile() throws IOException {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, """
        {"currency": "USD", "models": {"gpt-4o": {"input": "abc", "output": "8.00"}}}""");
    assertThatThrownBy(() -> PricingTable.fromEnvironment(env(file)))
        .isInstanceOf(PricingFormatException.class)
        .hasMessage(file + ": model \"gpt-4o\": field \"input\": expected a non-negative number, got \"abc\"");
  }

  @Test
  void aliasToAModelNeitherInTheFileNorInTheDefaultsIsRejected() throws IOException {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, """
        {"models": {}, "aliases": {"x": "gpt-9"}}""");
    assertThatThrownBy(() -> PricingTable.fromEnvironment(env(file)))
        .hasMessageContaining("not a model of this file or of the defaults");
  }

  @Test
  void missingFileFailsLoudlyNamingIt() {
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> PricingTable.fromEnvironment(env(missing)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(missing.toString());
  }
}
