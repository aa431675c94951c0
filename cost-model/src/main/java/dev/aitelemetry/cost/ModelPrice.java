package dev.aitelemetry.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one model costs: prices per million tokens for each billed part, in one currency, plus optional
 * long-context {@link PriceTier tiers}.
 *
 * <pre>{@code
 * ModelPrice gpt4o = ModelPrice.perMillionTokens("USD", "2.50", "10.00").cacheRead("1.25");
 * ModelPrice sonnet4 = ModelPrice.perMillionTokens("USD", "3.00", "15.00").cacheRead("0.30").cacheWrite("3.75")
 *     .tier(PriceTier.above(200_000).input("6.00").output("22.50").cacheRead("0.60").cacheWrite("7.50"));
 * }</pre>
 *
 * <p>Parts that are not stated fall back as providers bill them: cache reads and cache writes at the input price
 * (no discount, no surcharge), reasoning output at the output price. Instances are immutable and thread-safe;
 * every setter-like method returns a new instance. Prices are kept without trailing zeros, so {@code "2.50"} and
 * {@code "2.5"} give equal objects.
 */
public final class ModelPrice {

  private static final Comparator<PriceTier> BY_THRESHOLD = Comparator.comparingLong(PriceTier::aboveInputTokens);

  private final String currency;
  private final BigDecimal input;
  private final BigDecimal output;
  private final BigDecimal cacheRead;
  private final BigDecimal cacheWrite;
  private final BigDecimal reasoning;
  private final List<PriceTier> tiers;
  private final String source;
  // Effective rates, computed once so that pricing a call allocates nothing but its result.
  private final Rates baseRates;
  private final Rates[] tierRates;

  private ModelPrice(
      String currency,
      BigDecimal input,
      BigDecimal output,
      BigDecimal cacheRead,
      BigDecimal cacheWrite,
      BigDecimal reasoning,
      List<PriceTier> tiers,
      String source) {
    this.currency = currency;
    this.input = input;
    this.output = output;
    this.cacheRead = cacheRead;
    this.cacheWrite = cacheWrite;
    this.reasoning = reasoning;
    this.tiers = List.copyOf(tiers);
    this.source = source;
    this.baseRates = new Rates(input, output, orElse(cacheRead, input), orElse(cacheWrite, input),
        orElse(reasoning, output));
    this.tierRates = new Rates[this.tiers.size()];
    for (int i = 0; i < tierRates.length; i++) {
      PriceTier t = this.tiers.get(i);
      BigDecimal in = t.inputPerMillion().orElse(input);
      BigDecimal out = t.outputPerMillion().orElse(output);
      tierRates[i] = new Rates(
          in,
          out,
          t.cacheReadPerMillion().orElse(orElse(cacheRead, in)),
          t.cacheWritePerMillion().orElse(orElse(cacheWrite, in)),
          t.reasoningPerMillion().orElse(orElse(reasoning, out)));
    }
  }

  /**
   * A price with the given input and output rates per million tokens, e.g. {@code perMillionTokens("USD",
   * "2.50", "10.00")}. Amounts are decimal text so that no binary floating point is involved.
   *
   * @param currency ISO 4217 code, e.g. {@code USD} or {@code EUR}
   * @param input price of one million uncached input tokens
   * @param output price of one million output tokens
   * @throws IllegalArgumentException if the currency is unknown or an amount is not a non-negative number
   */
  public static ModelPrice perMillionTokens(String currency, String input, String output) {
    return perMillionTokens(currency, PriceValues.parse("input", input), PriceValues.parse("output", output));
  }

  /**
   * A price with the given input and output rates per million tokens.
   *
   * @throws IllegalArgumentException if the currency is unknown or an amount is null or negative
   */
  public static ModelPrice perMillionTokens(String currency, BigDecimal input, BigDecimal output) {
    return new ModelPrice(
        PriceValues.currency("currency", currency),
        PriceValues.check("input", input),
        PriceValues.check("output", output),
        null, null, null, List.of(), null);
  }

  /** This price with a cache-read rate per million tokens (e.g. OpenAI "cached input"). */
  public ModelPrice cacheRead(String perMillion) {
    return cacheRead(PriceValues.parse("cache_read", perMillion));
  }

  /** This price with a cache-read rate per million tokens. */
  public ModelPrice cacheRead(BigDecimal perMillion) {
    return new ModelPrice(currency, input, output, PriceValues.check("cache_read", perMillion), cacheWrite,
        reasoning, tiers, source);
  }

  /** This price with a cache-write rate per million tokens (e.g. Anthropic 5-minute cache writes). */
  public ModelPrice cacheWrite(String perMillion) {
    return cacheWrite(PriceValues.parse("cache_write", perMillion));
  }

  /** This price with a cache-write rate per million tokens. */
  public ModelPrice cacheWrite(BigDecimal perMillion) {
    return new ModelPrice(currency, input, output, cacheRead, PriceValues.check("cache_write", perMillion),
        reasoning, tiers, source);
  }

  /** This price with a reasoning-output rate per million tokens; without one, reasoning is billed as output. */
  public ModelPrice reasoning(String perMillion) {
    return reasoning(PriceValues.parse("reasoning", perMillion));
  }

  /** This price with a reasoning-output rate per million tokens. */
  public ModelPrice reasoning(BigDecimal perMillion) {
    return new ModelPrice(currency, input, output, cacheRead, cacheWrite, PriceValues.check("reasoning", perMillion),
        tiers, source);
  }

