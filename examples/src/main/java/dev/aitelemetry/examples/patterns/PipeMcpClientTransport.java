// The client half of an in-JVM MCP connection: newline-delimited JSON-RPC over java.nio pipes.
package dev.aitelemetry.examples.patterns;

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
 * Speaks the framing of the SDK's stdio transport, so that the SDK's own {@code StdioServerTransportProvider} can
 * sit on the other ends of the pipes: the MCP Java SDK 2.1.0 ships no in-memory transport, and a subprocess would
 * make a five-line example need a second JVM.
 */
final class PipeMcpClientTransport implements McpClientTransport {
  private final McpJsonMapper mapper;
  private final InputStream fromServer;
  private final OutputStream toServer;
  private final Sinks.Many<McpSchema.JSONRPCMessage> inbound = Sinks.many().unicast().onBackpressureBuffer();
  private volatile boolean closing;

  PipeMcpClientTransport(McpJsonMapper mapper, InputStream fromServer, OutputStream toServer) {
    this.mapper = mapper;
    this.fromServer = fromServer;
    this.toServer = toServer;
  }

  @Override
  public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    // A daemon thread, so that a caller who forgets to close the client does not keep the JVM alive.
    Thread reader = new Thread(this::readLoop, "mcp-pipe-client-reader");
    reader.setDaemon(true);
    reader.start();
    return inbound.asFlux().flatMap(message -> Mono.just(message).transform(handler)).then();
  }

  private void readLoop() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
      String line;
      while (!closing && (line = lines.readLine()) != null) {
        inbound.tryEmitNext(McpSchema.deserializeJsonRpcMessage(mapper, line));
      }
    } catch (IOException e) {
      if (!closing) {
        inbound.tryEmitError(e);
      }
    }
    inbound.tryEmitComplete();
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(() -> {
      try {
        byte[] line = (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        // Requests may be sent from several threads; one message must reach the pipe as one line.
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
        // End of input is how a stdio server learns that its client has gone.
        toServer.close();
      } catch (IOException alreadyClosed) {
        // The server closed its end first; nothing left to release.
      }
      inbound.tryEmitComplete();
    });
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return mapper.convertValue(data, typeRef);
  }
}
