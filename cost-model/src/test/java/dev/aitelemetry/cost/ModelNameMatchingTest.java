package dev.aitelemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How model names as providers report them match keys of the bundled table, and never the wrong key. */
class ModelNameMatchingTest {

  private final PricingTable table = PricingTable.defaults();

  @ParameterizedTest(name = "{0} prices as {1}")
  @CsvSource({
      "gpt-4o, gpt-4o",
      "gpt-4o-2024-08-06, gpt-4o",
      "gpt-4o-2024-11-20, gpt-4o",
      "GPT-4o, gpt-4o",
      "' gpt-4o ', gpt-4o",
      "openai/gpt-4o, gpt-4o",
      "azure/gpt-4o-2024-05-13, gpt-4o-2024-05-13",
      "gpt-4o-mini, gpt-4o-mini",
      "gpt-4o-mini-2024-07-18, gpt-4o-mini",
      "gpt-4.1-2025-04-14, gpt-4.1",
      "gpt-4.1-mini-2025-04-14, gpt-4.1-mini",
      "gpt-4.1-nano, gpt-4.1-nano",
      "gpt-4.1-nano-2025-04-14, gpt-4.1-nano",
      "o1-2024-12-17, o1",
      "o1-mini, o1-mini",
      "o1-mini-2024-09-12, o1-mini",
      "o1-preview-2024-09-12, o1",
      "o3-2025-04-16, o3",
      "o3-mini-2025-01-31, o3-mini",
      "o4-mini-2025-04-16, o4-mini",
      "gpt-5-2025-08-07, gpt-5",
      "gpt-5-mini-2025-08-07, gpt-5-mini",
      "gpt-5-nano-2025-08-07, gpt-5-nano",
      "gpt-5-chat-latest, gpt-5-chat-latest",
      "text-embedding-3-small, text-embedding-3-small",
      "openai/text-embedding-3-large, text-embedding-3-large",
      "claude-3-5-sonnet-20241022, claude-3-5-sonnet",
      "claude-3-5-sonnet-20240620, claude-3-5-sonnet",
      "anthropic/claude-3-5-sonnet-latest, claude-3-5-sonnet",
      "anthropic.claude-3-5-sonnet-20241022-v2:0, claude-3-5-sonnet",
      "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0, claude-3-5-sonnet",
      "claude-3-5-sonnet-v2@20241022, claude-3-5-sonnet",
      "claude-3-5-haiku-20241022, claude-3-5-haiku",
      "claude-3-5-haiku@20241022, claude-3-5-haiku",
      "claude-3-7-sonnet-20250219, claude-3-7-sonnet",
      "us.anthropic.claude-3-7-sonnet-20250219-v1:0, claude-3-7-sonnet",
      "claude-sonnet-4-20250514, claude-sonnet-4",
      "us.anthropic.claude-sonnet-4-20250514-v1:0, claude-sonnet-4",
      "eu.anthropic.claude-sonnet-4-20250514-v1:0, claude-sonnet-4",
      "apac.anthropic.claude-sonnet-4-20250514-v1:0, claude-sonnet-4",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0,"
          + " claude-sonnet-4",
      "claude-sonnet-4@20250514, claude-sonnet-4",
      "claude-sonnet-4-0, claude-sonnet-4",
      "claude-sonnet-4-5-20250929, claude-sonnet-4-5",
      "claude-sonnet-4-5@20250929, claude-sonnet-4-5",
      "global.anthropic.claude-sonnet-4-5-20250929-v1:0, claude-sonnet-4-5",
      "claude-opus-4-20250514, claude-opus-4",
      "claude-opus-4-1-20250805, claude-opus-4-1",
      "vertex_ai/claude-opus-4-1@20250805, claude-opus-4-1",
      "claude-haiku-4-5-20251001, claude-haiku-4-5",
      "gemini-1.5-pro-002, gemini-1.5-pro",
      "models/gemini-1.5-flash-001, gemini-1.5-flash",
      "gemini-2.0-flash-001, gemini-2.0-flash",
      "gemini/gemini-2.5-pro, gemini-2.5-pro",
      "vertex_ai/gemini-2.5-pro, gemini-2.5-pro",
      "projects/my-project/locations/us-central1/publishers/google/models/gemini-2.5-flash, gemini-2.5-flash",
      "gemini-2.5-pro-preview-06-05, gemini-2.5-pro",
      "google/gemini-2.5-flash, gemini-2.5-flash",
      "mistral-large-2411, mistral-large-2411",
      "mistral/mistral-large-2407, mistral-large-2411",
      "mistral.mistral-large-2407-v1:0, mistral-large-2411",
      "mistral-large-2512, mistral-large-2512",
      "mistral-small-2503, mistral-small-2506",
      "deepseek-chat, deepseek-chat",
      "deepseek/deepseek-reasoner, deepseek-reasoner",
  })
  void realModelIdMatchesItsTableKey(String model, String expectedKey) {
    assertThat(table.keyOf(model)).contains(expectedKey);
  }

