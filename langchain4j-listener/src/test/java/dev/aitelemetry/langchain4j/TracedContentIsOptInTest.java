// Job: specify that with content capture off (the default) no query text nor record content leaves the process.
package dev.aitelemetry.langchain4j;

import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_QUERY_TEXT;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_MEMORY_RECORDS;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_RETRIEVAL_DOCUMENTS;
import static dev.aitelemetry.core.GenAiAttributes.GEN_AI_RETRIEVAL_QUERY_TEXT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aitelemetry.core.AiTelemetry;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;
import dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedContentIsOptInTest {
  private static final String QUERY = "What is the capital of Japan?";
  private static final String MESSAGE = "my card number is 4111 1111 1111 1111";

  private final MemoryOtel otel = new MemoryOtel();

  @AfterEach
  void close() {
    otel.close();
  }

  /** Every wrapper, every operation, with the environment's default (capture off). */
  private void runEveryWrapper(AiTelemetry telemetry) {
    LangChain4jTelemetry lc = LangChain4jTelemetry.create(telemetry);
    EmbeddingModel model = lc.wrap(MiniLm.model());
    EmbeddingStore<TextSegment> store = lc.wrap(new InMemoryEmbeddingStore<>(), "facts");
    store.addAll(model.embedAll(MiniLm.segments()).content(), MiniLm.segments());
    store.add(model.embed("A single extra fact.").content(), TextSegment.from("A single extra fact."));
    store.search(EmbeddingSearchRequests.forText(QUERY, model).maxResults(3).build());
    ContentRetriever retriever = lc.wrap(
        EmbeddingStoreContentRetriever.builder().embeddingStore(store).embeddingModel(model).build(), "rag");
    retriever.retrieve(Query.from(QUERY));
    ChatMemoryStore memory = lc.wrap(new InMemoryChatMemoryStore(), "conversations");
    memory.updateMessages("c1", List.<ChatMessage>of(UserMessage.from(MESSAGE)));
    memory.getMessages("c1");
  }

  @Test
  void withCaptureOffNoContentAttributeIsExported() {
    runEveryWrapper(otel.telemetry(false));

    List<AttributeKey<String>> contentKeys =
        List.of(GEN_AI_MEMORY_QUERY_TEXT, GEN_AI_MEMORY_RECORDS, GEN_AI_RETRIEVAL_QUERY_TEXT, GEN_AI_RETRIEVAL_DOCUMENTS);
    assertThat(otel.finishedSpans()).hasSizeGreaterThan(8).allSatisfy(span ->
        assertThat(span.getAttributes().asMap().keySet()).doesNotContainAnyElementsOf(contentKeys));
  }

  @Test
  void withCaptureOffNoExportedValueContainsAQueryAFactOrAMessage() {
    runEveryWrapper(otel.telemetry(false));

    List<String> secrets = new ArrayList<>(MiniLm.FACTS);
    secrets.add(QUERY);
    secrets.add(MESSAGE);
    secrets.add("A single extra fact.");
    for (SpanData span : otel.finishedSpans()) {
      for (String value : stringValues(span)) {
        assertThat(secrets).as("span %s exports %s", span.getName(), value)
            .noneSatisfy(secret -> assertThat(value).contains(secret));
      }
    }
  }

  @Test
  void withCaptureOnTheQueryTextsAreExportedButNeverTheStoredTextsNorMessages() {
    runEveryWrapper(otel.telemetry(true));

    List<String> values = new ArrayList<>();
    otel.finishedSpans().forEach(span -> values.addAll(stringValues(span)));
    assertThat(values).contains(QUERY);
    assertThat(values).noneSatisfy(v -> assertThat(v).contains(MESSAGE));
    assertThat(values).noneSatisfy(v -> assertThat(v).contains("Tokyo is the capital city of Japan."));
  }

  private static List<String> stringValues(SpanData span) {
    List<String> values = new ArrayList<>();
    addValues(span.getAttributes(), values);
    for (EventData event : span.getEvents()) {
      addValues(event.getAttributes(), values);
    }
    values.add(span.getName());
    return values;
  }

  private static void addValues(Attributes attributes, List<String> into) {
    attributes.forEach((key, value) -> into.add(String.valueOf(value)));
  }
}
