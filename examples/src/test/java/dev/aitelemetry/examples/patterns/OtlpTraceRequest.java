// Decodes an OTLP ExportTraceServiceRequest from protobuf bytes, enough to check span names, kinds and attributes.
package dev.aitelemetry.examples.patterns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few fields of {@code opentelemetry/proto/collector/trace/v1/trace_service.proto} these tests look at, read
 * straight from the protobuf wire format: {@code opentelemetry-proto} is not on the classpath, and asserting on the
 * decoded structure says more than searching the bytes for a span name.
 */
final class OtlpTraceRequest {
  /** {@code Span.SpanKind} numbers. */
  static final int KIND_INTERNAL = 1;
  static final int KIND_CLIENT = 3;

  record Span(String scopeName, String name, int kind, Map<String, Object> attributes) {}

  final Map<String, Object> resourceAttributes = new LinkedHashMap<>();
  final List<Span> spans = new ArrayList<>();

  static OtlpTraceRequest parse(byte[] body) {
    OtlpTraceRequest request = new OtlpTraceRequest();
    for (Field resourceSpans : fields(body, 1)) {                       // ExportTraceServiceRequest.resource_spans
      for (Field resource : fields(resourceSpans.bytes, 1)) {           // ResourceSpans.resource
        request.resourceAttributes.putAll(attributes(resource.bytes, 1)); // Resource.attributes
      }
      for (Field scopeSpans : fields(resourceSpans.bytes, 2)) {         // ResourceSpans.scope_spans
        String scopeName = "";
        for (Field scope : fields(scopeSpans.bytes, 1)) {               // ScopeSpans.scope
          scopeName = string(fields(scope.bytes, 1));                   // InstrumentationScope.name
        }
        for (Field span : fields(scopeSpans.bytes, 2)) {                // ScopeSpans.spans
          List<Field> kind = fields(span.bytes, 6);                     // Span.kind
          request.spans.add(new Span(scopeName, string(fields(span.bytes, 5)),
              kind.isEmpty() ? 0 : (int) kind.get(0).value, attributes(span.bytes, 9)));
        }
      }
    }
    return request;
  }

  Span onlySpanNamed(String name) {
    List<Span> named = spans.stream().filter(s -> s.name().equals(name)).toList();
    if (named.size() != 1) {
      throw new AssertionError("expected one span named " + name + ", got " + spans);
    }
    return named.get(0);
  }

  /** KeyValue list {@code number} of a message: key (1) to AnyValue (2). */
  private static Map<String, Object> attributes(byte[] message, int number) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field kv : fields(message, number)) {
      List<Field> value = fields(kv.bytes, 2);
      out.put(string(fields(kv.bytes, 1)), value.isEmpty() ? null : anyValue(value.get(0).bytes));
    }
    return out;
  }

  private static Object anyValue(byte[] message) {
    for (Field f : fields(message)) {
      switch (f.number) {
        case 1: return new String(f.bytes, StandardCharsets.UTF_8);
        case 2: return f.value != 0;
        case 3: return f.value;
        case 4: return Double.longBitsToDouble(f.value);
        case 5: {
          List<Object> values = new ArrayList<>();
          for (Field element : fields(f.bytes, 1)) {
            values.add(anyValue(element.bytes));
          }
          return values;
        }
        default: return Arrays.toString(f.bytes);
      }
    }
    return null;
  }

  private static String string(List<Field> fields) {
    return fields.isEmpty() ? "" : new String(fields.get(0).bytes, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ protobuf wire format

  /** One field: {@code value} for varint and fixed types, {@code bytes} for length-delimited ones. */
  private record Field(int number, long value, byte[] bytes) {}

  private static List<Field> fields(byte[] message, int number) {
    return fields(message).stream().filter(f -> f.number == number).toList();
  }

  private static List<Field> fields(byte[] message) {
    List<Field> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < message.length) {
      long tag = varint(message, pos);
      int number = (int) (tag >>> 3);
      switch ((int) (tag & 7)) {
        case 0:
          out.add(new Field(number, varint(message, pos), null));
          break;
        case 1:
          out.add(new Field(number, fixed(message, pos, 8), null));
          break;
        case 2: {
          int length = (int) varint(message, pos);
          out.add(new Field(number, 0, Arrays.copyOfRange(message, pos[0], pos[0] + length)));
          pos[0] += length;
          break;
        }
        case 5:
          out.add(new Field(number, fixed(message, pos, 4), null));
          break;
        default:
          throw new IllegalArgumentException("unsupported wire type in tag " + tag + " at " + pos[0]);
      }
    }
    return out;
  }

  private static long varint(byte[] b, int[] pos) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte next = b[pos[0]++];
      result |= (long) (next & 0x7f) << shift;
      if ((next & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("malformed varint");
  }

  private static long fixed(byte[] b, int[] pos, int size) {
    long result = 0;
    for (int i = 0; i < size; i++) {
      result |= (long) (b[pos[0]++] & 0xff) << (8 * i);
    }
    return result;
  }
}
