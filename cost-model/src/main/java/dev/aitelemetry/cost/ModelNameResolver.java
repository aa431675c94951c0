package dev.aitelemetry.cost;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the table entry for a model name, remembering answers so that repeated names cost one hash look-up.
 *
 * <p>The memo is keyed by the name exactly as given (so a hit allocates nothing) and holds misses too, since
 * unknown models are asked for on every call. It stops growing at a fixed number of names: a stream of random
 * names (a bug, or an attacker controlling the model field) then costs a few exact look-ups per call instead of
 * unbounded memory.
 */
final class ModelNameResolver {

  /**
   * A matched table entry. The {@code Optional}s are built once and memoized with the match, so that a repeated
   * look-up through {@link PricingTable#price} or {@link PricingTable#keyOf} allocates nothing.
   */
  record Match(String key, ModelPrice price, Optional<ModelPrice> optionalPrice, Optional<String> optionalKey) {
    Match(String key, ModelPrice price) {
      this(key, price, Optional.of(price), Optional.of(key));
    }
  }

  private final Map<String, ModelPrice> models;
  private final Map<String, String> aliases;
  private final int memoCapacity;
  private final ConcurrentHashMap<String, Optional<Match>> memo = new ConcurrentHashMap<>();

  ModelNameResolver(Map<String, ModelPrice> models, Map<String, String> aliases, int memoCapacity) {
    this.models = models;
    this.aliases = aliases;
    this.memoCapacity = memoCapacity;
  }

  Optional<Match> resolve(String name) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<Match> known = memo.get(name);
    if (known != null) {
      return known;
    }
    Optional<Match> found = lookUp(name);
    if (memo.size() < memoCapacity) {
      Optional<Match> raced = memo.putIfAbsent(name, found);
      if (raced != null) {
        return raced;
      }
    }
    return found;
  }

  int memoSize() {
    return memo.size();
  }

  private Optional<Match> lookUp(String name) {
    for (String candidate : ModelNameNormalizer.candidates(name)) {
      // Aliases first: in a table with overrides, a user's alias must win over a bundled key of the same name.
      String target = aliases.get(candidate);
      if (target != null) {
        ModelPrice price = models.get(target);
        if (price != null) {
          return Optional.of(new Match(target, price));
        }
      }
      ModelPrice price = models.get(candidate);
      if (price != null) {
        return Optional.of(new Match(candidate, price));
      }
    }
    return Optional.empty();
  }
}
