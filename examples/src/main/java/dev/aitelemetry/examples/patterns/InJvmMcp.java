// A real MCP server (McpServer.sync) and a real McpSyncClient, connected inside this JVM by a pair of pipes.
package dev.aitelemetry.examples.patterns;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.List;

/** Lets an example show a real MCP round trip without a subprocess or a network port. */
final class InJvmMcp implements AutoCloseable {
  /** Bounds every request, so that a broken server fails the example instead of hanging it. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final McpSyncServer server;
  private final McpSyncClient client;

  private InJvmMcp(McpSyncServer server, McpSyncClient client) {
    this.server = server;
    this.client = client;
  }

  /** Starts a server with {@code tools} and an initialized client connected to it. */
  static InJvmMcp start(String serverName, List<SyncToolSpecification> tools) throws IOException {
    McpJsonMapper mapper = McpJsonDefaults.getMapper();
    Pipe toServer = Pipe.open();
    Pipe toClient = Pipe.open();
    McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(mapper,
            Channels.newInputStream(toServer.source()), Channels.newOutputStream(toClient.sink())))
        .serverInfo(serverName, "0.1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tools)
        .build();
    McpSyncClient client = McpClient.sync(new PipeMcpClientTransport(mapper,
            Channels.newInputStream(toClient.source()), Channels.newOutputStream(toServer.sink())))
        .clientInfo(McpSchema.Implementation.builder(serverName + "-client", "0.1.0").build())
        .requestTimeout(REQUEST_TIMEOUT)
        .build();
    try {
      client.initialize();
    } catch (RuntimeException e) {
      client.close();
      server.close();
      throw e;
    }
    return new InJvmMcp(server, client);
  }

  McpSyncClient client() {
    return client;
  }

  @Override
  public void close() {
    try {
      client.closeGracefully();
    } finally {
      server.closeGracefully();
    }
  }
}
