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
 * released in semconv v1.41.0, plus the provisional cost keys.
 *
 * <p>Copied here rather than taken from {@code opentelemetry-semconv-incubating}, whose GenAI constants are
 * deprecated and which library instrumentation should not depend on.
 */
public final class GenAiAttributes {
  private GenAiAttributes() {}

  // --- GenAI common
  public static final AttributeKey<String> GEN_AI_OPERATION_NAME = stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> GEN_AI_PROVIDER_NAME = stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> GEN_AI_CONVERSATION_ID = stringKey("gen_ai.conversation.id");
  public static final AttributeKey<String> GEN_AI_DATA_SOURCE_ID = stringKey("gen_ai.data_source.id");
  public static final AttributeKey<String> GEN_AI_AGENT_NAME = stringKey("gen_ai.agent.name");
  public static final AttributeKey<String> GEN_AI_OUTPUT_TYPE = stringKey("gen_ai.output.type");

  // --- GenAI request
  public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = stringKey("gen_ai.request.model");
  public static final AttributeKey<Double> GEN_AI_REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
  public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
  /** A double in v1.41; an int under {@code gen_ai_latest_experimental}, see {@link #GEN_AI_REQUEST_TOP_K_INT}. */
  public static final AttributeKey<Double> GEN_AI_REQUEST_TOP_K = doubleKey("gen_ai.request.top_k");
  public static final AttributeKey<Long> GEN_AI_REQUEST_TOP_K_INT = longKey("gen_ai.request.top_k");
  public static final AttributeKey<Long> GEN_AI_REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
  public static final AttributeKey<Double> GEN_AI_REQUEST_FREQUENCY_PENALTY =
      doubleKey("gen_ai.request.frequency_penalty");
  public static final AttributeKey<Double> GEN_AI_REQUEST_PRESENCE_PENALTY =
      doubleKey("gen_ai.request.presence_penalty");
  public static final AttributeKey<List<String>> GEN_AI_REQUEST_STOP_SEQUENCES =
      stringArrayKey("gen_ai.request.stop_sequences");
  public static final AttributeKey<Long> GEN_AI_REQUEST_SEED = longKey("gen_ai.request.seed");
  public static final AttributeKey<Long> GEN_AI_REQUEST_CHOICE_COUNT = longKey("gen_ai.request.choice.count");
  public static final AttributeKey<Boolean> GEN_AI_REQUEST_STREAM = booleanKey("gen_ai.request.stream");
  public static final AttributeKey<List<String>> GEN_AI_REQUEST_ENCODING_FORMATS =
      stringArrayKey("gen_ai.request.encoding_formats");

  // --- GenAI response
  public static final AttributeKey<String> GEN_AI_RESPONSE_ID = stringKey("gen_ai.response.id");
  public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = stringKey("gen_ai.response.model");
  public static final AttributeKey<List<String>> GEN_AI_RESPONSE_FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");
  public static final AttributeKey<Double> GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK =
      doubleKey("gen_ai.response.time_to_first_chunk");

  // --- GenAI usage
  public static final AttributeKey<Long> GEN_AI_USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> GEN_AI_USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_read.input_tokens");
  /** v1.41 name; renamed to {@link #GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS} in the latest experimental conventions. */
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_creation.input_tokens");
  public static final AttributeKey<Long> GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_write.input_tokens");
  public static final AttributeKey<Long> GEN_AI_USAGE_REASONING_OUTPUT_TOKENS =
      longKey("gen_ai.usage.reasoning.output_tokens");

  // --- Cost (provisional: semantic-conventions-genai PR #443, plus the key Langfuse reads)
  public static final AttributeKey<Double> GEN_AI_USAGE_COST_AMOUNT = doubleKey("gen_ai.usage.cost.amount");
  public static final AttributeKey<String> GEN_AI_USAGE_COST_CURRENCY = stringKey("gen_ai.usage.cost.currency");
  public static final AttributeKey<String> GEN_AI_USAGE_COST_SOURCE = stringKey("gen_ai.usage.cost.source");
  public static final AttributeKey<Double> GEN_AI_USAGE_COST = doubleKey("gen_ai.usage.cost");

  // --- Metric-only
  public static final AttributeKey<String> GEN_AI_TOKEN_TYPE = stringKey("gen_ai.token.type");

