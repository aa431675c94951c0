package dev.aitelemetry.benchmarks;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.cost.PricingTable;
import dev.aitelemetry.langchain4j.LangChain4jTelemetry;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
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
 * The chat listener as production runs it: registered on a {@link ChatModel} whose {@code doChat} returns the
 * canned response at once (no HTTP), so LangChain4j's own {@code chat} dispatch (parameter merge, listener calls)
 * runs. {@code aitelemetry} is the listener alone (no scope: LangChain4j does not tell a listener the caller is
 * synchronous); {@code aitelemetryWrapped} is the same model behind {@code LangChain4jTelemetry.wrap(ChatModel)},
 * which makes the chat span current around {@code doChat}, which the baselines do not. {@code noListener} is the
 * model alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class ChatModelCallBenchmark {
  private Fixtures.Sdk sdk;
  private ChatModel noListener;
  private ChatModel bareSdk;
  private ChatModel instrumenter;
  private ChatModel aitelemetry;
  private ChatModel aitelemetryWrapped;
  private final ChatRequest request = Fixtures.chatRequest();

  @Setup
  public void setUp() {
    sdk = Fixtures.sdk();
    PricingTable pricing = PricingTable.defaults();
    AiTelemetry telemetry = AiTelemetry.builder(sdk.openTelemetry()).pricing(pricing).build();
    ChatResponse response = Fixtures.chatResponse();
    noListener = new StubModel(response, List.of());
    bareSdk = new StubModel(response, List.of(new BareSdkChatListener(sdk.openTelemetry(), pricing)));
    instrumenter = new StubModel(response, List.of(new InstrumenterChatListener(sdk.openTelemetry(), pricing)));
    LangChain4jTelemetry lc =
        LangChain4jTelemetry.builder(telemetry).server(Fixtures.SERVER_ADDRESS, Fixtures.SERVER_PORT).build();
    aitelemetry = new StubModel(response, List.of(lc.chatModelListener()));
    aitelemetryWrapped = lc.wrap(new StubModel(response, List.of(lc.chatModelListener())));
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  @Benchmark
  public ChatResponse noListener() {
    return noListener.chat(request);
  }

  @Benchmark
  public ChatResponse bareSdk() {
    return bareSdk.chat(request);
  }

  @Benchmark
  public ChatResponse instrumenterApi() {
    return instrumenter.chat(request);
  }

  @Benchmark
  public ChatResponse aitelemetry() {
    return aitelemetry.chat(request);
  }

  @Benchmark
  public ChatResponse aitelemetryWrapped() {
    return aitelemetryWrapped.chat(request);
  }

  /** A chat model that answers at once with a fixed response. */
  static final class StubModel implements ChatModel {
    private final ChatResponse response;
    private final List<ChatModelListener> listeners;

    StubModel(ChatResponse response, List<ChatModelListener> listeners) {
      this.response = response;
      this.listeners = listeners;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
      return response;
    }

    @Override
    public List<ChatModelListener> listeners() {
      return listeners;
    }

    @Override
    public ModelProvider provider() {
      return ModelProvider.OPEN_AI;
    }
  }
}
