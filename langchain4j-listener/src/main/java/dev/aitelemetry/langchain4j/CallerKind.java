package dev.aitelemetry.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

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
  /**
   * The model's {@code chat} frame is the sixth from {@link #detect()} in LangChain4j 1.19 (detect, onRequest,
   * the dispatch lambda, {@code forEach}, {@code ChatModelListenerUtils.onRequest}, {@code chat}): a first batch
   * of 8 frames finds it without a second native stack fetch.
   */
  private static final int FIRST_BATCH = 8;
  private static final StackWalker WALKER =
      StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), FIRST_BATCH);
  /** The kind of each class seen on a stack, computed once per class instead of two type checks per frame. */
  private static final ClassValue<CallerKind> KINDS = new ClassValue<>() {
    @Override
    protected CallerKind computeValue(Class<?> type) {
      return of(type);
    }
  };
  /** A plain loop instead of a map/filter/findFirst pipeline: no per-call lambdas, optionals or stages. */
  private static final Function<Stream<StackWalker.StackFrame>, CallerKind> FIRST_MODEL_FRAME = frames -> {
    Iterator<StackWalker.StackFrame> it = frames.iterator();
    for (int i = 0; i < MAX_FRAMES && it.hasNext(); i++) {
      CallerKind kind = KINDS.get(it.next().getDeclaringClass());
      if (kind != UNKNOWN) {
        return kind;
      }
    }
    return UNKNOWN;
  };

  static CallerKind detect() {
    return WALKER.walk(FIRST_MODEL_FRAME);
  }

  private static CallerKind of(Class<?> type) {
    if (StreamingChatModel.class.isAssignableFrom(type)) {
      return STREAMING;
    }
    return ChatModel.class.isAssignableFrom(type) ? SYNC : UNKNOWN;
  }
}
