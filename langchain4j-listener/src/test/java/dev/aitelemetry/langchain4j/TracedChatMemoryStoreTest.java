// Job: specify the traced ChatMemoryStore called directly: operations, counts, conversation id, kind, errors.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.DB_SYSTEM_NAME;
import static dev.aitelemetry.core.GenAiAttributes.ERROR_TYPE;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_CONVERSATION_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORD_COUNT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_STORE_ID;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_OPERATION_NAME;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedChatMemoryStoreTest {
  private static final List<ChatMessage> TWO = List.of(UserMessage.from("hi"), AiMessage.from("hello"));

  private final MemoryOtel otel = new MemoryOtel();
  private final InMemoryChatMemoryStore plain = new InMemoryChatMemoryStore();
  private final ChatMemoryStore store = otel.lc(false).wrap(plain, "conversations");

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void getMessagesIsAnInternalSearchMemoryCountingTheMessagesReturned() {
    plain.updateMessages("user-42", TWO);

    assertThat(store.getMessages("user-42")).isEqualTo(TWO);

    assertThat(otel.onlySpan()).hasName("search_memory").hasKind(SpanKind.INTERNAL)
        .hasAttribute(GEN_AI_OPERATION_NAME, "search_memory")
        .hasAttribute(GEN_AI_MEMORY_STORE_ID, "conversations")
        .hasAttribute(GEN_AI_CONVERSATION_ID, "user-42")
        .hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, 2L);
  }

  @Test
  void updateMessagesIsUpdateMemoryCountingTheMessagesWritten() {
    store.updateMessages("user-42", TWO);

    assertThat(plain.getMessages("user-42")).isEqualTo(TWO);
    assertThat(otel.onlySpan()).hasName("update_memory")
        .hasAttribute(GEN_AI_CONVERSATION_ID, "user-42").hasAttribute(GEN_AI_MEMORY_RECORD_COUNT, 2L);
  }

  @Test
  void deleteMessagesIsDeleteMemory() {
    plain.updateMessages("user-42", TWO);

    store.deleteMessages("user-42");

    assertThat(plain.getMessages("user-42")).isEmpty();
    assertThat(otel.onlySpan()).hasName("delete_memory").hasAttribute(GEN_AI_CONVERSATION_ID, "user-42");
  }

  @Test
  void aNumericMemoryIdIsTheConversationId() {
    store.getMessages(42L);

    assertThat(otel.onlySpan()).hasAttribute(GEN_AI_CONVERSATION_ID, "42");
  }

  @Test
  void aMemoryIdThatIsNeitherStringNorNumberIsNotRecorded() {
    store.getMessages(new Object());

    assertThat(otel.onlySpan().getAttributes().get(GEN_AI_CONVERSATION_ID)).isNull();
  }

  /** Named like the Redis module's store; keeps messages in a map. */
  static class RedisChatMemoryStore implements ChatMemoryStore {
    private final Map<Object, List<ChatMessage>> messages = new HashMap<>();

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
      return messages.getOrDefault(memoryId, List.of());
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> list) {
      messages.put(memoryId, list);
    }

    @Override
    public void deleteMessages(Object memoryId) {
      messages.remove(memoryId);
    }
  }

  @Test
  void aStoreBackedByAKnownDatabaseGivesClientSpansWithItsDbSystemName() {
    otel.lc(false).wrap(new RedisChatMemoryStore(), "conversations").getMessages("c");

    assertThat(otel.onlySpan()).hasKind(SpanKind.CLIENT).hasAttribute(DB_SYSTEM_NAME, "redis");
  }

  @Test
  void aFailingStoreThrowsTheSameExceptionAndTheSpanIsError() {
    IllegalStateException failure = new IllegalStateException("redis down");
    ChatMemoryStore failing = otel.lc(false).wrap(new RedisChatMemoryStore() {
      @Override
      public void updateMessages(Object memoryId, List<ChatMessage> list) {
        throw failure;
      }
    }, "conversations");

    assertThat(catchThrowable(() -> failing.updateMessages("c", TWO))).isSameAs(failure);
    assertThat(otel.onlySpan()).hasName("update_memory").hasStatusSatisfying(s -> s.hasCode(StatusCode.ERROR))
        .hasAttribute(ERROR_TYPE, IllegalStateException.class.getName());
  }
}
