// A real MCP server and client from the MCP Java SDK, connected by two in-JVM pipes (no network, no process).
package dev.aitelemetry.it.reliability;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
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
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code McpServer.sync(StdioServerTransportProvider)} over {@link Pipe}s, and an initialized {@code McpSyncClient}
 * over a small client transport on the other ends (the recipe of api-facts §4.3). Close it to stop both.
 */
public final class PipeMcp implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final McpSyncServer server;
  private final McpSyncClient client;

  private PipeMcp(McpSyncServer server, McpSyncClient client) {
    this.server = server;
    this.client = client;
  }

  public static PipeMcp start(List<McpServerFeatures.SyncToolSpecification> tools) {
    McpJsonMapper mapper = McpJsonDefaults.getMapper();
    Pipe toServer;
    Pipe toClient;
    try {
      toServer = Pipe.open();
      toClient = Pipe.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper,
            Channels.newInputStream(toServer.source()), Channels.newOutputStream(toClient.sink())))
        .serverInfo("reliability-server", "0.0.1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tools)
        .build();
    McpSyncClient client = null;
    try {
      client = McpClient.sync(new ClientTransport(mapper, Channels.newInputStream(toClient.source()),
          Channels.newOutputStream(toServer.sink()))).requestTimeout(TIMEOUT).build();
      client.initialize();
      return new PipeMcp(server, client);
    } catch (RuntimeException | Error e) {
      if (client != null) {
        client.close();
      }
      server.close();
      throw e;
    }
  }

  public McpSyncClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      client.closeGracefully();
    } finally {
      server.close();
    }
  }

  /** Newline-delimited JSON-RPC over a pair of streams. */
  static final class ClientTransport implements McpClientTransport {
    private final McpJsonMapper mapper;
    private final InputStream fromServer;
    private final OutputStream toServer;
    private final Sinks.Many<McpSchema.JSONRPCMessage> inbound = Sinks.many().unicast().onBackpressureBuffer();
    private volatile boolean closing;

    ClientTransport(McpJsonMapper mapper, InputStream fromServer, OutputStream toServer) {
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
            inbound.emitNext(McpSchema.deserializeJsonRpcMessage(mapper, line),
                Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
          }
        } catch (IOException e) {
          if (!closing) {
            inbound.tryEmitError(e);
          }
        }
        inbound.tryEmitComplete();
      }, "reliability-mcp-client-reader");
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
}
