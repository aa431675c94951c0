package dev.aitelemetry.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Model prices by name, and the {@link CostModel} that applies them.
 *
 * <pre>{@code
 * PricingTable table = PricingTable.defaults();                 // bundled, dated, sourced prices
 * PricingTable mine = PricingTable.builder()
 *     .model("gpt-4o", ModelPrice.perMillionTokens("USD", "2.50", "10.00").cacheRead("1.25"))
 *     .alias("my-azure-deployment", "gpt-4o")
 *     .build();
 * PricingTable both = table.withOverrides(mine);               // user prices win
 * Optional<Cost> c = both.cost("gpt-4o-2024-08-06", new TokenUsage(1200, 300, 1000, 0, 0)); // 0.00475 USD
 * }</pre>
 *
 * <p>Model names match case-insensitively, through provider prefixes, Bedrock and Vertex ids, dated snapshots
 * and aliases, but never by prefix or similarity: a name that is not in the table prices nothing rather than
 * the wrong thing (see {@code docs/pricing.md}). Answers are memoized per table, so a repeated name costs one
 * hash look-up. Tables are immutable and thread-safe.
 */
public final class PricingTable implements CostModel {

  /** The environment variable naming a pricing file that {@link #fromEnvironment()} lays over the defaults. */
  public static final String PRICING_FILE_ENV = "AITELEMETRY_PRICING_FILE";

  /** Names remembered per table; beyond this, look-ups still work but are no longer memoized. */
  static final int MEMO_CAPACITY = 10_000;

  private static final String BUNDLED_RESOURCE = "default-prices.json";

  private final Map<String, ModelPrice> models;
  private final Map<String, String> aliases;
  private final LocalDate asOf;
  private final String source;
  private final ModelNameResolver resolver;

  private PricingTable(Map<String, ModelPrice> models, Map<String, String> aliases, LocalDate asOf, String source,
      int memoCapacity) {
    this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
    this.asOf = asOf;
    this.source = source;
    this.resolver = new ModelNameResolver(this.models, this.aliases, memoCapacity);
  }

  /**
   * The bundled table: OpenAI, Anthropic, Google Gemini, Mistral and DeepSeek list prices, each with its public
   * source, dated by {@link #asOf()}. Loaded once; every call returns the same instance.
   */
  public static PricingTable defaults() {
    return Bundled.TABLE;
  }

  /** An empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this table's models, aliases, date and source, to add to or replace. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.models.putAll(models);
    b.aliases.putAll(aliases);
    b.asOf = asOf;
    b.source = source;
    return b;
  }

  /**
   * Reads a file in the project's pricing format ({@code docs/pricing.md}).
   *
   * @throws PricingFormatException if the file is not valid; the message names the file, entry and field
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PricingTable fromJson(Path file) {
    return fromJson(JsonInput.read(file), file.toString());
  }

  /** Reads the project's pricing format from a stream, named {@code <stream>} in error messages. */
  public static PricingTable fromJson(InputStream in) {
    return fromJson(in, "<stream>");
  }

  /**
   * Reads the project's pricing format from a stream (not closed).
   *
   * @param sourceName how error messages name the data, e.g. a URL or file name
   */
  public static PricingTable fromJson(InputStream in, String sourceName) {
    return fromJson(JsonInput.read(in, sourceName), sourceName);
  }

  private static PricingTable fromJson(JsonNode root, String sourceName) {
    return PricingJsonReader.read(root, sourceName, null).applyTo(builder()).build();
  }

  /**
   * Reads LiteLLM's {@code model_prices_and_context_window.json}: per-token USD prices become per-million prices;
   * chat, completion, responses and embedding entries are kept, other modes skipped (see {@code
   * docs/pricing.md}).
   *
   * @throws PricingFormatException if a price field is not a non-negative number, or the file is not JSON
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PricingTable fromLiteLlmJson(Path file) {
    return fromLiteLlmJson(JsonInput.read(file), file.toString());
  }

  /** Reads LiteLLM's format from a stream, named {@code <stream>} in error messages. */
  public static PricingTable fromLiteLlmJson(InputStream in) {
    return fromLiteLlmJson(in, "<stream>");
  }

  /** Reads LiteLLM's format from a stream (not closed), named {@code sourceName} in error messages. */
  public static PricingTable fromLiteLlmJson(InputStream in, String sourceName) {
    return fromLiteLlmJson(JsonInput.read(in, sourceName), sourceName);
  }

  private static PricingTable fromLiteLlmJson(JsonNode root, String sourceName) {
    return LiteLlmJsonReader.read(root, sourceName).applyTo(builder()).build();
  }

  /**
   * The defaults, overridden by the file named in {@value #PRICING_FILE_ENV} when that variable is set.
   *
   * <p>The file's format is recognized by its shape: a top-level {@code "models"} object means the project's
   * format (whose aliases may then also name bundled models), anything else is read as LiteLLM's format. When
   * the variable is unset or blank this is {@link #defaults()}.
   *
   * @throws PricingFormatException if the file is not valid
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PricingTable fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static PricingTable fromEnvironment(Map<String, String> env) {
    String file = env.get(PRICING_FILE_ENV);
    if (file == null || file.isBlank()) {
      return defaults();
    }
    Path path = Path.of(file.strip());
    JsonNode root = JsonInput.read(path);
    PricingTable base = defaults();
    if (isProjectFormat(root)) {
      return PricingJsonReader.read(root, path.toString(), base).applyTo(base.toBuilder()).build();
    }
    return base.withOverrides(fromLiteLlmJson(root, path.toString()));
  }

  private static boolean isProjectFormat(JsonNode root) {
    return root.isObject() && root.has("models") && root.get("models").isObject();
  }

  /**
   * This table with {@code overrides} laid over it: the overrides' models replace same-named models, their
   * aliases replace same-named aliases and models; everything else is kept. The date and source stay this
   * table's.
   *
   * @throws IllegalArgumentException if an override alias replaces a model that another alias still names
   */
  public PricingTable withOverrides(PricingTable overrides) {
    Objects.requireNonNull(overrides, "overrides");
    Builder b = toBuilder();
    overrides.models.forEach(b::model);
    overrides.aliases.forEach(b::alias);
    return b.build();
  }

