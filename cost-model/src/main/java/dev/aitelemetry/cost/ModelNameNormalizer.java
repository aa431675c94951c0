package dev.aitelemetry.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model name as a provider or request reports it into the names to look up, most specific first.
 *
 * <p>The rules only ever <em>remove</em> parts that cannot change which model is meant, and the caller only does
 * exact look-ups with the results; there is no prefix or fuzzy matching, because that is how {@code
 * gpt-4o-mini} ends up priced as {@code gpt-4o}. In order:
 *
 * <ol>
 *   <li>trim and lower-case (the name as given is the first candidate, so keys such as {@code azure/gpt-4o} from
 *       a LiteLLM file still match exactly);
 *   <li>location: a Vertex resource name keeps what follows its last {@code /models/}, a Bedrock ARN keeps what
 *       follows its last {@code /}, then known provider prefixes ({@code openai/ azure/ anthropic/ bedrock/
 *       vertex_ai/ models/ gemini/ google/ mistral/ deepseek/ …}) are removed, repeatedly;
 *   <li>Bedrock ids: a region prefix ({@code us. eu. apac. jp. au. ca. global. us-gov.}) followed by a vendor
 *       prefix ({@code anthropic. mistral. meta. amazon. cohere. ai21. deepseek.}) is removed, and then only, the
 *       version suffix {@code -v1:0} (also {@code -v2}, {@code -v1:0:200k});
 *   <li>Vertex: everything from the last {@code @} ({@code @20250929}, {@code @001}, {@code @default});
 *   <li>the second candidate is the result; the third removes one snapshot suffix: a date {@code -2024-08-06} or
 *       {@code -20241022}, or a three-digit Gemini version {@code -001}.
 * </ol>
 *
 * <p>Not removed, on purpose: {@code -latest} and {@code -preview} (the same name moves to another model and
 * price: {@code chatgpt-4o-latest}, {@code mistral-large-latest}, {@code gemini-2.5-flash-preview-05-20}) and
 * four-digit suffixes ({@code mistral-large-2411} and {@code -2512} are different prices). Such names match
 * through explicit aliases only.
 */
final class ModelNameNormalizer {

  private static final List<String> PROVIDER_PREFIXES = List.of(
      "openai/", "azure/", "anthropic/", "bedrock/", "bedrock_converse/", "converse/", "invoke/",
      "vertex_ai/", "vertex_ai_beta/", "vertex/", "models/", "gemini/", "google/", "mistral/", "deepseek/");

  private static final Pattern BEDROCK_ID = Pattern.compile(
      "^(?:(?:us|eu|apac|jp|au|ca|global|us-gov)\\.)?"
          + "(?:anthropic|mistral|meta|amazon|cohere|ai21|deepseek)\\."
          + "(.+?)"
          + "(?:-v\\d+(?::\\d+k?)*)?$");

  private static final Pattern SNAPSHOT_SUFFIX = Pattern.compile("-(?:\\d{4}-\\d{2}-\\d{2}|\\d{8}|\\d{3})$");

  private ModelNameNormalizer() {}

  /** The names to try, most specific first, without duplicates; empty for a null or blank name. */
  static List<String> candidates(String rawName) {
    List<String> out = new ArrayList<>(3);
    if (rawName == null) {
      return out;
    }
    String name = rawName.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      return out;
    }
    out.add(name);
    String located = stripVersionMarkers(stripLocation(name));
    addIfNew(out, located);
    Matcher snapshot = SNAPSHOT_SUFFIX.matcher(located);
    if (snapshot.find() && snapshot.start() > 0) {
      addIfNew(out, located.substring(0, snapshot.start()));
    }
    return out;
  }

  /** The key form of a table entry or alias name: trimmed and lower-cased, nothing else. */
  static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  private static String stripLocation(String name) {
    String s = name;
    int models = s.lastIndexOf("/models/");
    if (models >= 0) {
      s = s.substring(models + "/models/".length());
    }
    if (s.startsWith("arn:")) {
      s = s.substring(s.lastIndexOf('/') + 1);
    }
    boolean stripped = true;
    while (stripped) {
      stripped = false;
      for (String prefix : PROVIDER_PREFIXES) {
        if (s.startsWith(prefix) && s.length() > prefix.length()) {
          s = s.substring(prefix.length());
          stripped = true;
        }
      }
    }
    return s;
  }

  private static String stripVersionMarkers(String name) {
    String s = name;
    int at = s.lastIndexOf('@');
    if (at > 0) {
      s = s.substring(0, at);
    }
    Matcher bedrock = BEDROCK_ID.matcher(s);
    if (bedrock.matches()) {
      s = bedrock.group(1);
    }
    return s;
  }

  private static void addIfNew(List<String> out, String candidate) {
    if (!candidate.isEmpty() && !out.contains(candidate)) {
      out.add(candidate);
    }
  }
}
