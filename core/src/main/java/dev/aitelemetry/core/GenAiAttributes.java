package dev.aitelemetry.core;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Attribute keys and well-known values of the OpenTelemetry GenAI, MCP and general semantic conventions as
 * released in semconv v1.41.0, plus the provisional cost keys, the development memory keys, the latest
 * experimental names ({@code gen_ai_latest_experimental}) and the library's own {@code aitelemetry.*} keys.
 * docs/reference.md lists which span, event or metric carries each one.
 *
 * <p>Copied here rather than taken from {@code opentelemetry-semconv-incubating}, whose GenAI constants are
 * deprecated and which library instrumentation should not depend on.
 */
public final class GenAiAttributes {
  private GenAiAttributes() {}

  // --- GenAI common
  /** {@code gen_ai.operation.name}: the operation ({@link Operations}, memory names); on every span, a metric label. */
  public static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");
  /** {@code gen_ai.provider.name}, e.g. {@code openai}: inference, agent, memory and retrieval spans; LLM metrics. */
  public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = stringKey("gen_ai.provider.name");
  /** {@code gen_ai.conversation.id}: inference, {@code invoke_agent} and chat-memory spans; never a metric label. */
  public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = stringKey("gen_ai.conversation.id");
  /** {@code gen_ai.data_source.id}: retrieval spans (their metrics carry it as {@link #GEN_AI_MEMORY_STORE_ID}). */
  public static final AttributeKey<String> GEN_AI_DATA_SOURCE_ID = stringKey("gen_ai.data_source.id");
  /** {@code gen_ai.agent.name}: the {@code invoke_agent} span of a LangChain4j AI service (the interface name). */
  public static final AttributeKey<String> GEN_AI_AGENT_NAME = stringKey("gen_ai.agent.name");
  /** {@code gen_ai.output.type}: the requested output ({@code text}, {@code json}, …) on inference spans. */
  public static final AttributeKey<String> GEN_AI_OUTPUT_TYPE = stringKey("gen_ai.output.type");

  // --- GenAI request
  /** {@code gen_ai.request.model}: inference and {@code invoke_agent} spans; a bounded LLM metric label. */
  public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");
  /** {@code gen_ai.request.temperature}: inference spans, from {@link LlmCall.Builder#temperature(Double)}. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
  /** {@code gen_ai.request.top_p}: inference spans, from {@link LlmCall.Builder#topP(Double)}. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
  /** A double in v1.41; an int under {@code gen_ai_latest_experimental}, see {@link #GEN_AI_REQUEST_TOP_K_INT}. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_K = doubleKey("gen_ai.request.top_k");
  /** {@code gen_ai.request.top_k} as an int: inference spans under {@code gen_ai_latest_experimental}. */
  public static final AttributeKey<Long> GEN_AI_REQUEST_TOP_K_INT = longKey("gen_ai.request.top_k");
  /** {@code gen_ai.request.max_tokens}: inference spans, from {@link LlmCall.Builder#maxTokens(Number)}. */
  public static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
  /** {@code gen_ai.request.frequency_penalty}: inference spans. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_FREQUENCY_PENALTY =
      doubleKey("gen_ai.request.frequency_penalty");
  /** {@code gen_ai.request.presence_penalty}: inference spans. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_PRESENCE_PENALTY =
      doubleKey("gen_ai.request.presence_penalty");
  /** {@code gen_ai.request.stop_sequences}: inference spans, when non-empty. */
  public static final AttributeKey<List<String>> GEN_AI_REQUEST_STOP_SEQUENCES =
      stringArrayKey("gen_ai.request.stop_sequences");
  /** {@code gen_ai.request.seed}: inference spans, from {@link LlmCall.Builder#seed(Number)}. */
  public static final AttributeKey<Long> GEN_AI_REQUEST_SEED = longKey("gen_ai.request.seed");
  /** {@code gen_ai.request.choice.count}: inference spans, only when not 1. */
  public static final AttributeKey<Long> GEN_AI_REQUEST_CHOICE_COUNT = longKey("gen_ai.request.choice.count");
  /** {@code gen_ai.request.stream}: {@code true} on streaming inference spans. */
  public static final AttributeKey<Boolean> GEN_AI_REQUEST_STREAM = booleanKey("gen_ai.request.stream");
  /** {@code gen_ai.request.encoding_formats}: embeddings spans. */
  public static final AttributeKey<List<String>> GEN_AI_REQUEST_ENCODING_FORMATS =
      stringArrayKey("gen_ai.request.encoding_formats");

