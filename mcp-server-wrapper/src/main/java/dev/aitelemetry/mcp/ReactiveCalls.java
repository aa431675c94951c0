// Ties a TracedCall's end to the terminal signal of a Mono<CallToolResult>.
package dev.aitelemetry.mcp;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import reactor.core.publisher.Mono;

/** Shared by the async server handler and the async client wrapper. */
final class ReactiveCalls {
  private ReactiveCalls() {}

  /**
   * {@code mono} whose success (value or empty), error or cancellation ends {@code call}. Whichever signal comes
   * first wins; core ignores a second end. A null Mono is returned as is: {@code Mono.defer} then signals its own
   * NullPointerException, as the SDK would have, and the call is recorded as failed by it.
   */
  static Mono<CallToolResult> observe(Mono<CallToolResult> mono, TracedCall call) {
    if (mono == null) {
      call.fail(new NullPointerException("the tool handler returned a null Mono"));
      return null;
    }
    return mono.doOnSuccess(call::succeed).doOnError(call::fail).doOnCancel(call::cancel);
  }
}
