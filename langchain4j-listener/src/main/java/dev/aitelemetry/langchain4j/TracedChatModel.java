package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decorates a synchronous {@link ChatModel} that has the chat-model listener so that the listener knows the call is
 * synchronous (LangChain4j's request context does not say): the chat span is then current on the calling thread
 * from {@code onRequest} to {@code onResponse}/{@code onError}, i.e. during the HTTP request, so HTTP-client
 * instrumentation (e.g. the OpenTelemetry Java agent) nests its spans under the chat span.
 *
 * <p>How: every call passes a {@link Marker} in {@link ChatRequestOptions#listenerAttributes()}, which LangChain4j
 * copies into the attributes map its listeners see. Once the delegate's {@code chat} returns or throws, a call the
 * listener started but that got neither {@code onResponse} nor {@code onError} (an {@code Error} thrown inside
 * {@code doChat}) has its scope closed and its span ended with {@code error.type=_OTHER} at once.
 *
 * <p>Every method of {@link ChatModel} is forwarded to the same method of the delegate; the {@code chat}
 * convenience methods go through {@link #chat(ChatRequest, ChatRequestOptions)} as in LangChain4j.
 */
final class TracedChatModel implements ChatModel {
  /** The listener-attribute key of the marker. */
  static final Object MARKER_KEY = new Object() {
    @Override
    public String toString() {
      return "aitelemetry.sync-marker";
    }
  };

  private final ChatModel delegate;
  private final AiTelemetry telemetry;

  TracedChatModel(ChatModel delegate, AiTelemetry telemetry) {
    this.delegate = delegate;
    this.telemetry = telemetry;
  }

  ChatModel delegate() {
    return delegate;
  }

  @Override
  public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
    Marker marker = new Marker();
    ChatRequestOptions marked;
    try {
      Map<Object, Object> given = options == null ? null : options.listenerAttributes();
      Map<Object, Object> attributes;
      if (given == null || given.isEmpty()) {
        attributes = Map.of(MARKER_KEY, marker);
      } else {
        attributes = new HashMap<>(given);
        attributes.put(MARKER_KEY, marker);
      }
      marked = ChatRequestOptions.builder().listenerAttributes(attributes).build();
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("TracedChatModel", e);
      return delegate.chat(request, options);
    }
    try {
      return delegate.chat(request, marked);
    } finally {
      marker.afterCall(telemetry);
    }
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return chat(request, ChatRequestOptions.EMPTY);
  }

  @Override
  public String chat(String userMessage) {
    return chat(ChatRequest.builder().messages(UserMessage.from(userMessage)).build()).aiMessage().text();
  }

  @Override
  public ChatResponse chat(ChatMessage... messages) {
    return chat(ChatRequest.builder().messages(messages).build());
  }

  @Override
  public ChatResponse chat(List<ChatMessage> messages) {
    return chat(ChatRequest.builder().messages(messages).build());
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    return delegate.doChat(request);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  /** None of its own: the delegate's listeners run inside the delegate's {@code chat}. */
  @Override
  public List<ChatModelListener> listeners() {
    return List.of();
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return delegate.supportedCapabilities();
  }

  @Override
  public String toString() {
    return "TracedChatModel[" + delegate + "]";
  }

  /** Links one decorated call to the listener's state for it. */
  static final class Marker {
    private volatile ChatCall call;

    /** Called by the listener in {@code onRequest}; true for the first listener only, which opens the scope. */
    boolean attach(ChatCall chatCall) {
      if (call != null) {
        return false;
      }
      call = chatCall;
      return true;
    }

    void afterCall(AiTelemetry telemetry) {
      ChatCall c = call;
      if (c != null) {
        try {
          c.endIfStillOpen(telemetry);
        } catch (RuntimeException | LinkageError e) {
          telemetry.reportInternalError("TracedChatModel", e);
        }
      }
    }
  }
}