  // --- GenAI response
  /** {@code gen_ai.response.id}: inference spans; never a metric label. */
  public static final AttributeKey<String> GEN_AI_RESPONSE_ID = stringKey("gen_ai.response.id");
  /** {@code gen_ai.response.model}: inference spans; a bounded LLM metric label; used first for pricing. */
  public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = stringKey("gen_ai.response.model");
  /** {@code gen_ai.response.finish_reasons}: inference spans. */
  public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");
  /** {@code gen_ai.response.time_to_first_chunk} in seconds: streaming inference spans. */
  public static final AttributeKey<Double> GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
      doubleKey("gen_ai.response.time_to_first_chunk");

  // --- GenAI usage
  /** {@code gen_ai.usage.input_tokens}, cached tokens included: inference and embeddings spans. */
  public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
  /** {@code gen_ai.usage.output_tokens}, reasoning tokens included: inference spans. */
  public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
  /** {@code gen_ai.usage.cache_read.input_tokens}: inference spans, when above 0. */
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_read.input_tokens");
  /** v1.41 name; renamed to {@link #GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS} in the latest experimental conventions. */
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_creation.input_tokens");
  /** {@code gen_ai.usage.cache_write.input_tokens}: inference spans under {@code gen_ai_latest_experimental}. */
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_write.input_tokens");
  /** {@code gen_ai.usage.reasoning.output_tokens}: inference spans, when above 0. */
  public static final AttributeKey<Long> GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
      longKey("gen_ai.usage.reasoning.output_tokens");

  // --- Cost (provisional: semantic-conventions-genai PR #443, plus the key Langfuse reads)
  /** {@code gen_ai.usage.cost.amount} (provisional): the call's cost on priced inference and embeddings spans. */
  public static final AttributeKey<Double> GEN_AI_USAGE_COST_AMOUNT = doubleKey("gen_ai.usage.cost.amount");
  /** {@code gen_ai.usage.cost.currency} (provisional, ISO 4217): with the amount; a cost-metric label. */
  public static final AttributeKey<String> GEN_AI_USAGE_COST_CURRENCY = stringKey("gen_ai.usage.cost.currency");
  /** {@code gen_ai.usage.cost.source} (provisional): always {@code local} (computed by this library). */
  public static final AttributeKey<String> GEN_AI_USAGE_COST_SOURCE = stringKey("gen_ai.usage.cost.source");
  /** {@code gen_ai.usage.cost}: the same amount under the key Langfuse reads as the total cost. */
  public static final AttributeKey<Double> GEN_AI_USAGE_COST = doubleKey("gen_ai.usage.cost");

  // --- Metric-only
  /** {@code gen_ai.token.type} ({@link TokenTypes}): label of {@code gen_ai.client.token.usage}, not on spans. */
  public static final AttributeKey<String> GEN_AI_TOKEN_TYPE = stringKey("gen_ai.token.type");

  // --- Content (opt-in), recorded as JSON strings
  /** {@code gen_ai.system_instructions} (opt-in content): inference spans. */
  public static final AttributeKey<String> GEN_AI_SYSTEM_INSTRUCTIONS = stringKey("gen_ai.system_instructions");
  /** {@code gen_ai.input.messages} (opt-in content): inference spans. */
  public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = stringKey("gen_ai.input.messages");
  /** {@code gen_ai.output.messages} (opt-in content): inference spans. */
  public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
  /** {@code gen_ai.tool.definitions} (opt-in content): inference spans. */
  public static final AttributeKey<String> GEN_AI_TOOL_DEFINITIONS = stringKey("gen_ai.tool.definitions");

