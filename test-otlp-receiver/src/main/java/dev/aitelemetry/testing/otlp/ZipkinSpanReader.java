// Reads spans back from the receiver's Zipkin v2 query API.
package dev.aitelemetry.testing.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A client of {@code http://127.0.0.1:9412/zipkin/api/v2}. */
final class ZipkinSpanReader {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  // Wide enough for any test run; the server's own default is only 10 traces.
  private static final int TRACE_LIMIT = 1000;
  private static final long LOOKBACK_MILLIS = Duration.ofDays(1).toMillis();

  private final URI base;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  ZipkinSpanReader(URI base) {
    this.base = base;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** Whether the query API answers; that is the last thing the OAP starts. */
  boolean isAnswering() {
    try {
      return send("/services").statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Every stored span of {@code serviceName}, in no particular order. */
  List<ReceivedSpan> spansOf(String serviceName) throws IOException, InterruptedException {
    String query = "/traces?serviceName=" + URLEncoder.encode(serviceName, StandardCharsets.UTF_8)
        + "&limit=" + TRACE_LIMIT + "&lookback=" + LOOKBACK_MILLIS + "&endTs=" + System.currentTimeMillis();
    HttpResponse<String> response = send(query);
    if (response.statusCode() != 200) {
      throw new IOException("GET " + base + query + " answered " + response.statusCode() + ": " + response.body());
    }
    List<ReceivedSpan> spans = new ArrayList<>();
    for (JsonNode trace : json.readTree(response.body())) {
      for (JsonNode span : trace) {
        ReceivedSpan received = toSpan(span);
        // A trace can hold other services' spans; callers asked for this service's.
        if (serviceName.equalsIgnoreCase(received.serviceName())) {
          spans.add(received);
        }
      }
    }
    return spans;
  }

  private HttpResponse<String> send(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
        .timeout(REQUEST_TIMEOUT)
        .GET()
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static ReceivedSpan toSpan(JsonNode span) {
    Map<String, String> tags = new LinkedHashMap<>();
    span.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
    return new ReceivedSpan(
        text(span, "traceId"),
        text(span, "id"),
        text(span, "parentId"),
        text(span, "name"),
        text(span, "kind"),
        text(span.path("localEndpoint"), "serviceName"),
        span.path("timestamp").asLong(),
        span.path("duration").asLong(),
        tags);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
