package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.*;
import static dev.aitelemetry.langchain4j.ChatOtel.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.langchain4j.OpenAiTestServer.Reply;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat-model listener and the streaming decorator on a real {@code OpenAiStreamingChatModel} over SSE. */
class StreamingChatModelListenerTest {
  private final OpenAiTestServer server = OpenAiTestServer.start();
  private final ChatOtel otel = new ChatOtel();
  private final LangChain4jTelemetry lc = LangChain4jTelemetry.create(otel.telemetry);

  @AfterEach
  void close() {
    server.close();
    otel.close();
  }

  private OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder model() {
    return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test-key")
        .modelName("gpt-4o-mini").listeners(List.of(lc.chatModelListener()));
  }

  private static ChatResponse await(CompletableFuture<ChatResponse> done) throws Exception {
    return done.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aStreamedCallIsOneSpanWithStreamTrueAndUsageFromTheFinalChunk() throws Exception {
    server.enqueue(Reply.streaming("Hel", "lo").id("chatcmpl-s1").usage(20, 9, 5, 4));
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    model().build().chat("Hi", new RecordingStreamingHandler(done));
    await(done);

    SpanData span = otel.awaitSpans(s -> s.getName().equals("chat gpt-4o-mini"), 1).get(0);
    assertThat(attr(span, GEN_AI_REQUEST_STREAM)).isTrue();
    assertThat(attr(span, GEN_AI_RESPONSE_ID)).isEqualTo("chatcmpl-s1");
    assertThat(attr(span, GEN_AI_RESPONSE_FINISH_REASONS)).containsExactly("stop");
    assertThat(attr(span, GEN_AI_USAGE_INPUT_TOKENS)).isEqualTo(20L);
    assertThat(attr(span, GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(5L);
    assertThat(attr(span, GEN_AI_USAGE_OUTPUT_TOKENS)).isEqualTo(9L);
    assertThat(attr(span, GEN_AI_USAGE_REASONING_OUTPUT_TOKENS)).isEqualTo(4L);
    assertThat(server.onlyRequest().json().at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void theSpanEndsOnTheHttpClientThreadAfterTheCallerHasMovedOnWithItsContextUntouched() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    server.enqueue(Reply.streaming("Hel", "lo").pauseAfterFirstChunk(gate));
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    RecordingStreamingHandler handler = new RecordingStreamingHandler(done);
    Span parent = otel.sdk.getTracer("test").spanBuilder("request").startSpan();

    try (Scope ignored = parent.makeCurrent()) {
      model().build().chat("Hi", handler);
      assertThat(Span.current()).isSameAs(parent); // chat() returned; no chat scope was left on the caller
    }
    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(otel.spansNamed("chat gpt-4o-mini")).isEmpty(); // still streaming
    gate.countDown();
    await(done);
    parent.end();

    assertThat(handler.completionThread).isNotSameAs(Thread.currentThread());
    SpanData chat = otel.awaitSpans(s -> s.getName().equals("chat gpt-4o-mini"), 1).get(0);
    assertThat(chat.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(chat.hasEnded()).isTrue();
  }

  @Test
  void anHttpErrorOnAStreamEndsTheSpanWithTheStatusCode() throws Exception {
    server.enqueue(Reply.error(500, "server_error", "boom"));
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    model().build().chat("Hi", new RecordingStreamingHandler(done));
    try {
      await(done);
    } catch (ExecutionException expected) {
      // the user's handler got the error too
    }

    SpanData span = otel.awaitSpans(s -> s.getName().equals("chat gpt-4o-mini"), 1).get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attr(span, ERROR_TYPE)).isEqualTo("500");
  }

  @Test
  void theDecoratorRecordsTimeToFirstChunkOnTheSpanAndInTheHistogram() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    server.enqueue(Reply.streaming("Hel", "lo").pauseAfterFirstChunk(gate));
    StreamingChatModel model = lc.wrap(model().build());
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    RecordingStreamingHandler handler = new RecordingStreamingHandler(done) {
      @Override
      public void onPartialResponse(String partial) {
        super.onPartialResponse(partial);
        gate.countDown(); // release the rest of the stream only once the first chunk has been handled
      }
    };

    model.chat("Hi", handler);
    assertThat(await(done).aiMessage().text()).isEqualTo("Hello");

    assertThat(handler.partials).containsExactly("Hel", "lo");
    SpanData span = otel.awaitSpans(s -> s.getName().equals("chat gpt-4o-mini"), 1).get(0);
    double ttft = attr(span, GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);
    double duration = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9;
    assertThat(ttft).isPositive().isLessThanOrEqualTo(duration);
    assertThat(attr(span, GEN_AI_REQUEST_STREAM)).isTrue();
    HistogramPointData point = ChatOtel.points(otel.metric("gen_ai.client.operation.time_to_first_chunk")).get(0);
    assertThat(point.getCount()).isEqualTo(1);
    assertThat(point.getAttributes().get(GEN_AI_REQUEST_MODEL)).isEqualTo("gpt-4o-mini");
  }

  @Test
  void theDecoratedStreamingModelSendsTheChatSpanAsTraceparent() throws Exception {
    server.enqueue(Reply.streaming("ok"));
    StreamingChatModel model = lc.wrap(model().customHeaders(lc.traceHeaders()).build());
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();

    model.chat("Hi", new RecordingStreamingHandler(done));
    await(done);

    SpanData span = otel.awaitSpans(s -> s.getName().equals("chat gpt-4o-mini"), 1).get(0);
    assertThat(server.onlyRequest().header("traceparent"))
        .isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
            + span.getSpanContext().getTraceFlags().asHex());
    assertThat(Context.current()).isSameAs(Context.root());
  }
}