  /**
   * This price with a long-context tier added (cliff semantics, see {@link PriceTier}).
   *
   * @throws IllegalArgumentException if the tier states no rate or another tier has the same threshold
   */
  public ModelPrice tier(PriceTier tier) {
    Objects.requireNonNull(tier, "tier");
    if (!tier.statesAnyRate()) {
      throw new PriceValueException("tiers", "a tier must state at least one rate (input, output, cache_read,"
          + " cache_write or reasoning)");
    }
    for (PriceTier existing : tiers) {
      if (existing.aboveInputTokens() == tier.aboveInputTokens()) {
        throw new PriceValueException("above_input_tokens",
            "two tiers have the same threshold " + tier.aboveInputTokens());
      }
    }
    List<PriceTier> more = new ArrayList<>(tiers);
    more.add(tier);
    more.sort(BY_THRESHOLD);
    return new ModelPrice(currency, input, output, cacheRead, cacheWrite, reasoning, more, source);
  }

  /** Shorthand for {@code tier(PriceTier.above(aboveInputTokens).input(input).output(output))}. */
  public ModelPrice tier(long aboveInputTokens, String input, String output) {
    return tier(PriceTier.above(aboveInputTokens).input(input).output(output));
  }

  /** This price with a note of where it comes from, typically the provider's pricing page URL. */
  public ModelPrice source(String source) {
    return new ModelPrice(currency, input, output, cacheRead, cacheWrite, reasoning, tiers,
        source == null || source.isBlank() ? null : source.strip());
  }

  /** The ISO 4217 currency of every rate of this price. */
  public String currency() {
    return currency;
  }

  /** Price of one million uncached input tokens. */
  public BigDecimal inputPerMillion() {
    return input;
  }

  /** Price of one million output tokens that are not reasoning tokens. */
  public BigDecimal outputPerMillion() {
    return output;
  }

  /** Price of one million cache-read input tokens; the input price when none was stated. */
  public BigDecimal cacheReadPerMillion() {
    return baseRates.cacheRead;
  }

  /** Price of one million cache-write input tokens; the input price when none was stated. */
  public BigDecimal cacheWritePerMillion() {
    return baseRates.cacheWrite;
  }

  /** Price of one million reasoning output tokens; the output price when none was stated. */
  public BigDecimal reasoningPerMillion() {
    return baseRates.reasoning;
  }

  /** The long-context tiers, lowest threshold first. */
  public List<PriceTier> tiers() {
    return tiers;
  }

  /** Where this price comes from, if recorded. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /**
   * The exact cost of one call at this price. Each token is billed in exactly one part: cache reads and writes
   * are not also billed as input, reasoning tokens are not also billed as output. When the call's input tokens
   * exceed a tier's threshold, the highest such tier prices the whole call.
   *
   * @param modelKey the key to report in {@link Cost#modelKey()}
   * @param usage the call's token usage
   */
  public Cost cost(String modelKey, TokenUsage usage) {
    Objects.requireNonNull(usage, "usage");
    Rates rates = ratesFor(usage.inputTokens());
    Map<CostPart, BigDecimal> parts = new EnumMap<>(CostPart.class);
    BigDecimal total = BigDecimal.ZERO;
    total = total.add(bill(parts, CostPart.INPUT, usage.uncachedInputTokens(), rates.input));
    total = total.add(bill(parts, CostPart.CACHE_READ, usage.cacheReadInputTokens(), rates.cacheRead));
    total = total.add(bill(parts, CostPart.CACHE_WRITE, usage.cacheWriteInputTokens(), rates.cacheWrite));
    total = total.add(bill(parts, CostPart.OUTPUT, usage.nonReasoningOutputTokens(), rates.output));
    total = total.add(bill(parts, CostPart.REASONING, usage.reasoningOutputTokens(), rates.reasoning));
    return new Cost(strip(total), currency, modelKey, parts);
  }

  private Rates ratesFor(long inputTokens) {
    for (int i = tierRates.length - 1; i >= 0; i--) {
      if (inputTokens > tiers.get(i).aboveInputTokens()) {
        return tierRates[i];
      }
    }
    return baseRates;
  }

  private static BigDecimal bill(Map<CostPart, BigDecimal> parts, CostPart part, long tokens, BigDecimal perMillion) {
    if (tokens == 0) {
      return BigDecimal.ZERO;
    }
    // tokens x price / 10^6 is exact in BigDecimal: moving the decimal point never rounds.
    BigDecimal amount = strip(BigDecimal.valueOf(tokens).multiply(perMillion).movePointLeft(6));
    parts.put(part, amount);
    return amount;
  }

  private static BigDecimal strip(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    // Keep a non-negative scale so toPlainString() and toString() agree for whole amounts (no "1E+1").
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  private static BigDecimal orElse(BigDecimal value, BigDecimal fallback) {
    return value != null ? value : fallback;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelPrice p
        && currency.equals(p.currency)
        && input.equals(p.input)
        && output.equals(p.output)
        && Objects.equals(cacheRead, p.cacheRead)
        && Objects.equals(cacheWrite, p.cacheWrite)
        && Objects.equals(reasoning, p.reasoning)
        && tiers.equals(p.tiers)
        && Objects.equals(source, p.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(currency, input, output, cacheRead, cacheWrite, reasoning, tiers, source);
  }

  @Override
  public String toString() {
    return "ModelPrice{" + currency + " per 1M tokens: input=" + input.toPlainString() + ", output="
        + output.toPlainString() + ", cacheRead=" + plain(cacheRead) + ", cacheWrite=" + plain(cacheWrite)
        + ", reasoning=" + plain(reasoning) + ", tiers=" + tiers + (source == null ? "" : ", source=" + source) + '}';
  }

  private static String plain(BigDecimal value) {
    return value == null ? "-" : value.toPlainString();
  }

  /** The effective per-million rates of one pricing level (base or a tier). */
  private record Rates(
      BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite, BigDecimal reasoning) {}
}
