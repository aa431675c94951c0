package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.GenAiAttributes;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AI-service invocations in flight, by LangChain4j invocation id, and the hand-off that lets the chat-model
 * listener find the invocation a chat call belongs to.
 *
 * <h2>Why a hand-off, and why it is safe</h2>
 *
 * <p>The chat-model listener's context does not carry LangChain4j's {@code InvocationContext}, and AI services do
 * not pass per-call listener attributes ({@code ChatRequestOptions}). But LangChain4j fires {@code
 * AiServiceRequestIssuedEvent} on the thread that, immediately afterwards, calls {@code ChatModel.chat} /
 * {@code StreamingChatModel.chat} with that request ({@code AbstractChatExecutor.execute}, {@code
 * ToolService.executeInferenceAndToolsLoop}, {@code AiServiceTokenStream.start}, {@code
 * AiServiceStreamingResponseHandler}), and that model runs {@code onRequest} on the same thread before any I/O.
 * So the request-issued listener leaves the invocation in a one-slot thread-local, and {@code onRequest} takes it
 * out at once. The slot holds one call's hand-off for microseconds, not call state: it is emptied by {@code
 * onRequest}, by the response-received/completed/error events, and it is only honoured when the request's
 * messages equal the ones announced and the invocation has not ended. The alternative, making {@code
 * invoke_agent} current for the whole invocation, would leave a scope open forever for streaming services
 * ({@code DefaultAiServices} returns the {@code TokenStream} before anything ends on the calling thread).
 */
final class AgentInvocations {
  static final AttributeKey<String> AGENT_NAME = GenAiAttributes.GEN_AI_AGENT_NAME;

  private final AiTelemetry telemetry;
  private final Tracer tracer;
  private final Map<UUID, AgentInvocation> inFlight = new ConcurrentHashMap<>();
  /** The chat memory id of each invocation in flight, for {@link #memoryParent} (issue #4). */
  private final Map<UUID, Object> memoryIds = new ConcurrentHashMap<>();
  private final ThreadLocal<Handoff> handoff = new ThreadLocal<>();

  private record Handoff(AgentInvocation agent, List<ChatMessage> messages) {}

  AgentInvocations(AiTelemetry telemetry) {
    this.telemetry = telemetry;
    this.tracer = telemetry.tracer();
  }

  /** Starts {@code invoke_agent {AiServiceInterface}} as a child of the caller's current context. */
  void started(InvocationContext invocation) {
    UUID id = invocation.invocationId();
    if (id == null || inFlight.containsKey(id)) {
      return;
    }
    String name = agentName(invocation);
    String conversationId = conversationId(invocation.chatMemoryId());
    Context parent = Context.current();
    var builder = tracer.spanBuilder(name == null ? "invoke_agent" : "invoke_agent " + name)
        .setSpanKind(SpanKind.INTERNAL)
        .setParent(parent)
        .setAttribute(GenAiAttributes.GEN_AI_OPERATION_NAME, GenAiAttributes.Operations.INVOKE_AGENT);
    if (invocation.modelProvider() != null) {
      builder.setAttribute(GenAiAttributes.GEN_AI_PROVIDER_NAME, ProviderNames.of(invocation.modelProvider()));
    }
    ChatRequestParameters defaults = invocation.defaultRequestParameters();
    if (defaults != null && defaults.modelName() != null) {
      builder.setAttribute(GenAiAttributes.GEN_AI_REQUEST_MODEL, defaults.modelName());
    }
    if (name != null) {
      builder.setAttribute(AGENT_NAME, name);
    }
    if (conversationId != null) {
      builder.setAttribute(GenAiAttributes.GEN_AI_CONVERSATION_ID, conversationId);
    }
    inFlight.put(id, new AgentInvocation(builder.startSpan(), parent, conversationId));
    if (invocation.chatMemoryId() != null) {
      memoryIds.put(id, invocation.chatMemoryId());
    }
  }

  /**
   * The context of the one invocation in flight that uses chat memory {@code memoryId}, for the memory spans of a
   * wrapped {@code ChatMemoryStore} (issue #4); null when there is none, or several (concurrent invocations on
   * one memory), where no parent can be told apart and the caller's current context is used instead.
   */
  Context memoryParent(Object memoryId) {
    if (memoryId == null || memoryIds.isEmpty()) {
      return null;
    }
    AgentInvocation found = null;
    for (Map.Entry<UUID, Object> e : memoryIds.entrySet()) {
      if (memoryId.equals(e.getValue())) {
        AgentInvocation agent = inFlight.get(e.getKey());
        if (agent != null && !agent.isEnded()) {
          if (found != null) {
            return null;
          }
          found = agent;
        }
      }
    }
    return found == null ? null : found.context;
  }

  void requestIssued(InvocationContext invocation, ChatRequest request) {
    AgentInvocation agent = find(invocation);
    if (agent != null && request != null) {
      handoff.set(new Handoff(agent, request.messages()));
    }
  }

  /** The invocation announced on this thread for exactly this request, if any; empties the slot. */
  AgentInvocation takeHandoff(ChatRequest request) {
    Handoff h = handoff.get();
    if (h == null) {
      return null;
    }
    handoff.remove();
    if (h.agent().isEnded() || request == null || !Objects.equals(h.messages(), request.messages())) {
      return null;
    }
    return h.agent();
  }

  void responseReceived(InvocationContext invocation) {
    handoff.remove();
    AgentInvocation agent = find(invocation);
    if (agent != null) {
      agent.responseReceivedOnThisThread();
    }
  }

  void ended(InvocationContext invocation, Throwable error) {
    handoff.remove();
    UUID id = invocation == null ? null : invocation.invocationId();
    AgentInvocation agent = id == null ? null : inFlight.remove(id);
    if (id != null) {
      memoryIds.remove(id);
    }
    if (agent != null) {
      agent.end(error, telemetry);
    }
  }

  AgentInvocation find(InvocationContext invocation) {
    UUID id = invocation == null ? null : invocation.invocationId();
    return id == null ? null : inFlight.get(id);
  }

  int inFlightCount() {
    return inFlight.size();
  }

  private static String agentName(InvocationContext invocation) {
    String type = invocation.interfaceName();
    if (type == null || type.isEmpty()) {
      return null;
    }
    // The AI-service interface's simple name (nested interfaces keep their outer name after '$').
    String simple = type.substring(type.lastIndexOf('.') + 1);
    return simple.substring(simple.lastIndexOf('$') + 1);
  }

  /**
   * The memory id as {@code gen_ai.conversation.id}; none when the method has no {@code @MemoryId}, where
   * LangChain4j uses the sentinel {@code ChatMemoryService.DEFAULT} (the interned literal {@code "default"},
   * compared by identity as LangChain4j itself does), because the conventions forbid made-up fallback ids.
   */
  @SuppressWarnings("StringEquality")
  private static String conversationId(Object memoryId) {
    if (memoryId == null || memoryId == "default") {
      return null;
    }
    return memoryId.toString();
  }
}