  // --- Tools
  /** {@code gen_ai.tool.name}: {@code execute_tool} and MCP {@code tools/call} spans; a bounded tool-metric label. */
  public static final AttributeKey<String> GEN_AI_TOOL_NAME = stringKey("gen_ai.tool.name");
  /** {@code gen_ai.tool.call.id}: the model's id for the tool call, on {@code execute_tool} spans. */
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
  /** {@code gen_ai.tool.description}: {@code execute_tool} and MCP server spans. */
  public static final AttributeKey<String> GEN_AI_TOOL_DESCRIPTION = stringKey("gen_ai.tool.description");
  /** {@code gen_ai.tool.type} ({@code function}, {@code extension}, {@code datastore}): {@code execute_tool} spans. */
  public static final AttributeKey<String> GEN_AI_TOOL_TYPE = stringKey("gen_ai.tool.type");
  /** {@code gen_ai.tool.call.arguments} (opt-in content, JSON): tool spans, in-process and MCP. */
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS = stringKey("gen_ai.tool.call.arguments");
  /** {@code gen_ai.tool.call.result} (opt-in content): tool spans, in-process and MCP. */
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");

  // --- Embeddings and retrieval
  /** {@code gen_ai.embeddings.dimension.count}: embeddings spans. */
  public static final AttributeKey<Long> GEN_AI_EMBEDDINGS_DIMENSION_COUNT =
      longKey("gen_ai.embeddings.dimension.count");
  /** {@code gen_ai.retrieval.query.text} (opt-in content): retrieval spans. */
  public static final AttributeKey<String> GEN_AI_RETRIEVAL_QUERY_TEXT = stringKey("gen_ai.retrieval.query.text");
  /** {@code gen_ai.retrieval.documents} (opt-in content, JSON ids and scores): retrieval spans. */
  public static final AttributeKey<String> GEN_AI_RETRIEVAL_DOCUMENTS = stringKey("gen_ai.retrieval.documents");
  /** Not in the conventions (which only define the opt-in documents list), hence the library namespace. */
  public static final AttributeKey<Long> RETRIEVAL_DOCUMENT_COUNT = longKey("aitelemetry.retrieval.document_count");
  /** The latest experimental name of the retrieval's top-k; v1.41 uses {@code gen_ai.request.top_k}. */
  public static final AttributeKey<Long> GEN_AI_RETRIEVAL_TOP_K = longKey("gen_ai.retrieval.top_k");

  // --- Memory (GenAI development conventions, #140)
  /** {@code gen_ai.memory.store.id} (dev): memory spans; a bounded memory-metric label, also for retrievals. */
  public static final AttributeKey<String> GEN_AI_MEMORY_STORE_ID = stringKey("gen_ai.memory.store.id");
  /** {@code gen_ai.memory.record.id} (dev): single-record memory operations; never a metric label. */
  public static final AttributeKey<String> GEN_AI_MEMORY_RECORD_ID = stringKey("gen_ai.memory.record.id");
  /** {@code gen_ai.memory.record.count} (dev): records returned (search) or attempted, on memory spans. */
  public static final AttributeKey<Long> GEN_AI_MEMORY_RECORD_COUNT = longKey("gen_ai.memory.record.count");
  /** {@code gen_ai.memory.query.text} (dev, opt-in content): memory search spans. */
  public static final AttributeKey<String> GEN_AI_MEMORY_QUERY_TEXT = stringKey("gen_ai.memory.query.text");
  /** {@code gen_ai.memory.records} (dev, opt-in content, JSON ids and scores): memory spans. */
  public static final AttributeKey<String> GEN_AI_MEMORY_RECORDS = stringKey("gen_ai.memory.records");

