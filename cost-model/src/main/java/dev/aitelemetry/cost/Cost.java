package dev.aitelemetry.cost;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * The exact cost of one call.
 *
 * @param amount the total, the sum of {@code breakdown}'s values
 * @param currency ISO 4217 code, e.g. {@code USD}
 * @param modelKey the pricing-table key the model name matched (e.g. {@code gpt-4o} for {@code
 *     gpt-4o-2024-08-06}), or whatever a custom {@link CostModel} chooses to report
 * @param breakdown the amount per billed part; parts that cost nothing may be absent
 */
public record Cost(BigDecimal amount, String currency, String modelKey, Map<CostPart, BigDecimal> breakdown) {

  /** Validates and freezes the value. */
  public Cost {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(modelKey, "modelKey");
    breakdown = Map.copyOf(Objects.requireNonNull(breakdown, "breakdown"));
  }

  /** The amount billed for one part, zero when the part is absent. */
  public BigDecimal part(CostPart part) {
    return breakdown.getOrDefault(part, BigDecimal.ZERO);
  }
}
