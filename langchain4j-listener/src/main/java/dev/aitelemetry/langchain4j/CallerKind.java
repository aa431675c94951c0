package dev.aitelemetry.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;

/**
 * Tells, in {@code onRequest}, whether the listener was called by a synchronous {@link ChatModel} or a
 * {@link StreamingChatModel}: the request context does not say, and only a synchronous call may have its span
 * made current (a streaming call ends on an HTTP-client thread, where the caller's scope cannot be closed).
 *
 * <p>It walks at most a few dozen frames up to the first frame of a class implementing either interface
 * ({@code ChatModel.chat} / {@code StreamingChatModel.chat} are default methods that call the listeners). That
 * costs microseconds, against the milliseconds of a model call.
 */
enum CallerKind {
  SYNC,
  STREAMING,
  UNKNOWN;

  private static final int MAX_FRAMES = 32;
  private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  static CallerKind detect() {
    return WALKER.walk(frames -> frames.limit(MAX_FRAMES)
        .map(frame -> of(frame.getDeclaringClass()))
        .filter(kind -> kind != UNKNOWN)
        .findFirst()
        .orElse(UNKNOWN));
  }

  private static CallerKind of(Class<?> type) {
    if (StreamingChatModel.class.isAssignableFrom(type)) {
      return STREAMING;
    }
    return ChatModel.class.isAssignableFrom(type) ? SYNC : UNKNOWN;
  }
}
