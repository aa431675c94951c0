package dev.aitelemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example file in docs/pricing.md is a valid pricing file, so the guide cannot drift from the reader. */
class DocumentationExampleTest {

  @Test
  void exampleFileInThePricingGuideIsValid() throws IOException {
    String guide = Files.readString(Path.of("../docs/pricing.md"));
    int start = guide.indexOf("```json\n") + "```json\n".length();
    String json = guide.substring(start, guide.indexOf("```", start));
    PricingTable t = PricingTable.fromJson(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "docs/pricing.md");
    assertThat(t.keyOf("my-azure-deployment")).contains("gpt-4o");
    assertThat(t.price("mistral-large-2411").orElseThrow().currency()).isEqualTo("EUR");
    assertThat(t.price("claude-sonnet-4-5").orElseThrow().tiers()).hasSize(1);
  }
}
