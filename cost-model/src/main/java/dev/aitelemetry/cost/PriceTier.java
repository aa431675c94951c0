package dev.aitelemetry.cost;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A long-context tier of a {@link ModelPrice}, with cliff semantics: when a request's input tokens (cached ones
 * included) are <em>strictly above</em> {@link #aboveInputTokens()}, every part of the whole request is billed at
 * the tier's rates, not only the tokens past the threshold. This is how Gemini 2.5 Pro (above 200k) and Claude
 * Sonnet 4 / 4.5 long-context (above 200k) are billed.
 *
 * <p>A tier states only the rates that change. A part it does not state keeps the base price of that part (as in
 * LiteLLM and genai-prices); a reasoning rate stated nowhere follows the tier's output rate, and cache rates
 * stated nowhere follow the tier's input rate.
 *
 * <pre>{@code
 * PriceTier.above(200_000).input("6.00").output("22.50").cacheRead("0.60").cacheWrite("7.50")
 * }</pre>
 *
 * <p>Instances are immutable; every setter-like method returns a new tier.
 */
public final class PriceTier {

  private final long aboveInputTokens;
  private final BigDecimal input;
  private final BigDecimal output;
  private final BigDecimal cacheRead;
  private final BigDecimal cacheWrite;
  private final BigDecimal reasoning;

  private PriceTier(
      long aboveInputTokens,
      BigDecimal input,
      BigDecimal output,
      BigDecimal cacheRead,
      BigDecimal cacheWrite,
      BigDecimal reasoning) {
    this.aboveInputTokens = aboveInputTokens;
    this.input = input;
    this.output = output;
    this.cacheRead = cacheRead;
    this.cacheWrite = cacheWrite;
    this.reasoning = reasoning;
  }

  /**
   * A tier that applies when a request has more than {@code inputTokens} input tokens; it states no rate yet.
   *
   * @throws IllegalArgumentException if {@code inputTokens} is not positive
   */
  public static PriceTier above(long inputTokens) {
    return new PriceTier(PriceValues.threshold("above_input_tokens", inputTokens), null, null, null, null, null);
  }

  /** This tier with the given uncached-input price per million tokens, e.g. {@code "6.00"}. */
  public PriceTier input(String perMillion) {
    return input(PriceValues.parse("input", perMillion));
  }

  /** This tier with the given uncached-input price per million tokens. */
  public PriceTier input(BigDecimal perMillion) {
    return new PriceTier(aboveInputTokens, PriceValues.check("input", perMillion), output, cacheRead, cacheWrite,
        reasoning);
  }

  /** This tier with the given output price per million tokens. */
  public PriceTier output(String perMillion) {
    return output(PriceValues.parse("output", perMillion));
  }

  /** This tier with the given output price per million tokens. */
  public PriceTier output(BigDecimal perMillion) {
    return new PriceTier(aboveInputTokens, input, PriceValues.check("output", perMillion), cacheRead, cacheWrite,
        reasoning);
  }

  /** This tier with the given cache-read price per million tokens. */
  public PriceTier cacheRead(String perMillion) {
    return cacheRead(PriceValues.parse("cache_read", perMillion));
  }

  /** This tier with the given cache-read price per million tokens. */
  public PriceTier cacheRead(BigDecimal perMillion) {
    return new PriceTier(aboveInputTokens, input, output, PriceValues.check("cache_read", perMillion), cacheWrite,
        reasoning);
  }

  /** This tier with the given cache-write price per million tokens. */
  public PriceTier cacheWrite(String perMillion) {
    return cacheWrite(PriceValues.parse("cache_write", perMillion));
  }

  /** This tier with the given cache-write price per million tokens. */
  public PriceTier cacheWrite(BigDecimal perMillion) {
    return new PriceTier(aboveInputTokens, input, output, cacheRead, PriceValues.check("cache_write", perMillion),
        reasoning);
  }

  /** This tier with the given reasoning-output price per million tokens. */
  public PriceTier reasoning(String perMillion) {
    return reasoning(PriceValues.parse("reasoning", perMillion));
  }

  /** This tier with the given reasoning-output price per million tokens. */
  public PriceTier reasoning(BigDecimal perMillion) {
    return new PriceTier(aboveInputTokens, input, output, cacheRead, cacheWrite,
        PriceValues.check("reasoning", perMillion));
  }

  /** The threshold: the tier applies when input tokens are strictly greater than this. */
  public long aboveInputTokens() {
    return aboveInputTokens;
  }

  /** The stated uncached-input price per million tokens, if any. */
  public Optional<BigDecimal> inputPerMillion() {
    return Optional.ofNullable(input);
  }

  /** The stated output price per million tokens, if any. */
  public Optional<BigDecimal> outputPerMillion() {
    return Optional.ofNullable(output);
  }

  /** The stated cache-read price per million tokens, if any. */
  public Optional<BigDecimal> cacheReadPerMillion() {
    return Optional.ofNullable(cacheRead);
  }

  /** The stated cache-write price per million tokens, if any. */
  public Optional<BigDecimal> cacheWritePerMillion() {
    return Optional.ofNullable(cacheWrite);
  }

  /** The stated reasoning-output price per million tokens, if any. */
  public Optional<BigDecimal> reasoningPerMillion() {
    return Optional.ofNullable(reasoning);
  }

  boolean statesAnyRate() {
    return input != null || output != null || cacheRead != null || cacheWrite != null || reasoning != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PriceTier t
        && aboveInputTokens == t.aboveInputTokens
        && Objects.equals(input, t.input)
        && Objects.equals(output, t.output)
        && Objects.equals(cacheRead, t.cacheRead)
        && Objects.equals(cacheWrite, t.cacheWrite)
        && Objects.equals(reasoning, t.reasoning);
  }

  @Override
  public int hashCode() {
    return Objects.hash(aboveInputTokens, input, output, cacheRead, cacheWrite, reasoning);
  }

  @Override
  public String toString() {
    return "PriceTier{above=" + aboveInputTokens + ", input=" + input + ", output=" + output + ", cacheRead="
        + cacheRead + ", cacheWrite=" + cacheWrite + ", reasoning=" + reasoning + '}';
  }
}
