// One traced tools/call (server or client side): records its outcome and ends its span exactly once.
package dev.aitelemetry.mcp;

import dev.aitelemetry.core.AiTelemetry;
import dev.aitelemetry.core.GenAiAttributes;
import dev.aitelemetry.core.ToolInvocation;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Set;

/**
 * The instrumentation's handle on one call. Three flavours:
 *
 * <ul>
 *   <li><b>owned</b>: we started the span (SERVER or CLIENT) and end it;
 *   <li><b>borrowed</b>: an in-process {@code execute_tool} span for the same tool was already current, so we only
 *       enriched it; its owner ends it and records exceptions (it sees the same exception we rethrow), we only
 *       flag an {@code isError} result, which the owner cannot see;
 *   <li><b>noop</b>: starting failed (reported); the call runs untraced.
 * </ul>
 *
 * <p>No method throws: every failure is reported through {@link AiTelemetry#reportInternalError}.
 */
final class TracedCall {
  /** {@code error.type} of a call whose subscription was disposed before it produced a result. */
  static final String CANCELLED = "cancelled";

  /**
   * JSON-RPC codes that report the caller's mistake (parse error, invalid request, unknown method, invalid params,
   * resource not found): the MCP conventions say a server SHOULD NOT count them as its own errors.
   */
  private static final Set<Integer> CALLER_ERROR_CODES = Set.of(-32700, -32600, -32601, -32602, -32002);

  private final AiTelemetry telemetry;
  private final ToolInvocation invocation;
  private final boolean owned;
  private final boolean server;
  /** For a borrowed span: the span-less execution that records this layer's MCP metrics; else null. */
  private final ToolInvocation metricsOnly;

  private TracedCall(AiTelemetry telemetry, ToolInvocation invocation, boolean owned, boolean server,
      ToolInvocation metricsOnly) {
    this.telemetry = telemetry;
    this.invocation = invocation;
    this.owned = owned;
    this.server = server;
    this.metricsOnly = metricsOnly;
  }

  static TracedCall owned(AiTelemetry telemetry, ToolInvocation invocation) {
    return new TracedCall(telemetry, invocation, true, false, null);
  }

  static TracedCall ownedServer(AiTelemetry telemetry, ToolInvocation invocation) {
    return new TracedCall(telemetry, invocation, true, true, null);
  }

  static TracedCall borrowed(AiTelemetry telemetry, ToolInvocation invocation, ToolInvocation metricsOnly,
      boolean server) {
    return new TracedCall(telemetry, invocation, false, server, metricsOnly);
  }

  static TracedCall noop(AiTelemetry telemetry) {
    return new TracedCall(telemetry, null, false, false, null);
  }

  /** The context to run the tool in and to propagate: the span's (ours or borrowed), else the current one. */
  Context context() {
    return invocation != null ? invocation.context() : Context.current();
  }

  /**
   * Makes the span current on this thread. Harmless for a borrowed span (usually current already) and needed when
   * an async client call is subscribed on another thread than the one that owns the borrowed span.
   */
  Scope makeCurrent() {
    return invocation != null ? invocation.makeCurrent() : Scope.noop();
  }

  /** The call returned {@code result} (null for an empty Mono). */
  void succeed(CallToolResult result) {
    if (invocation == null) {
      return;
    }
    try {
      if (result != null && Boolean.TRUE.equals(result.isError())) {
        invocation.markToolError(null);
        if (metricsOnly != null) {
          metricsOnly.markToolError(null);
        }
      }
      if (owned && result != null && telemetry.capturesContent()) {
        invocation.setResult(ToolResultContent.result(result));
      }
    } catch (Exception | LinkageError | StackOverflowError e) {
      telemetry.reportInternalError("McpTelemetry result", e);
    } finally {
      endIfOwned();
    }
  }

  /** The call failed with {@code error}, which the caller rethrows (or signals) unchanged. */
  void fail(Throwable error) {
    if (!owned) {
      if (metricsOnly != null && !isCallersMistake(error)) {
        metricsOnly.setError(errorType(error), null); // the owner records the exception on its span
      }
      endMetricsOnly();
      return;
    }
    try {
      Integer code = jsonRpcCode(error);
      if (code != null) {
        invocation.setAttribute(GenAiAttributes.RPC_RESPONSE_STATUS_CODE, String.valueOf(code));
      }
      if (isCallersMistake(error)) {
        return; // the caller's mistake, answered correctly: not a server failure (finally still ends the span)
      }
      invocation.recordException(error, errorType(error));
    } catch (RuntimeException | LinkageError e) {
      telemetry.reportInternalError("McpTelemetry failure", e);
    } finally {
      endIfOwned();
    }
  }

  /** The subscription was disposed before a result: the caller got no answer, so this counts as a failure. */
  void cancel() {
    if (!owned) {
      if (metricsOnly != null) {
        metricsOnly.setError(CANCELLED, null);
      }
      endMetricsOnly();
      return;
    }
    try {
      invocation.setError(CANCELLED, "cancelled before the tool produced a result");
    } finally {
      endIfOwned();
    }
  }

  /**
   * A JSON-RPC error carries a code, which the MCP conventions use as {@code error.type}; any other exception is
   * named by its class (low cardinality, never the message).
   */
  static String errorType(Throwable error) {
    Integer code = jsonRpcCode(error);
    if (code != null) {
      return String.valueOf(code);
    }
    return error == null ? null : error.getClass().getName();
  }

  private static Integer jsonRpcCode(Throwable error) {
    if (error instanceof McpError) {
      McpError mcp = (McpError) error;
      if (mcp.getJsonRpcError() != null) {
        return mcp.getJsonRpcError().code();
      }
    }
    return null;
  }

  private void endIfOwned() {
    if (owned) {
      invocation.end(); // core ends once whichever thread calls first; later calls do nothing
    } else {
      endMetricsOnly();
    }
  }

  private void endMetricsOnly() {
    if (metricsOnly != null) {
      metricsOnly.end();
    }
  }

  private boolean isCallersMistake(Throwable error) {
    Integer code = jsonRpcCode(error);
    return server && code != null && CALLER_ERROR_CODES.contains(code);
  }
}
