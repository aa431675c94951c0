package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decorates a {@link StreamingChatModel} that has the chat-model listener, adding what the listener alone cannot
 * do for streaming calls:
 *
 * <ul>
 *   <li>time to first chunk: the first partial response, thinking or tool-call chunk records {@code
 *       gen_ai.response.time_to_first_chunk} and the {@code gen_ai.client.operation.time_to_first_chunk}
 *       histogram;
 *   <li>the chat span is current on the calling thread while the delegate sends the HTTP request (and only then),
 *       so the trace-header supplier propagates the chat span, not its parent.
 * </ul>
 *
 * <p>How: every call passes a {@link Marker} in {@link ChatRequestOptions#listenerAttributes()}; LangChain4j
 * copies it into the attributes map its listeners see, the listener attaches the call's state to it in {@code
 * onRequest}, and this decorator closes the scope in a {@code finally} on the same thread once the delegate's
 * {@code chat} returns (the stream then continues on the HTTP client's threads, without any scope).
 */
final class TracedStreamingChatModel implements StreamingChatModel {
  /** The listener-attribute key of the marker. */
  static final Object MARKER_KEY = new Object() {
    @Override
    public String toString() {
      return "aitelemetry.streaming-marker";
    }
  };

  private final StreamingChatModel delegate;
  private final AiTelemetry telemetry;

  TracedStreamingChatModel(StreamingChatModel delegate, AiTelemetry telemetry) {
    this.delegate = delegate;
    this.telemetry = telemetry;
  }

  @Override
  public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
    Marker marker = new Marker(telemetry);
    ChatRequestOptions marked;
    try {
      Map<Object, Object> attributes = new HashMap<>();
      if (options != null && options.listenerAttributes() != null) {
        attributes.putAll(options.listenerAttributes());
      }
      attributes.put(MARKER_KEY, marker);
      marked = ChatRequestOptions.builder().listenerAttributes(attributes).build();
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("TracedStreamingChatModel", e);
      delegate.chat(request, options, handler);
      return;
    }
    try {
      delegate.chat(request, marked, handler == null ? null : new FirstChunkHandler(handler, marker));
    } finally {
      marker.leaveScope();
    }
  }

  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    chat(request, ChatRequestOptions.EMPTY, handler);
  }

  @Override
  public void chat(String userMessage, StreamingChatResponseHandler handler) {
    chat(ChatRequest.builder().messages(UserMessage.from(userMessage)).build(), handler);
  }

  @Override
  public void chat(List<ChatMessage> messages, StreamingChatResponseHandler handler) {
    chat(ChatRequest.builder().messages(messages).build(), handler);
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    delegate.doChat(request, handler);
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

  /** Links one decorated call to the listener's state for it; thread-safe. */
  static final class Marker {
    private final AiTelemetry telemetry;
    private volatile ChatCall call;
    private volatile Scope scope;
    private volatile Thread scopeThread;

    Marker(AiTelemetry telemetry) {
      this.telemetry = telemetry;
    }

    /** Called by the listener in {@code onRequest}, on the calling thread, before the HTTP request is sent. */
    void attach(ChatCall chatCall) {
      if (call != null) {
        return;
      }
      call = chatCall;
      scopeThread = Thread.currentThread();
      scope = chatCall.call.makeCurrent();
    }

    void firstChunk() {
      ChatCall c = call;
      if (c != null) {
        c.call.recordFirstChunk();
      }
    }

    void leaveScope() {
      Scope s = scope;
      if (s != null && scopeThread == Thread.currentThread()) {
        scope = null;
        try {
          s.close();
        } catch (RuntimeException | LinkageError e) {
          telemetry.reportInternalError("TracedStreamingChatModel scope close", e);
        }
      }
    }
  }

  /** Passes everything to the user's handler; the first chunk of any kind marks the time to first chunk. */
  private static final class FirstChunkHandler implements StreamingChatResponseHandler {
    private final StreamingChatResponseHandler delegate;
    private final Marker marker;
    private volatile boolean seen;

    FirstChunkHandler(StreamingChatResponseHandler delegate, Marker marker) {
      this.delegate = delegate;
      this.marker = marker;
    }

    private void chunk() {
      if (!seen) {
        seen = true;
        try {
          marker.firstChunk();
        } catch (RuntimeException | LinkageError e) {
          marker.telemetry.reportInternalError("time to first chunk", e);
        }
      }
    }

    @Override
    public void onPartialResponse(String partialResponse) {
      chunk();
      delegate.onPartialResponse(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
      chunk();
      delegate.onPartialResponse(partialResponse, context);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
      chunk();
      delegate.onPartialThinking(partialThinking);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
      chunk();
      delegate.onPartialThinking(partialThinking, context);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
      chunk();
      delegate.onPartialToolCall(partialToolCall);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
      chunk();
      delegate.onPartialToolCall(partialToolCall, context);
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
      chunk();
      delegate.onCompleteToolCall(completeToolCall);
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
      delegate.onUnmappedRawEvent(rawEvent);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
      delegate.onCompleteResponse(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
      delegate.onError(error);
    }
  }
}
