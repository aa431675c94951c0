package dev.aitelemetry.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * An MCP server and an MCP client connected inside one JVM, for tests of instrumented tools and for demos: the
 * MCP Java SDK 2.1.0 ships no in-memory transport. The server half is the SDK's own {@link
 * StdioServerTransportProvider} over a pair of {@link Pipe}s; the client half speaks the same newline-delimited
 * JSON-RPC. Every message really is serialized, so {@code _meta} propagation is exercised as over stdio.
 *
 * <pre>{@code
 * McpPipe pipe = McpPipe.open();
 * McpSyncServer server = McpServer.sync(pipe.serverTransport())
 *     .capabilities(ServerCapabilities.builder().tools(true).build())
 *     .tools(mcpTelemetry.wrapAll(specs)).build();
 * McpSyncClient client = McpClient.sync(pipe.clientTransport()).build();
 * client.initialize();
 * }</pre>
 *
 * <p>Each transport is meant for one server and one client; close the client and the server when done.
 */
public final class McpPipe {
  private final McpJsonMapper mapper;
  private final Pipe clientToServer;
  private final Pipe serverToClient;

  private McpPipe(McpJsonMapper mapper) {
    this.mapper = mapper;
    try {
      this.clientToServer = Pipe.open();
      this.serverToClient = Pipe.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open an in-JVM pipe", e);
    }
  }

  /** A pipe using the JSON mapper the SDK finds on the class path. */
  public static McpPipe open() {
    return new McpPipe(McpJsonDefaults.getMapper());
  }

  /** A pipe using {@code mapper} for both halves. */
  public static McpPipe open(McpJsonMapper mapper) {
    return new McpPipe(Objects.requireNonNull(mapper, "mapper"));
  }

  /** The server half, for {@code McpServer.sync(...)} or {@code McpServer.async(...)}. */
  public McpServerTransportProvider serverTransport() {
    return new StdioServerTransportProvider(mapper, Channels.newInputStream(clientToServer.source()),
        Channels.newOutputStream(serverToClient.sink()));
  }

  /** The client half, for {@code McpClient.sync(...)} or {@code McpClient.async(...)}. */
  public McpClientTransport clientTransport() {
    return new ClientHalf(mapper, Channels.newInputStream(serverToClient.source()),
        Channels.newOutputStream(clientToServer.sink()));
  }

  /**
   * Reads the server's lines on a daemon thread and writes requests under a lock. Uses {@code Pipe} streams, not
   * {@code PipedInputStream}, which fails ("write end dead") when Reactor's writer threads come and go.
   */
  private static final class ClientHalf implements McpClientTransport {
    private final McpJsonMapper mapper;
    private final InputStream fromServer;
    private final OutputStream toServer;
    private final Sinks.Many<McpSchema.JSONRPCMessage> inbound = Sinks.many().unicast().onBackpressureBuffer();
    private volatile boolean closing;

    ClientHalf(McpJsonMapper mapper, InputStream fromServer, OutputStream toServer) {
      this.mapper = mapper;
      this.fromServer = fromServer;
      this.toServer = toServer;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
      Thread reader = new Thread(this::readLoop, "mcp-pipe-client-reader");
      reader.setDaemon(true);
      reader.start();
      return inbound.asFlux().flatMap(message -> Mono.just(message).transform(handler)).then();
    }

    private void readLoop() {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
        String line;
        while (!closing && (line = lines.readLine()) != null) {
          inbound.emitNext(McpSchema.deserializeJsonRpcMessage(mapper, line),
              Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
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
          // The server already closed its end.
        }
        inbound.tryEmitComplete();
      });
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
      return mapper.convertValue(data, typeRef);
    }
  }
}
