// Specification: what wrap and wrapAll return.
package dev.aitelemetry.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WrapTest {
  private final TestTelemetry otel = new TestTelemetry();
  private final McpTelemetry mcp = McpTelemetry.create(otel.telemetry());

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void wrappedSpecificationKeepsTheSameToolAndReplacesOnlyTheHandler() {
    McpSchema.Tool tool = McpSchema.Tool.builder("search", Tools.TEXT_SCHEMA).title("Search")
        .annotations(new McpSchema.ToolAnnotations("Search", true, false, true, false, null)).build();
    McpServerFeatures.SyncToolSpecification spec = new McpServerFeatures.SyncToolSpecification(tool,
        (exchange, request) -> Tools.echoResult(request));

    McpServerFeatures.SyncToolSpecification traced = mcp.wrap(spec);

    assertThat(traced.tool()).isSameAs(tool);
    assertThat(traced.callHandler()).isNotSameAs(spec.callHandler());
    assertThat(traced.callHandler().apply(null, Tools.call("x")).content())
        .isEqualTo(Tools.echoResult(Tools.call("x")).content());
  }

  @Test
  void wrapAllWrapsEachOfTheFourSpecificationTypesInOrder() {
    List<McpServerFeatures.SyncToolSpecification> sync = mcp.wrapAll(List.of(Tools.echo(), named("b")));
    List<McpServerFeatures.AsyncToolSpecification> async = mcp.wrapAll(List.of(Tools.asyncEcho()));
    List<McpStatelessServerFeatures.SyncToolSpecification> statelessSync = mcp.wrapAll(List.of(Tools.statelessEcho()));
    List<McpStatelessServerFeatures.AsyncToolSpecification> statelessAsync =
        mcp.wrapAll(List.of(Tools.statelessAsyncEcho()));

    assertThat(sync).extracting(s -> s.tool().name()).containsExactly("echo", "b");
    assertThat(sync).allSatisfy(s -> assertThat(s.callHandler()).isInstanceOf(TracedSyncToolHandler.class));
    assertThat(async.get(0).callHandler()).isInstanceOf(TracedAsyncToolHandler.class);
    assertThat(statelessSync.get(0).callHandler()).isInstanceOf(TracedSyncToolHandler.class);
    assertThat(statelessAsync.get(0).callHandler()).isInstanceOf(TracedAsyncToolHandler.class);
  }

  @Test
  void wrappingTwiceDoesNotNestSpans() {
    McpServerFeatures.SyncToolSpecification once = mcp.wrap(Tools.echo());

    assertThat(mcp.wrap(once)).isSameAs(once);
  }

  @Test
  void wrapAllRejectsWhatIsNotAToolSpecification() {
    assertThatThrownBy(() -> mcp.wrapAll(List.of("not a spec")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
  }

  private static McpServerFeatures.SyncToolSpecification named(String name) {
    return new McpServerFeatures.SyncToolSpecification(McpSchema.Tool.builder(name, Map.of("type", "object")).build(),
        (exchange, request) -> Tools.echoResult(request));
  }
}