  @ParameterizedTest(name = "{0} matches nothing")
  @ValueSource(strings = {
      "gpt-9",
      "gpt-4",
      "gpt-4-turbo-2024-04-09",
      "gpt-3.5-turbo-0125",
      "chatgpt-4o-latest",
      "gpt-4o-realtime-preview-2024-12-17",
      "gpt-4o-mini-search-preview",
      "o1-pro",
      "o3-pro-2025-06-10",
      "gpt-5.1",
      "gpt-5-codex",
      "text-embedding-ada-002",
      "claude-3-opus-20240229",
      "claude-sonnet-4-6",
      "claude-sonnet-4-5-mini",
      "gemini-1.5-flash-8b",
      "gemini-2.0-flash-lite-001",
      "gemini-2.5-flash-lite",
      "gemini-2.5-flash-preview-05-20",
      "mistral-large-latest",
      "mistral-small-latest",
      "mistral-medium-2505",
      "deepseek-r1",
      "my-azure-deployment",
      "openai/",
      "-20241022",
  })
  void unknownOrDifferentModelMatchesNothing(String model) {
    assertThat(table.keyOf(model)).isEmpty();
  }

  @Test
  void miniSnapshotNeverFallsBackToTheLargerModel() {
    assertThat(table.price("gpt-4o-mini-2024-07-18").orElseThrow().inputPerMillion())
        .isEqualByComparingTo("0.15");
  }

  @Test
  void unknownModelCostsNothingAndDoesNotThrow() {
    assertThat(table.cost("gpt-9", TokenUsage.of(10, 10))).isEmpty();
  }

  @Test
  void nullOrBlankModelNameCostsNothing() {
    assertThat(table.cost(null, TokenUsage.of(10, 10))).isEmpty();
    assertThat(table.cost("  ", TokenUsage.of(10, 10))).isEmpty();
  }

  @Test
  void repeatedLookupReturnsTheSameRememberedAnswer() {
    PricingTable fresh = PricingTable.defaults().toBuilder().build();
    Optional<ModelPrice> first = fresh.price("us.anthropic.claude-sonnet-4-20250514-v1:0");
    Optional<ModelPrice> second = fresh.price("us.anthropic.claude-sonnet-4-20250514-v1:0");
    assertThat(second.orElseThrow()).isSameAs(first.orElseThrow());
    assertThat(fresh.memoSize()).isEqualTo(1);
  }

  @Test
  void missesAreRememberedToo() {
    PricingTable fresh = PricingTable.defaults().toBuilder().build();
    assertThat(fresh.price("gpt-9")).isEmpty();
    assertThat(fresh.price("gpt-9")).isEmpty();
    assertThat(fresh.memoSize()).isEqualTo(1);
  }

  @Test
  void memoStopsGrowingAtItsCapacityButLookupsStillWork() {
    PricingTable small = PricingTable.defaults().toBuilder().memoCapacity(5).build();
    for (int i = 0; i < 100; i++) {
      small.price("random-model-" + i);
    }
    assertThat(small.memoSize()).isEqualTo(5);
    assertThat(small.keyOf("gpt-4o-2024-08-06")).contains("gpt-4o");
  }

  @Test
  void concurrentLookupsAgreeAndStayBounded() throws Exception {
    PricingTable shared = PricingTable.defaults().toBuilder().memoCapacity(50).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Boolean>> jobs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        jobs.add(() -> {
          boolean ok = true;
          for (int i = 0; i < 2_000; i++) {
            ok &= shared.keyOf("gpt-4o-mini-2024-07-18").orElse("").equals("gpt-4o-mini");
            ok &= shared.keyOf("claude-sonnet-4-5@20250929").orElse("").equals("claude-sonnet-4-5");
            ok &= shared.keyOf("junk-" + thread + "-" + i).isEmpty();
          }
          return ok;
        });
      }
      for (Future<Boolean> f : pool.invokeAll(jobs)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    // The bound is checked before inserting, so racing threads may overshoot it by at most one entry each.
    assertThat(shared.memoSize()).isLessThanOrEqualTo(50 + 4);
  }
}
