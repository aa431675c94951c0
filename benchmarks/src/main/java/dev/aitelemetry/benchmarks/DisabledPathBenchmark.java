package dev.aitelemetry.benchmarks;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.cost.PricingTable;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7 §2: the same listener call with {@link OpenTelemetry#noop()}, against the bare-SDK listener calling
 * the no-op API directly, and against the LangChain4j objects alone ({@code harness}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class DisabledPathBenchmark {
  private ChatModelListener aitelemetry;
  private ChatModelListener noopApi;
  private final ChatRequest request = Fixtures.chatRequest();
  private final ChatResponse response = Fixtures.chatResponse();

  @Setup
  public void setUp() {
    PricingTable pricing = PricingTable.defaults();
    AiTelemetry telemetry = AiTelemetry.builder(OpenTelemetry.noop()).pricing(pricing).build();
    aitelemetry = LangChain4jTelemetry.builder(telemetry)
        .server(Fixtures.SERVER_ADDRESS, Fixtures.SERVER_PORT).build().chatModelListener();
    noopApi = new BareSdkChatListener(OpenTelemetry.noop(), pricing);
  }

  @Benchmark
  public Map<Object, Object> harness() {
    return ChatListenerBenchmark.call(ChatListenerBenchmark.NoListener.INSTANCE, request, response);
  }

  @Benchmark
  public Map<Object, Object> noopApi() {
    return ChatListenerBenchmark.call(noopApi, request, response);
  }

  @Benchmark
  public Map<Object, Object> aitelemetryNoop() {
    return ChatListenerBenchmark.call(aitelemetry, request, response);
  }
}
