// Job: trace every call on a LangChain4j ChatMemoryStore as a GenAI memory operation, delegating unchanged.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_CONVERSATION_ID;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.MemoryOperation;
import dev.aitelemetry.core.MemoryOperationType;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A decorator of {@link ChatMemoryStore}: {@code getMessages} is {@code search_memory} with the number of
 * messages returned, {@code updateMessages} is {@code update_memory} with the number of messages written, {@code
 * deleteMessages} is {@code delete_memory}. The memory id becomes {@code gen_ai.conversation.id} when it is a
 * string or a number (other ids have no stable text form and are left out; so is LangChain4j's {@code "default"}
 * placeholder for services without {@code @MemoryId}, as on the {@code invoke_agent} span). Message content is
 * never recorded.
 *
 * <p>Parent: the {@code invoke_agent} span of the AI-service invocation in flight on this memory, when exactly one
 * is (AI services do not make their span current, see {@code AgentInvocations}); otherwise the current context.
 */
final class TracedChatMemoryStore implements ChatMemoryStore {
  private final AiTelemetry telemetry;
  private final ChatMemoryStore delegate;
  private final String storeId;
  private final String dbSystemName;
  private final boolean inProcess;
  private final Function<Object, Context> parents;

  /** @param parents the parent context for a memory id, or null for the current context */
  TracedChatMemoryStore(
      AiTelemetry telemetry, ChatMemoryStore delegate, String storeId, Function<Object, Context> parents) {
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
    this.parents = Objects.requireNonNull(parents, "parents");
    this.delegate = Objects.requireNonNull(delegate, "store");
    this.storeId = storeId;
    this.dbSystemName = DbSystemNames.of(delegate);
    this.inProcess = DbSystemNames.isInProcess(delegate);
  }

  @Override
  public List<ChatMessage> getMessages(Object memoryId) {
    return TracedCall.run(telemetry, "ChatMemoryStore.getMessages",
        () -> operation(MemoryOperationType.SEARCH, memoryId).start(),
        () -> delegate.getMessages(memoryId),
        (op, messages) -> {
          if (messages != null) {
            op.setRecordCount(messages.size());
          }
        });
  }

  @Override
  public void updateMessages(Object memoryId, List<ChatMessage> messages) {
    TracedCall.run(telemetry, "ChatMemoryStore.updateMessages",
        () -> operation(MemoryOperationType.UPDATE, memoryId).recordCount(messages == null ? -1 : messages.size())
            .start(),
        () -> delegate.updateMessages(memoryId, messages));
  }

  @Override
  public void deleteMessages(Object memoryId) {
    TracedCall.run(telemetry, "ChatMemoryStore.deleteMessages",
        () -> operation(MemoryOperationType.DELETE, memoryId).start(), () -> delegate.deleteMessages(memoryId));
  }

  @Override
  public String toString() {
    return "TracedChatMemoryStore[" + storeId + ", " + delegate + "]";
  }

  private MemoryOperation.Builder operation(MemoryOperationType type, Object memoryId) {
    MemoryOperation.Builder b = telemetry.memoryOperation(type, storeId)
        .dbSystemName(dbSystemName)
        .attribute(GEN_AI_CONVERSATION_ID, conversationId(memoryId));
    Context parent = parents.apply(memoryId);
    if (parent != null) {
      b.parent(parent);
    }
    return inProcess ? b.inProcess() : b;
  }

  /**
   * The memory id as a conversation id when it is a string or a number; else null. LangChain4j's placeholder
   * {@code ChatMemoryService.DEFAULT} (the interned literal {@code "default"}, compared by identity as LangChain4j
   * does) is no conversation id: the conventions forbid made-up ids.
   */
  @SuppressWarnings("StringEquality")
  static String conversationId(Object memoryId) {
    if (memoryId == "default") {
      return null;
    }
    if (memoryId instanceof CharSequence || memoryId instanceof Number) {
      return memoryId.toString();
    }
    return null;
  }
}
