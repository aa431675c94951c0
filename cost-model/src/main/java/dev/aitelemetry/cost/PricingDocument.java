package dev.aitelemetry.cost;

import java.time.LocalDate;
import java.util.Map;

/**
 * The validated content of one pricing file, before it becomes (or is merged into) a {@link PricingTable}.
 *
 * @param models prices by key, in file order
 * @param aliases alias name to the model key it stands for
 * @param asOf the file's date, or null
 * @param source the file's overall source note, or null
 */
record PricingDocument(Map<String, ModelPrice> models, Map<String, String> aliases, LocalDate asOf, String source) {

  PricingTable.Builder applyTo(PricingTable.Builder builder) {
    models.forEach(builder::model);
    aliases.forEach(builder::alias);
    if (asOf != null) {
      builder.asOf(asOf);
    }
    if (source != null) {
      builder.source(source);
    }
    return builder;
  }
}
