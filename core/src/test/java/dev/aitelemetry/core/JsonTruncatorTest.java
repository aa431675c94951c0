package dev.aitelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTruncatorTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final JsonTruncator truncator = new JsonTruncator(100);

  @Test
  void shortValuesAreUnchanged() {
    assertThat(truncator.truncate("{\"a\": 1}")).isEqualTo("{\"a\": 1}");
  }

  @Test
  void longPlainTextIsCutAndMarked() {
    String cut = truncator.truncate("y".repeat(500));
    assertThat(cut).hasSize(100).endsWith(JsonTruncator.MARK);
  }

  @Test
  void longStringInsideAnObjectIsShortenedAndTheObjectStaysValid() throws Exception {
    String cut = truncator.truncate("{\"role\":\"user\",\"content\":\"" + "z".repeat(1000) + "\"}");

    assertThat(cut.length()).isLessThanOrEqualTo(100);
    assertThat(JSON.readTree(cut).get("role").asText()).isEqualTo("user");
    assertThat(JSON.readTree(cut).get("content").asText()).endsWith(JsonTruncator.MARK);
  }

  @Test
  void manySmallElementsAreDroppedFromTheEndAndMarked() throws Exception {
    StringBuilder array = new StringBuilder("[");
    for (int i = 0; i < 200; i++) {
      array.append(i == 0 ? "" : ",").append(i);
    }
    String cut = truncator.truncate(array.append("]").toString());

    assertThat(cut.length()).isLessThanOrEqualTo(100);
    var parsed = JSON.readTree(cut);
    assertThat(parsed.get(0).asInt()).isEqualTo(0);
    assertThat(parsed.get(parsed.size() - 1).asText()).isEqualTo(JsonTruncator.MARK);
  }

  @Test
  void brokenJsonIsTreatedAsText() {
    String cut = truncator.truncate("{\"unterminated\": \"" + "q".repeat(300));
    assertThat(cut).hasSize(100).endsWith(JsonTruncator.MARK);
  }

  @Test
  void surrogatePairsAreNotSplit() {
    String emoji = "\uD83D\uDE00";
    String cut = new JsonTruncator(64).truncate("ab" + emoji.repeat(100));
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).isFalse();
  }

  @Test
  void limitsBelowSixtyFourAreRejected() {
    assertThatThrownBy(() -> new JsonTruncator(10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64");
  }
}
