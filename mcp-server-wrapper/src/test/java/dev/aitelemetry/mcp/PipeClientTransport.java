// An MCP client transport over in-JVM pipes, talking to the SDK's own StdioServerTransportProvider (api-facts §4.3).
package dev.aitelemetry.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The SDK 2.1.0 ships no in-memory transport; this is the client half of a real newline-delimited JSON-RPC stream,
 * the same framing stdio uses. {@code java.nio.channels.Pipe} streams, not {@code PipedInputStream}, which breaks
 * when Reactor writer threads come and go.
 */
final class PipeClientTransport implements McpClientTransport {
  private final McpJsonMapper mapper;
  private final InputStream fromServer;
  private final OutputStream toServer;
  private final Sinks.Many<McpSchema.JSONRPCMessage> inbound = Sinks.many().unicast().onBackpressureBuffer();
  private volatile boolean closing;

  PipeClientTransport(McpJsonMapper mapper, InputStream fromServer, OutputStream toServer) {
    this.mapper = mapper;
    this.fromServer = fromServer;
    this.toServer = toServer;
  }

  @Override
  public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
        String line;
        while (!closing && (line = r.readLine()) != null) {
          inbound.emitNext(McpSchema.deserializeJsonRpcMessage(mapper, line), Sinks.EmitFailureHandler.busyLooping(
              java.time.Duration.ofSeconds(1)));
        }
      } catch (IOException e) {
        if (!closing) {
          inbound.tryEmitError(e);
        }
      }
      inbound.tryEmitComplete();
    }, "mcp-pipe-client-reader");
    reader.setDaemon(true);
    reader.start();
    return inbound.asFlux().flatMap(m -> Mono.just(m).transform(handler)).then();
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(() -> {
      try {
        byte[] line = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (toServer) {
          toServer.write(line);
          toServer.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> {
      closing = true;
      try {
        toServer.close();
      } catch (IOException ignored) {
        // already closed
      }
      inbound.tryEmitComplete();
    });
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return mapper.convertValue(data, typeRef);
  }
}