  /**
   * The cost of one call; empty when the model is not in this table. Never throws for an unknown or null model
   * name.
   */
  @Override
  public Optional<Cost> cost(String model, TokenUsage usage) {
    Objects.requireNonNull(usage, "usage");
    Optional<ModelNameResolver.Match> match = resolver.resolve(model);
    if (match.isEmpty()) {
      return Optional.empty();
    }
    ModelNameResolver.Match m = match.get();
    return Optional.of(m.price().cost(m.key(), usage));
  }

  /** The price a model name matches, if any. */
  public Optional<ModelPrice> price(String model) {
    Optional<ModelNameResolver.Match> match = resolver.resolve(model);
    return match.isEmpty() ? Optional.empty() : match.get().optionalPrice();
  }

  /** The table key a model name matches, if any, e.g. {@code gpt-4o} for {@code azure/gpt-4o-2024-08-06}. */
  public Optional<String> keyOf(String model) {
    Optional<ModelNameResolver.Match> match = resolver.resolve(model);
    return match.isEmpty() ? Optional.empty() : match.get().optionalKey();
  }

  /** The model keys, lower-case, in insertion order. */
  public Set<String> keys() {
    return models.keySet();
  }

  /** The aliases: lower-case name to the model key it stands for. */
  public Map<String, String> aliases() {
    return aliases;
  }

  /** The number of priced models (aliases not counted). */
  public int size() {
    return models.size();
  }

  /** The date the prices were taken, if recorded (always present for {@link #defaults()}). */
  public Optional<LocalDate> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** Where the prices come from as a whole, if recorded; each {@link ModelPrice#source()} is more precise. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  int memoSize() {
    return resolver.memoSize();
  }

  @Override
  public String toString() {
    return "PricingTable{" + models.size() + " models, " + aliases.size() + " aliases"
        + (asOf == null ? "" : ", as of " + asOf) + '}';
  }

  /** Collects models and aliases; a name given again replaces the earlier one. Not thread-safe. */
  public static final class Builder {

    private final Map<String, ModelPrice> models = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private LocalDate asOf;
    private String source;
    private int memoCapacity = MEMO_CAPACITY;

    private Builder() {}

    /**
     * Adds or replaces a model. The key is matched case-insensitively; it replaces an alias of the same name.
     *
     * @throws IllegalArgumentException if the key is blank
     */
    public Builder model(String key, ModelPrice price) {
      String k = requireName("model key", key);
      models.put(k, Objects.requireNonNull(price, "price"));
      aliases.remove(k);
      return this;
    }

    /**
     * Makes {@code alias} (e.g. an Azure deployment name) price as {@code target}. The target is matched like
     * any model name when the table is built, so {@code gpt-4o-2024-08-06} names {@code gpt-4o}. An alias
     * replaces a model of the same name.
     *
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder alias(String alias, String target) {
      String a = requireName("alias", alias);
      aliases.put(a, requireName("alias target", target));
      models.remove(a);
      return this;
    }

    /** Records the date the prices were taken. */
    public Builder asOf(LocalDate date) {
      this.asOf = date;
      return this;
    }

    /** Records where the prices come from as a whole. */
    public Builder source(String source) {
      this.source = source;
      return this;
    }

    Builder memoCapacity(int capacity) {
      this.memoCapacity = capacity;
      return this;
    }

    /**
     * The table.
     *
     * @throws IllegalArgumentException if an alias names no model of the table
     */
    public PricingTable build() {
      Map<String, String> resolved = new LinkedHashMap<>();
      for (Map.Entry<String, String> a : aliases.entrySet()) {
        String target = resolveTarget(a.getValue(), models, aliases);
        if (target == null) {
          throw new IllegalArgumentException("alias \"" + a.getKey() + "\" points to \"" + a.getValue()
              + "\", which is not a model of this table");
        }
        resolved.put(a.getKey(), target);
      }
      return new PricingTable(models, resolved, asOf, source, memoCapacity);
    }

    /** The model key {@code target} names: directly, through name normalization, or through one alias. */
    static String resolveTarget(String target, Map<String, ModelPrice> models, Map<String, String> aliases) {
      for (String candidate : ModelNameNormalizer.candidates(target)) {
        if (models.containsKey(candidate)) {
          return candidate;
        }
        String via = aliases.get(candidate);
        if (via != null && models.containsKey(via)) {
          return via;
        }
      }
      return null;
    }

    private static String requireName(String what, String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return ModelNameNormalizer.key(name);
    }
  }

  /** Loads the bundled table on first use (class-holder idiom: thread-safe, no locking afterwards). */
  private static final class Bundled {
    static final PricingTable TABLE = load();

    private static PricingTable load() {
      String name = "classpath:dev/aitelemetry/cost/" + BUNDLED_RESOURCE;
      try (InputStream in = PricingTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(name + " is missing from the aitelemetry-cost-model jar");
        }
        return fromJson(in, name);
      } catch (IOException e) {
        throw new UncheckedIOException(name + ": cannot read", e);
      }
    }
  }
}
