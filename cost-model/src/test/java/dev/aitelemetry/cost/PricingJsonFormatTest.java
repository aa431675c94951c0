package dev.aitelemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the project's own pricing format, and the error each kind of malformed file gets. */
class PricingJsonFormatTest {

  @TempDir Path dir;

  private Path write(String json) throws IOException {
    Path file = dir.resolve("prices.json");
    Files.writeString(file, json.replace('\'', '"'));
    return file;
  }

  private static String model(String fields) {
    return "{'currency':'USD','models':{'gpt-4o':{" + fields + "}}}";
  }

  @Test
  void validFileIsReadWithAllParts() throws IOException {
    PricingTable t = PricingTable.fromJson(write("""
        {'as_of':'2026-11-01','currency':'USD','source':'my contract','models':{
          'gpt-4o':{'input':'2.50','output':10.00,'cache_read':1.25,'source':'https://openai.com/api/pricing',
                    'aliases':['prod-chat']},
          'big':{'input':1,'output':2,'cache_write':'1.5','reasoning':3,'currency':'EUR',
                 'tiers':[{'above_input_tokens':200000,'input':2,'output':4}]}},
         'aliases':{'my-azure-deployment':'gpt-4o'}}"""));
    assertThat(t.asOf()).contains(LocalDate.of(2026, 11, 1));
    assertThat(t.source()).contains("my contract");
    assertThat(t.cost("gpt-4o-2024-08-06", new TokenUsage(1200, 300, 1000, 0, 0)).orElseThrow().amount())
        .isEqualByComparingTo("0.00475");
    assertThat(t.keyOf("prod-chat")).contains("gpt-4o");
    assertThat(t.keyOf("my-azure-deployment")).contains("gpt-4o");
    ModelPrice big = t.price("big").orElseThrow();
    assertThat(big.currency()).isEqualTo("EUR");
    assertThat(big.reasoningPerMillion()).isEqualByComparingTo("3");
    assertThat(big.cacheWritePerMillion()).isEqualByComparingTo("1.5");
    assertThat(big.tiers()).hasSize(1);
    assertThat(big.source()).isEmpty();
  }

  @Test
  void numbersAreReadExactlyNotAsBinaryDoubles() throws IOException {
    PricingTable t = PricingTable.fromJson(write(model("'input':0.1,'output':0.2")));
    assertThat(t.price("gpt-4o").orElseThrow().inputPerMillion()).isEqualTo(new java.math.BigDecimal("0.1"));
  }

