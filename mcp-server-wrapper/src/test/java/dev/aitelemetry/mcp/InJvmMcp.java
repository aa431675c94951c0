// A real MCP server (sync or async) and a real MCP client connected by in-JVM pipes, closed together.
package dev.aitelemetry.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;

final class InJvmMcp implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final McpSyncServer syncServer;
  private final McpAsyncServer asyncServer;
  private final McpSyncClient client;
  private final McpAsyncClient asyncClient;

  private InJvmMcp(McpSyncServer syncServer, McpAsyncServer asyncServer, McpSyncClient client,
      McpAsyncClient asyncClient) {
    this.syncServer = syncServer;
    this.asyncServer = asyncServer;
    this.client = client;
    this.asyncClient = asyncClient;
  }

  private static McpSyncServer syncServerOn(McpPipe p, List<McpServerFeatures.SyncToolSpecification> tools) {
    return McpServer.sync(p.serverTransport())
        .serverInfo("test-server", "0.0.1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tools)
        .build();
  }

  /** {@code McpServer.sync(...)} with these tools, and an initialized {@code McpSyncClient}. */
  static InJvmMcp syncServer(List<McpServerFeatures.SyncToolSpecification> tools) {
    McpPipe p = McpPipe.open();
    McpSyncServer server = syncServerOn(p, tools);
    return withSyncClient(p, server, null);
  }

  /** {@code McpServer.async(...)} with these tools, and an initialized {@code McpSyncClient}. */
  static InJvmMcp asyncServer(List<McpServerFeatures.AsyncToolSpecification> tools) {
    McpPipe p = McpPipe.open();
    McpAsyncServer server = McpServer.async(p.serverTransport())
        .serverInfo("test-server", "0.0.1")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(tools)
        .build();
    return withSyncClient(p, null, server);
  }

  /** {@code McpServer.sync(...)} with these tools, and an initialized {@code McpAsyncClient}. */
  static InJvmMcp syncServerAsyncClient(List<McpServerFeatures.SyncToolSpecification> tools) {
    McpPipe p = McpPipe.open();
    McpSyncServer server = syncServerOn(p, tools);
    McpAsyncClient client = null;
    try {
      client = McpClient.async(p.clientTransport()).requestTimeout(TIMEOUT).build();
      client.initialize().block(TIMEOUT);
      return new InJvmMcp(server, null, null, client);
    } catch (RuntimeException | Error e) {
      if (client != null) {
        client.close();
      }
      server.close();
      throw e;
    }
  }

  private static InJvmMcp withSyncClient(McpPipe p, McpSyncServer sync, McpAsyncServer async) {
    McpSyncClient client = null;
    try {
      client = McpClient.sync(p.clientTransport()).requestTimeout(TIMEOUT).build();
      client.initialize();
      return new InJvmMcp(sync, async, client, null);
    } catch (RuntimeException | Error e) {
      if (client != null) {
        client.close();
      }
      closeServer(sync, async);
      throw e;
    }
  }

  McpSyncClient client() {
    return client;
  }

  McpAsyncClient asyncClient() {
    return asyncClient;
  }

  @Override
  public void close() {
    try {
      if (client != null) {
        client.closeGracefully();
      }
      if (asyncClient != null) {
        asyncClient.closeGracefully().block(TIMEOUT);
      }
    } finally {
      closeServer(syncServer, asyncServer);
    }
  }

  private static void closeServer(McpSyncServer sync, McpAsyncServer async) {
    if (sync != null) {
      sync.close();
    }
    if (async != null) {
      async.close();
    }
  }
}
