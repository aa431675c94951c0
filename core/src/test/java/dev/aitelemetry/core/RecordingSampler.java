package dev.aitelemetry.core;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A sampler that samples everything and remembers the attributes it was shown at span start. */
final class RecordingSampler implements Sampler {
  final Map<AttributeKey<?>, Object> seen = new ConcurrentHashMap<>();

  @Override
  public SamplingResult shouldSample(
      Context parentContext, String traceId, String name, SpanKind spanKind, Attributes attributes,
      List<LinkData> parentLinks) {
    seen.putAll(attributes.asMap());
    return SamplingResult.recordAndSample();
  }

  @Override
  public String getDescription() {
    return "RecordingSampler";
  }
}