  // --- MCP
  /** {@code mcp.method.name}, here {@code tools/call}: MCP spans; an MCP duration-metric label. */
  public static final AttributeKey<String> MCP_METHOD_NAME = stringKey("mcp.method.name");
  /** {@code mcp.session.id}: MCP spans of stateful servers; never a metric label. */
  public static final AttributeKey<String> MCP_SESSION_ID = stringKey("mcp.session.id");
  /** {@code mcp.protocol.version}: MCP spans, when known or configured. */
  public static final AttributeKey<String> MCP_PROTOCOL_VERSION = stringKey("mcp.protocol.version");
  /** {@code jsonrpc.request.id}: MCP spans, only when set through the core builder. */
  public static final AttributeKey<String> JSONRPC_REQUEST_ID = stringKey("jsonrpc.request.id");
  /** The JSON-RPC error code of an MCP response, as the v1.41 MCP conventions name it. */
  public static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE = stringKey("rpc.response.status_code");

  // --- General
  /** {@code error.type}: on every failed span and its metric points; absent on success ({@link ErrorTypes}). */
  public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  /** {@code server.address}: inference and memory spans when configured; an LLM metric label. */
  public static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  /** {@code server.port}: with {@link #SERVER_ADDRESS}, when positive; an LLM metric label. */
  public static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  /** {@code network.transport} ({@code pipe}, {@code tcp}): MCP spans, when configured. */
  public static final AttributeKey<String> NETWORK_TRANSPORT = stringKey("network.transport");
  /** {@code db.system.name}, e.g. {@code postgresql}: memory spans of stores backed by a known database. */
  public static final AttributeKey<String> DB_SYSTEM_NAME = stringKey("db.system.name");

  // --- Cross-domain correlation (the Python guide's pattern; library namespace, not semconv)
  /** Source domain of the {@code cross_domain_correlation} event; a bounded label of its score metric. */
  public static final AttributeKey<String> CORRELATION_SOURCE_DOMAIN =
      stringKey("aitelemetry.correlation.source_domain");
  /** Target domain of the {@code cross_domain_correlation} event; a bounded label of its score metric. */
  public static final AttributeKey<String> CORRELATION_TARGET_DOMAIN =
      stringKey("aitelemetry.correlation.target_domain");
  /** Score of the {@code cross_domain_correlation} event (also the name of its histogram). */
  public static final AttributeKey<Double> CORRELATION_SCORE = doubleKey("aitelemetry.correlation.score");

  /** Values of {@code gen_ai.operation.name}. */
  public static final class Operations {
    private Operations() {}

    /** A chat completion: {@link AiTelemetry#llmCall(String, String)}, the LangChain4j listener. */
    public static final String CHAT = "chat";
    /** A legacy (non-chat) completion; set with {@link LlmCall.Builder#operationName(String)}. */
    public static final String TEXT_COMPLETION = "text_completion";
    /** A multimodal content generation (e.g. Gemini); set with {@link LlmCall.Builder#operationName(String)}. */
    public static final String GENERATE_CONTENT = "generate_content";
    /** An embeddings call: {@link AiTelemetry#embeddings(String, String)}, wrapped LangChain4j embedding models. */
    public static final String EMBEDDINGS = "embeddings";
    /** A retrieval from a data source: {@link AiTelemetry#retrieval(String)}, wrapped content retrievers. */
    public static final String RETRIEVAL = "retrieval";
    /** A tool execution: in-process tool spans and MCP {@code tools/call} spans. */
    public static final String EXECUTE_TOOL = "execute_tool";
    /** An agent invocation: the span of a LangChain4j AI-service call. */
    public static final String INVOKE_AGENT = "invoke_agent";
  }

  /** Values of {@code gen_ai.token.type}. */
  public static final class TokenTypes {
    private TokenTypes() {}

    /** Input (prompt) tokens, cached tokens included. */
    public static final String INPUT = "input";
    /** Output (completion) tokens, reasoning tokens included. */
    public static final String OUTPUT = "output";
  }

  /** Values of {@code error.type} defined by the conventions. */
  public static final class ErrorTypes {
    private ErrorTypes() {}

    /** The fallback for an error with no better low-cardinality name. */
    public static final String OTHER = "_OTHER";
    /** An MCP {@code CallToolResult} with {@code isError=true}. */
    public static final String TOOL_ERROR = "tool_error";
  }
}
