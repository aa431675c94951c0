package dev.aitelemetry.cost;

/**
 * A price, currency or threshold value that is not acceptable, with the name of the field it was given for.
 *
 * <p>Package-private on purpose: users see an {@link IllegalArgumentException}; the file readers catch this type
 * to add the file name and model entry to the message (see {@link PricingFormatException}).
 */
final class PriceValueException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  PriceValueException(String field, String problem) {
    super("field \"" + field + "\": " + problem);
    this.field = field;
    this.problem = problem;
  }

  String field() {
    return field;
  }

  String problem() {
    return problem;
  }
}
