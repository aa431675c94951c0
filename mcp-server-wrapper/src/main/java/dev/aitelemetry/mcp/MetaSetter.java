// Writes trace-context fields into a (copied) MCP request _meta map.
package dev.aitelemetry.mcp;

import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Map;

/** A {@link TextMapSetter} into a mutable copy of {@code params._meta}; unprefixed keys, as SEP-414 defines. */
final class MetaSetter implements TextMapSetter<Map<String, Object>> {
  static final MetaSetter INSTANCE = new MetaSetter();

  private MetaSetter() {}

  @Override
  public void set(Map<String, Object> carrier, String key, String value) {
    if (carrier != null && key != null && value != null) {
      carrier.put(key, value);
    }
  }
}
