package dev.aitelemetry.cost;

import java.util.Optional;

/**
 * Turns a model name and its token usage into a cost.
 *
 * <p>{@link PricingTable} is the bundled implementation. Implement this to plug in negotiated prices,
 * discounts or currency conversion, typically by delegating to a {@code PricingTable} and adjusting its result.
 *
 * <p>Implementations must be thread-safe and fast: they run on the instrumented call's thread. They should
 * return {@link Optional#empty()} for a model they cannot price rather than throw; the instrumentation also
 * survives an exception, but then the call gets no cost.
 */
@FunctionalInterface
public interface CostModel {

  /**
   * The cost of one call.
   *
   * @param model the model name as the provider or the request reported it, e.g. {@code gpt-4o-2024-08-06}
   * @param usage the call's token usage
   * @return the cost, or empty when the model is not priced
   */
  Optional<Cost> cost(String model, TokenUsage usage);

  /** A model that prices nothing. */
  static CostModel none() {
    return (model, usage) -> Optional.empty();
  }
}
