// Job: specify the traced ChatMemoryStore under a real MessageWindowChatMemory used by an AI service over local HTTP.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORD_COUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_STORE_ID;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedChatMemoryUnderAiServiceTest {
  private static final Set<String> MEMORY_SPANS = Set.of("search_memory", "update_memory", "delete_memory");

  interface Assistant {
    String chat(@MemoryId String user, @UserMessage String message);
  }

  interface SingleUserAssistant {
    String chat(String message);
  }

  private final MemoryOtel otel = new MemoryOtel();
  private final OpenAiTestServer server = OpenAiTestServer.start();
  private final LangChain4jTelemetry lc = otel.lc(false);
  private final InMemoryChatMemoryStore plain = new InMemoryChatMemoryStore();
  private final ChatMemoryStore store = lc.wrap(plain, "conversations");

  @AfterEach
  void close() {
    server.close();
    otel.close();
  }

  private ChatModel model() {
    return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("sk-test").modelName("gpt-4o-mini")
        .maxRetries(0).listeners(List.of(lc.chatModelListener())).build();
  }

  private Assistant assistant() {
    return lc.instrument(AiServices.builder(Assistant.class)).chatModel(model())
        .chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(10).chatMemoryStore(store).build())
        .build();
  }

  private List<SpanData> memorySpans() {
    return otel.finishedSpans().stream().filter(s -> MEMORY_SPANS.contains(s.getName())).collect(Collectors.toList());
  }

  private SpanData invocation() {
    List<SpanData> agents = otel.finishedSpans().stream().filter(s -> s.getName().startsWith("invoke_agent"))
        .collect(Collectors.toList());
    assertThat(agents).hasSize(1);
    return agents.get(0);
  }

  @Test
  void memorySpansAreChildrenOfTheAiServiceInvocation() {
    server.enqueue(OpenAiTestServer.Reply.text("Hello Ada!"));

    assertThat(assistant().chat("ada", "Hi, I am Ada")).isEqualTo("Hello Ada!");

    SpanData agent = invocation();
    assertThat(memorySpans()).extracting(SpanData::getName).contains("search_memory", "update_memory");
    assertThat(memorySpans()).allSatisfy(memory -> assertThat(memory)
        .hasTraceId(agent.getTraceId()).hasParentSpanId(agent.getSpanId())
        .hasAttribute(GEN_AI_MEMORY_STORE_ID, "conversations")
        .hasAttribute(GEN_AI_CONVERSATION_ID, "ada"));
  }

  @Test
  void theMemoryWrittenAfterTheAnswerHoldsTheWholeExchange() {
    server.enqueue(OpenAiTestServer.Reply.text("Hello Ada!"));

    assistant().chat("ada", "Hi, I am Ada");

    List<SpanData> updates = memorySpans().stream().filter(s -> s.getName().equals("update_memory"))
        .collect(Collectors.toList());
    assertThat(updates.get(updates.size() - 1)).hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, 2L);
    assertThat(plain.getMessages("ada")).hasSize(2);
  }

  @Test
  void theSecondTurnReadsTheFirstTurnsMessagesUnderItsOwnInvocation() {
    Assistant assistant = assistant();
    server.enqueue(OpenAiTestServer.Reply.text("Hello Ada!"), OpenAiTestServer.Reply.text("You are Ada."));
    assistant.chat("ada", "Hi, I am Ada");
    otel.spans.reset();

    assistant.chat("ada", "Who am I?");

    SpanData agent = invocation();
    assertThat(memorySpans()).allSatisfy(m -> assertThat(m).hasParentSpanId(agent.getSpanId()));
    assertThat(memorySpans()).filteredOn(s -> s.getName().equals("search_memory"))
        .anySatisfy(s -> assertThat(s.getAttributes().get(GEN_AI_MEMORY_RECORD_COUNT)).isGreaterThanOrEqualTo(2L));
  }

  @Test
  void aServiceWithoutMemoryIdIsStillTheParentButGivesNoConversationId() {
    server.enqueue(OpenAiTestServer.Reply.text("Hi!"));
    SingleUserAssistant assistant = lc.instrument(AiServices.builder(SingleUserAssistant.class)).chatModel(model())
        .chatMemory(MessageWindowChatMemory.builder().maxMessages(10).chatMemoryStore(store).build()).build();

    assistant.chat("Hello");

    SpanData agent = invocation();
    assertThat(memorySpans()).isNotEmpty().allSatisfy(m -> {
      assertThat(m).hasParentSpanId(agent.getSpanId());
      assertThat(m.getAttributes().get(GEN_AI_CONVERSATION_ID)).isNull();
    });
  }
}
