package dev.aitelemetry.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A streaming handler that completes a future with the final response (or error) and records partials. */
class RecordingStreamingHandler implements StreamingChatResponseHandler {
  final CompletableFuture<ChatResponse> done;
  final List<String> partials = new CopyOnWriteArrayList<>();
  volatile Thread completionThread;

  RecordingStreamingHandler(CompletableFuture<ChatResponse> done) {
    this.done = done;
  }

  @Override
  public void onPartialResponse(String partialResponse) {
    partials.add(partialResponse);
  }

  @Override
  public void onCompleteResponse(ChatResponse completeResponse) {
    completionThread = Thread.currentThread();
    done.complete(completeResponse);
  }

  @Override
  public void onError(Throwable error) {
    completionThread = Thread.currentThread();
    done.completeExceptionally(error);
  }
}
