// Job: load the offline all-MiniLM-L6-v2 embedding model once per test JVM and hold the facts the tests store.
package dev.aitelemetry.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;
import java.util.stream.Collectors;

/** The real embedding model (≈2 s to load, so loaded once, lazily, on first use) and 20 short facts. */
final class MiniLm {
  private MiniLm() {}

  private static final class Holder {
    static final EmbeddingModel MODEL = new AllMiniLmL6V2EmbeddingModel();
  }

  static EmbeddingModel model() {
    return Holder.MODEL;
  }

  static final List<String> FACTS = List.of(
      "The Eiffel Tower is a wrought-iron lattice tower in Paris.",
      "Mount Everest is the highest mountain above sea level.",
      "The Pacific Ocean is the largest ocean on Earth.",
      "Honey bees communicate the location of flowers with a waggle dance.",
      "Photosynthesis turns sunlight, water and carbon dioxide into sugar.",
      "The Great Wall of China stretches thousands of kilometres.",
      "Penguins are flightless birds that live in the Southern Hemisphere.",
      "Water boils at 100 degrees Celsius at sea level.",
      "Jupiter is the largest planet in the Solar System.",
      "The human heart pumps blood through the body.",
      "Coffee is brewed from roasted coffee beans.",
      "The Amazon rainforest produces a large share of the world's oxygen.",
      "Chess is a board game played on a checkered board with 64 squares.",
      "Violins have four strings and are played with a bow.",
      "Bicycles are powered by pedalling.",
      "The Moon orbits the Earth about once every 27 days.",
      "Sourdough bread is leavened with wild yeast.",
      "Lightning is a sudden electrostatic discharge during a storm.",
      "Tokyo is the capital city of Japan.",
      "Diamonds are made of carbon atoms arranged in a crystal lattice.");

  static List<TextSegment> segments() {
    return FACTS.stream().map(TextSegment::from).collect(Collectors.toList());
  }
}
