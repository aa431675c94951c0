// A real MCP server and client from the MCP Java SDK, connected in this JVM (no network, no process).
package dev.aitelemetry.it.reliability;

import dev.aitelemetry.mcp.McpPipe;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;

/**
 * {@code McpServer.sync(...)} with the given tools and an initialized {@code McpSyncClient}, joined by the
 * library's {@link McpPipe}. Close it to stop both.
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
    McpPipe pipe = McpPipe.open();
    McpSyncServer server = McpServer.sync(pipe.serverTransport())
        .serverInfo("reliability-server", "0.0.1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tools)
        .build();
    McpSyncClient client = null;
    try {
      client = McpClient.sync(pipe.clientTransport()).requestTimeout(TIMEOUT).build();
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
}
