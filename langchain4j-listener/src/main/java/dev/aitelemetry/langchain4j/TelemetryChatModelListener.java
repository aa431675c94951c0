package dev.aitelemetry.langchain4j;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.LlmCall;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.opentelemetry.context.Context;
import java.lang.ref.Reference;
import java.util.List;
import java.util.Map;

/**
 * Maps LangChain4j chat-model listener callbacks to core {@link LlmCall}s: one CLIENT span {@code chat {model}}
 * per call, started in {@code onRequest} with the sampling-relevant attributes, ended exactly once in {@code
 * onResponse} or {@code onError}, whichever thread they run on.
 *
 * <p>Every callback catches everything it could throw: LangChain4j logs listener exceptions, but a {@code
 * LinkageError} would escape, and telemetry must never change the host call.
 */
final class TelemetryChatModelListener implements ChatModelListener {
  /** This listener's key in the per-call attributes map: private, so other listeners cannot collide with it. */
  private final Object key = new Object();
  private final AiTelemetry telemetry;
  private final String serverAddress;
  private final Integer serverPort;
  private final AgentInvocations agents;

  TelemetryChatModelListener(
      AiTelemetry telemetry, String serverAddress, Integer serverPort, AgentInvocations agents) {
    this.telemetry = telemetry;
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
    this.agents = agents;
  }

  @Override
  public void onRequest(ChatModelRequestContext context) {
    try {
      if (telemetry.isNoop()) {
        agents.takeHandoff(context.chatRequest()); // keep the hand-off slot empty, as a traced call would
        return; // OpenTelemetry.noop(): nothing recorded could be seen; the span would be the parent's own
      }
      Map<Object, Object> attributes = context.attributes();
      if (attributes.containsKey(key)) {
        return; // the same listener registered twice on one model: one span is enough
      }
      ChatRequest request = context.chatRequest();
      // The request context does not tell a synchronous from a streaming caller: only our decorators' markers do.
      Object marker = attributes.isEmpty() ? null : attributes.get(TracedChatModel.MARKER_KEY);
      TracedChatModel.Marker syncMarker =
          marker instanceof TracedChatModel.Marker ? (TracedChatModel.Marker) marker : null;
      TracedStreamingChatModel.Marker streamMarker = null;
      if (syncMarker == null && !attributes.isEmpty()) {
        marker = attributes.get(TracedStreamingChatModel.MARKER_KEY);
        streamMarker =
            marker instanceof TracedStreamingChatModel.Marker ? (TracedStreamingChatModel.Marker) marker : null;
      }

      AgentInvocation agent = agents.takeHandoff(request);
      LlmCall.Builder b = telemetry.llmCall(ProviderNames.of(context.modelProvider()), request.modelName())
          .parent(agent != null ? agent.context : Context.current());
      if (serverAddress != null) {
        b.server(serverAddress, serverPort);
      }
      RequestParameters.apply(request, b);
      if (streamMarker != null) {
        b.streaming(true); // otherwise set at the end if the call ends on another thread (only streaming does)
      }
      if (agent != null && agent.conversationId != null) {
        b.conversationId(agent.conversationId);
      }
      if (telemetry.capturesContent()) {
        b.systemInstructions(MessagesJson.systemInstructions(request.messages()))
            .inputMessages(MessagesJson.inputMessages(request.messages()))
            .toolDefinitions(MessagesJson.toolDefinitions(request.toolSpecifications()));
      }
      ChatCall call = new ChatCall(b.start(), streamMarker != null, request);
      attributes.put(key, call);
      if (syncMarker != null && syncMarker.attach(call)) {
        // TracedChatModel ends the call itself if its chat returns without onResponse/onError: no Cleaner needed
        call.enterScope(); // onResponse/onError run on this same thread and close it
      } else {
        call.endIfAbandoned(attributes, telemetry); // no onResponse/onError ever (an Error in doChat): end it on GC
        if (streamMarker != null) {
          streamMarker.attach(call); // the decorator makes it current until doChat returns, on this thread
        }
      }
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("ChatModelListener.onRequest", e);
    }
  }

  @Override
  public void onResponse(ChatModelResponseContext context) {
    if (telemetry.isNoop()) {
      return; // onRequest stored nothing
    }
    ChatCall call = take(context, "onResponse");
    if (call == null) {
      return;
    }
    try {
      ChatResponse response = context.chatResponse();
      if (response != null) {
        LlmCall llm = call.call;
        if (response.metadata() != null) {
          llm.setResponseId(response.id());
          llm.setResponseModel(response.modelName());
          llm.setUsage(TokenUsageReader.read(response.tokenUsage()));
        }
        String finish = FinishReasons.of(response.finishReason());
        if (finish != null) {
          llm.setFinishReasons(List.of(finish));
        }
        if (telemetry.capturesContent()) {
          llm.setOutputMessages(MessagesJson.outputMessages(response.aiMessage(), finish));
        }
      }
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("ChatModelListener.onResponse", e);
    } finally {
      finish(call);
      // The attributes map (held by the context) is what the abandoned-call Cleaner watches: once the JIT sees
      // no further use of it, a GC may collect it while the call is still ending and race the Cleaner against
      // finish(). Keep it reachable until finish() has unregistered the Cleaner.
      Reference.reachabilityFence(context);
    }
  }

  @Override
  public void onError(ChatModelErrorContext context) {
    if (telemetry.isNoop()) {
      return;
    }
    ChatCall call = take(context, "onError");
    if (call == null) {
      return;
    }
    try {
      Throwable error = context.error();
      if (error != null) {
        call.call.recordException(error, ErrorTypes.of(error));
      } else {
        call.call.setError(null, "LangChain4j reported an error without an exception");
      }
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("ChatModelListener.onError", e);
    } finally {
      finish(call);
      // The attributes map (held by the context) is what the abandoned-call Cleaner watches: once the JIT sees
      // no further use of it, a GC may collect it while the call is still ending and race the Cleaner against
      // finish(). Keep it reachable until finish() has unregistered the Cleaner.
      Reference.reachabilityFence(context);
    }
  }

  /** Removes this call's state from the context's attributes (ChatModelResponseContext or ErrorContext). */
  private ChatCall take(Object context, String where) {
    try {
      Map<Object, Object> attributes = context instanceof ChatModelResponseContext
          ? ((ChatModelResponseContext) context).attributes()
          : context instanceof ChatModelErrorContext ? ((ChatModelErrorContext) context).attributes() : null;
      Object state = attributes == null ? null : attributes.remove(key);
      if (state instanceof ChatCall) {
        return (ChatCall) state;
      }
      ChatCall open = ChatCall.takeStartedOnThisThread(context instanceof ChatModelResponseContext
          ? ((ChatModelResponseContext) context).chatRequest()
          : context instanceof ChatModelErrorContext ? ((ChatModelErrorContext) context).chatRequest() : null);
      telemetry.reportInternalError("ChatModelListener." + where, new IllegalStateException(open != null
          ? "another listener removed this call's state from the attributes map; the call was found on its thread"
          : "no chat span for this call: onRequest did not run, failed, or another listener removed its state"));
      return open;
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("ChatModelListener." + where, e);
    }
    return null;
  }

  private void finish(ChatCall call) {
    try {
      call.finish(telemetry);
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("ChatModelListener end", e);
    }
  }
}
