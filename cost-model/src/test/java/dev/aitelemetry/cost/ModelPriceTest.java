package dev.aitelemetry.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Building and validating a {@link ModelPrice} in code. */
class ModelPriceTest {

  @Test
  void pricesWrittenWithOrWithoutTrailingZerosAreEqual() {
    assertThat(ModelPrice.perMillionTokens("USD", "2.50", "10.00"))
        .isEqualTo(ModelPrice.perMillionTokens("USD", "2.5", "10"))
        .hasSameHashCodeAs(ModelPrice.perMillionTokens("USD", "2.5", "10"));
  }

  @Test
  void withersReturnNewValuesAndLeaveTheOriginalUnchanged() {
    ModelPrice base = ModelPrice.perMillionTokens("USD", "2.50", "10.00");
    ModelPrice cached = base.cacheRead("1.25");
    assertThat(base.cacheReadPerMillion()).isEqualByComparingTo("2.50");
    assertThat(cached.cacheReadPerMillion()).isEqualByComparingTo("1.25");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "NaN", "Infinity", "-Infinity", "-0.01", "", "1,5"})
  void invalidAmountTextIsRejectedWithTheFieldNamed(String amount) {
    assertThatThrownBy(() -> ModelPrice.perMillionTokens("USD", amount, "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("field \"input\": expected a non-negative number");
  }

  @Test
  void negativeBigDecimalIsRejected() {
    assertThatThrownBy(() -> ModelPrice.perMillionTokens("USD", BigDecimal.ONE, new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("field \"output\": expected a non-negative number, got -1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"DOLLARS", "usd", "XYZ", ""})
  void unknownCurrencyIsRejected(String currency) {
    assertThatThrownBy(() -> ModelPrice.perMillionTokens(currency, "1", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO 4217");
  }

  @Test
  void tierThresholdMustBePositive() {
    assertThatThrownBy(() -> PriceTier.above(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void tierMustStateARate() {
    ModelPrice price = ModelPrice.perMillionTokens("USD", "1", "1");
    assertThatThrownBy(() -> price.tier(PriceTier.above(1000))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one rate");
  }

  @Test
  void twoTiersWithTheSameThresholdAreRejected() {
    ModelPrice price = ModelPrice.perMillionTokens("USD", "1", "1").tier(1000, "2", "2");
    assertThatThrownBy(() -> price.tier(1000, "3", "3")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same threshold");
  }

  @Test
  void sourceIsKept() {
    assertThat(ModelPrice.perMillionTokens("USD", "1", "1").source("https://example.com/pricing").source())
        .contains("https://example.com/pricing");
  }
}