  @Test
  void streamOverloadUsesTheGivenNameInErrors() {
    var in = new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> PricingTable.fromJson(in, "https://example.com/prices.json"))
        .isInstanceOf(PricingFormatException.class)
        .hasMessageStartingWith("https://example.com/prices.json: ");
  }

  @Test
  void missingFileIsAnUncheckedIoErrorNamingTheFile() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> PricingTable.fromJson(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(missing.toString());
  }

  // ---- malformed input: each names the file, the entry and the field ----

  @Test
  void nonNumericPriceNamesFileModelAndField() throws IOException {
    Path file = write(model("'input':'abc','output':'10.00'"));
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .isInstanceOf(PricingFormatException.class)
        .hasMessage(file + ": model \"gpt-4o\": field \"input\": expected a non-negative number, got \"abc\"")
        .satisfies(e -> {
          PricingFormatException p = (PricingFormatException) e;
          assertThat(p.sourceName()).isEqualTo(file.toString());
          assertThat(p.entry()).contains("model \"gpt-4o\"");
          assertThat(p.field()).contains("input");
        });
  }

  @Test
  void notJsonIsRejected() throws IOException {
    Path file = write("this is not json");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .isInstanceOf(PricingFormatException.class)
        .hasMessageStartingWith(file + ": not valid JSON");
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    Path file = write("");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .isInstanceOf(PricingFormatException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void topLevelArrayIsRejected() throws IOException {
    Path file = write("[1,2]");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessage(file + ": expected a JSON object at the top level, got an array");
  }

  @Test
  void missingModelsIsRejected() throws IOException {
    Path file = write("{'currency':'USD'}");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageStartingWith(file + ": field \"models\": is required");
  }

  @Test
  void modelEntryThatIsNotAnObjectIsRejected() throws IOException {
    Path file = write("{'currency':'USD','models':{'gpt-4o':2.5}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageStartingWith(file + ": model \"gpt-4o\": expected an object");
  }

  @Test
  void missingOutputIsRejected() throws IOException {
    Path file = write(model("'input':'2.50'"));
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessage(file + ": model \"gpt-4o\": field \"output\": is required (price per million tokens)");
  }

  @Test
  void negativePriceIsRejected() throws IOException {
    Path file = write(model("'input':-1,'output':1"));
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessage(file + ": model \"gpt-4o\": field \"input\": expected a non-negative number, got -1");
  }

  @Test
  void nanAndInfinityAsStringsAreRejected() throws IOException {
    Path nan = write(model("'input':'NaN','output':1"));
    assertThatThrownBy(() -> PricingTable.fromJson(nan)).hasMessageContaining("got \"NaN\"");
    Path inf = write(model("'input':1,'output':'Infinity'"));
    assertThatThrownBy(() -> PricingTable.fromJson(inf))
        .hasMessageContaining("field \"output\": expected a non-negative number, got \"Infinity\"");
  }

  @Test
  void nanLiteralIsNotJson() throws IOException {
    Path file = write("{'currency':'USD','models':{'gpt-4o':{'input':NaN,'output':1}}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file)).hasMessageStartingWith(file + ": not valid JSON");
  }

  @Test
  void priceOfTheWrongJsonTypeIsRejected() throws IOException {
    Path file = write(model("'input':true,'output':1"));
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageContaining("field \"input\": expected a non-negative number, got true");
  }

  @Test
  void unknownCurrencyIsRejected() throws IOException {
    Path file = write("{'currency':'DOLLARS','models':{}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageStartingWith(file + ": field \"currency\": expected an ISO 4217 currency code");
  }

  @Test
  void unknownModelCurrencyIsRejected() throws IOException {
    Path file = write(model("'input':1,'output':1,'currency':'XYZ'"));
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageStartingWith(file + ": model \"gpt-4o\": field \"currency\": expected an ISO 4217");
  }

  @Test
  void missingCurrencyIsRejected() throws IOException {
    Path file = write("{'models':{'gpt-4o':{'input':1,'output':1}}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageStartingWith(file + ": model \"gpt-4o\": field \"currency\": is required");
  }

  @Test
  void tierThresholdThatIsNotAPositiveWholeNumberIsRejected() throws IOException {
    for (String bad : new String[] {"0", "-5", "1.5", "'200000'"}) {
      Path file = write(model("'input':1,'output':1,'tiers':[{'above_input_tokens':" + bad + ",'input':2}]"));
      assertThatThrownBy(() -> PricingTable.fromJson(file))
          .hasMessageStartingWith(file + ": model \"gpt-4o\": field \"tiers[0].above_input_tokens\": expected a"
              + " positive whole number of tokens");
    }
  }

  @Test
  void tierWithoutAnyRateIsRejected() throws IOException {
    Path file = write(model("'input':1,'output':1,'tiers':[{'above_input_tokens':1000}]"));
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageContaining("field \"tiers[0]\": a tier must state at least one rate");
  }

  @Test
  void badTierPriceNamesTheTierField() throws IOException {
    Path file = write(model("'input':1,'output':1,'tiers':[{'above_input_tokens':1000,'output':'x'}]"));
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageContaining("model \"gpt-4o\": field \"tiers[0].output\": expected a non-negative number");
  }

  @Test
  void aliasToUnknownModelIsRejected() throws IOException {
    Path file = write("{'currency':'USD','models':{},'aliases':{'my-deployment':'gpt-9'}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessage(file + ": alias \"my-deployment\": points to \"gpt-9\", which is not a model of this file");
  }

  @Test
  void aliasThatIsAlsoAModelKeyIsRejected() throws IOException {
    Path file = write("{'currency':'USD','models':{'a':{'input':1,'output':1},'b':{'input':1,'output':1}},"
        + "'aliases':{'a':'b'}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file)).hasMessageContaining("alias \"a\": is also a model key");
  }

  @Test
  void aliasDefinedTwiceForDifferentModelsIsRejected() throws IOException {
    Path file = write("{'currency':'USD','models':{'a':{'input':1,'output':1,'aliases':['x']},"
        + "'b':{'input':1,'output':1}},'aliases':{'x':'b'}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file)).hasMessageContaining("alias \"x\": is defined twice");
  }

  @Test
  void duplicateKeyAfterNormalizationIsRejected() throws IOException {
    Path file = write("{'currency':'USD','models':{'gpt-4o':{'input':1,'output':1},"
        + "'GPT-4o':{'input':1,'output':1}}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessage(file + ": model \"GPT-4o\": duplicates model \"gpt-4o\" (keys are case-insensitive and"
            + " trimmed)");
  }

  @Test
  void exactDuplicateKeyIsRejected() throws IOException {
    Path file = write("{'currency':'USD','models':{'gpt-4o':{'input':1,'output':1},"
        + "'gpt-4o':{'input':2,'output':2}}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageStartingWith(file + ": not valid JSON: Duplicate field 'gpt-4o'");
  }

  @Test
  void misspeltFieldIsRejectedRatherThanIgnored() throws IOException {
    Path file = write(model("'input':1,'output':1,'cache_raed':0.1"));
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessageStartingWith(file + ": model \"gpt-4o\": field \"cache_raed\": unknown field");
  }

  @Test
  void badDateIsRejected() throws IOException {
    Path file = write("{'as_of':'yesterday','currency':'USD','models':{}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessage(file + ": field \"as_of\": expected a date such as \"2026-11-25\", got \"yesterday\"");
  }

  @Test
  void unsupportedFormatVersionIsRejected() throws IOException {
    Path file = write("{'format_version':2,'currency':'USD','models':{}}");
    assertThatThrownBy(() -> PricingTable.fromJson(file))
        .hasMessage(file + ": field \"format_version\": expected 1, got 2");
  }
}
