package dev.aitelemetry.cost;

/** The parts a call is billed for; each is priced separately and no token is billed in two parts. */
public enum CostPart {
  /** Input tokens neither read from nor written to the prompt cache. */
  INPUT,
  /** Input tokens read from the prompt cache. */
  CACHE_READ,
  /** Input tokens written to the prompt cache. */
  CACHE_WRITE,
  /** Output tokens that are not reasoning tokens. */
  OUTPUT,
  /** Reasoning output tokens. */
  REASONING
}