  // --- Content (opt-in), recorded as JSON strings
  public static final AttributeKey<String> GEN_AI_SYSTEM_INSTRUCTIONS = stringKey("gen_ai.system_instructions");
  public static final AttributeKey<String> GEN_AI_INPUT_MESSAGES = stringKey("gen_ai.input.messages");
  public static final AttributeKey<String> GEN_AI_OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
  public static final AttributeKey<String> GEN_AI_TOOL_DEFINITIONS = stringKey("gen_ai.tool.definitions");

  // --- Tools
  public static final AttributeKey<String> GEN_AI_TOOL_NAME = stringKey("gen_ai.tool.name");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
  public static final AttributeKey<String> GEN_AI_TOOL_DESCRIPTION = stringKey("gen_ai.tool.description");
  public static final AttributeKey<String> GEN_AI_TOOL_TYPE = stringKey("gen_ai.tool.type");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_ARGUMENTS = stringKey("gen_ai.tool.call.arguments");
  public static final AttributeKey<String> GEN_AI_TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");

  // --- Embeddings and retrieval
  public static final AttributeKey<Long> GEN_AI_EMBEDDINGS_DIMENSION_COUNT =
      longKey("gen_ai.embeddings.dimension.count");
  public static final AttributeKey<String> GEN_AI_RETRIEVAL_QUERY_TEXT = stringKey("gen_ai.retrieval.query.text");
  public static final AttributeKey<String> GEN_AI_RETRIEVAL_DOCUMENTS = stringKey("gen_ai.retrieval.documents");
  /** Not in the conventions (which only define the opt-in documents list), hence the library namespace. */
  public static final AttributeKey<Long> RETRIEVAL_DOCUMENT_COUNT = longKey("aitelemetry.retrieval.document_count");
  /** The latest experimental name of the retrieval's top-k; v1.41 uses {@code gen_ai.request.top_k}. */
  public static final AttributeKey<Long> GEN_AI_RETRIEVAL_TOP_K = longKey("gen_ai.retrieval.top_k");

  // --- Memory (GenAI development conventions, #140)
  public static final AttributeKey<String> GEN_AI_MEMORY_STORE_ID = stringKey("gen_ai.memory.store.id");
  public static final AttributeKey<String> GEN_AI_MEMORY_RECORD_ID = stringKey("gen_ai.memory.record.id");
  public static final AttributeKey<Long> GEN_AI_MEMORY_RECORD_COUNT = longKey("gen_ai.memory.record.count");
  public static final AttributeKey<String> GEN_AI_MEMORY_QUERY_TEXT = stringKey("gen_ai.memory.query.text");
  public static final AttributeKey<String> GEN_AI_MEMORY_RECORDS = stringKey("gen_ai.memory.records");

  // --- MCP
  public static final AttributeKey<String> MCP_METHOD_NAME = stringKey("mcp.method.name");
  public static final AttributeKey<String> MCP_SESSION_ID = stringKey("mcp.session.id");
  public static final AttributeKey<String> MCP_PROTOCOL_VERSION = stringKey("mcp.protocol.version");
  public static final AttributeKey<String> JSONRPC_REQUEST_ID = stringKey("jsonrpc.request.id");
  /** The JSON-RPC error code of an MCP response, as the v1.41 MCP conventions name it. */
  public static final AttributeKey<String> RPC_RESPONSE_STATUS_CODE = stringKey("rpc.response.status_code");

  // --- General
  public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  public static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  public static final AttributeKey<String> NETWORK_TRANSPORT = stringKey("network.transport");
  public static final AttributeKey<String> DB_SYSTEM_NAME = stringKey("db.system.name");

  // --- Cross-domain correlation (the Python guide's pattern; library namespace, not semconv)
  public static final AttributeKey<String> CORRELATION_SOURCE_DOMAIN =
      stringKey("aitelemetry.correlation.source_domain");
  public static final AttributeKey<String> CORRELATION_TARGET_DOMAIN =
      stringKey("aitelemetry.correlation.target_domain");
  public static final AttributeKey<Double> CORRELATION_SCORE = doubleKey("aitelemetry.correlation.score");

  /** Values of {@code gen_ai.operation.name}. */
  public static final class Operations {
    private Operations() {}

    public static final String CHAT = "chat";
    public static final String TEXT_COMPLETION = "text_completion";
    public static final String GENERATE_CONTENT = "generate_content";
    public static final String EMBEDDINGS = "embeddings";
    public static final String RETRIEVAL = "retrieval";
    public static final String EXECUTE_TOOL = "execute_tool";
    public static final String INVOKE_AGENT = "invoke_agent";
  }

  /** Values of {@code gen_ai.token.type}. */
  public static final class TokenTypes {
    private TokenTypes() {}

    public static final String INPUT = "input";
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
