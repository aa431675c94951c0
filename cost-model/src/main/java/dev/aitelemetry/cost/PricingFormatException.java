package dev.aitelemetry.cost;

import java.util.Optional;

/**
 * A pricing file that cannot be used, with a message that names the file, the entry and the field, e.g.
 * {@code prices.json: model "gpt-4o": field "input": expected a non-negative number, got "abc"}.
 */
public final class PricingFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String sourceName;
  private final String entry;
  private final String field;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param sourceName the file name, or the name given for a stream
   * @param entry the entry at fault as it should read in the message, e.g. {@code model "gpt-4o"}; null for the
   *     file as a whole
   * @param field the field at fault, e.g. {@code input}; null when the entry as a whole is at fault
   * @param problem what is wrong, e.g. {@code expected a non-negative number, got "abc"}
   */
  public PricingFormatException(String sourceName, String entry, String field, String problem) {
    super(sourceName + ": " + (entry == null ? "" : entry + ": ")
        + (field == null ? "" : "field \"" + field + "\": ") + problem);
    this.sourceName = sourceName;
    this.entry = entry;
    this.field = field;
    this.problem = problem;
  }

  static PricingFormatException model(String sourceName, String key, String field, String problem) {
    return new PricingFormatException(sourceName, "model \"" + key + "\"", field, problem);
  }

  static PricingFormatException alias(String sourceName, String alias, String problem) {
    return new PricingFormatException(sourceName, "alias \"" + alias + "\"", null, problem);
  }

  static PricingFormatException file(String sourceName, String field, String problem) {
    return new PricingFormatException(sourceName, null, field, problem);
  }

  /** The file name, or the name given for a stream. */
  public String sourceName() {
    return sourceName;
  }

  /** The entry at fault, e.g. {@code model "gpt-4o"}, if the problem is in one entry. */
  public Optional<String> entry() {
    return Optional.ofNullable(entry);
  }

  /** The field at fault, if the problem is in one field. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
