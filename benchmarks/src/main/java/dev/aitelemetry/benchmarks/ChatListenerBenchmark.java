package dev.aitelemetry.benchmarks;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.cost.PricingTable;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7 §1: {@code onRequest} + {@code onResponse} of the library's chat-model listener against (a) the bare-SDK
 * floor and (b) the Instrumenter-API build, all driven exactly as LangChain4j drives listeners (a fresh
 * attributes map and two contexts per call), on one recording SDK. {@code harness} is the cost of those LangChain4j
 * objects alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class ChatListenerBenchmark {
  private Fixtures.Sdk sdk;
  private ChatModelListener aitelemetry;
  private ChatModelListener bareSdk;
  private ChatModelListener instrumenter;
  private final ChatRequest request = Fixtures.chatRequest();
  private final ChatResponse response = Fixtures.chatResponse();

  @Setup
  public void setUp() {
    sdk = Fixtures.sdk();
    PricingTable pricing = PricingTable.defaults();
    AiTelemetry telemetry = AiTelemetry.builder(sdk.openTelemetry()).pricing(pricing).build();
    aitelemetry = LangChain4jTelemetry.builder(telemetry)
        .server(Fixtures.SERVER_ADDRESS, Fixtures.SERVER_PORT).build().chatModelListener();
    bareSdk = new BareSdkChatListener(sdk.openTelemetry(), pricing);
    instrumenter = new InstrumenterChatListener(sdk.openTelemetry(), pricing);
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  /** One chat call as LangChain4j's {@code ChatModel.chat} reports it to a listener. */
  static Map<Object, Object> call(ChatModelListener listener, ChatRequest request, ChatResponse response) {
    Map<Object, Object> attributes = new ConcurrentHashMap<>();
    listener.onRequest(new ChatModelRequestContext(request, ModelProvider.OPEN_AI, attributes));
    listener.onResponse(new ChatModelResponseContext(response, request, ModelProvider.OPEN_AI, attributes));
    return attributes;
  }

  @Benchmark
  public Map<Object, Object> harness() {
    return call(NoListener.INSTANCE, request, response);
  }

  @Benchmark
  public Map<Object, Object> bareSdk() {
    return call(bareSdk, request, response);
  }

  @Benchmark
  public Map<Object, Object> instrumenterApi() {
    return call(instrumenter, request, response);
  }

  @Benchmark
  public Map<Object, Object> aitelemetry() {
    return call(aitelemetry, request, response);
  }

  /** A listener that does nothing: measures the LangChain4j objects every listener receives. */
  enum NoListener implements ChatModelListener {
    INSTANCE
  }
}
