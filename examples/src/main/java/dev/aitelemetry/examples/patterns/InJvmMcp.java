// A real MCP server (McpServer.sync) and a real McpSyncClient, connected inside this JVM by McpPipe.
package dev.aitelemetry.examples.patterns;

import dev.aitelemetry.mcp.McpPipe;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;

/** Lets an example show a real MCP round trip, serialized as over stdio, without a subprocess or a network port. */
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
  static InJvmMcp start(String serverName, List<SyncToolSpecification> tools) {
    McpPipe pipe = McpPipe.open();
    McpSyncServer server = McpServer.sync(pipe.serverTransport())
        .serverInfo(serverName, "0.1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tools)
        .build();
    McpSyncClient client = McpClient.sync(pipe.clientTransport())
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
