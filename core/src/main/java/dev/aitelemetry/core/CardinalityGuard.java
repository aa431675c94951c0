package dev.aitelemetry.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps one metric attribute low-cardinality: the first {@code limit} distinct values pass, later ones become
 * {@code _OTHER}. A value that passed once always passes, so a series never changes label mid-stream.
 */
final class CardinalityGuard {
  static final String OTHER = GenAiAttributes.ErrorTypes.OTHER;

  private final int limit;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  CardinalityGuard(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("cardinality limit must be at least 1, got " + limit);
    }
    this.limit = limit;
  }

  /** The value itself while fewer than {@code limit} distinct values were seen, else {@code _OTHER}. */
  String admit(String value) {
    if (value == null) {
      return null;
    }
    if (admitted.contains(value)) {
      return value;
    }
    // Racing threads may admit a few values past the limit; the bound still holds within the thread count.
    if (admitted.size() < limit && admitted.add(value)) {
      return value;
    }
    return admitted.contains(value) ? value : OTHER;
  }

  int size() {
    return admitted.size();
  }
}
