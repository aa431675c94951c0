package dev.aitelemetry.benchmarks;

import dev.aitelemetry.cost.ModelPrice;
import dev.aitelemetry.cost.PricingTable;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue #7 §5: {@code PricingTable.price(name)} for each kind of model name on tables of 50, 2,000 and 20,000
 * entries, the name repeated (as an application repeats its model). {@link PricingCostBenchmark} adds the
 * BigDecimal arithmetic the listener does once per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class PricingLookupBenchmark {
  @Param({"50", "2000", "20000"})
  public int tableSize;

  @Param({"exact", "dated", "prefixed", "bedrock", "unknown"})
  public String nameKind;

  private PricingTable table;
  private String name;

  @Setup
  public void setUp() {
    table = Fixtures.pricingTable(tableSize);
    name = nameOf(nameKind);
    if (table.price(name).isPresent() == "unknown".equals(nameKind)) {
      throw new IllegalStateException(nameKind + " name " + name + " resolved unexpectedly");
    }
  }

  /** A model name of each kind the resolver handles; all but {@code unknown} resolve to a table key. */
  static String nameOf(String kind) {
    switch (kind) {
      case "exact":
        return "gpt-4o";
      case "dated":
        return "gpt-4o-2024-08-06";
      case "prefixed":
        return "azure/gpt-4o-mini";
      case "bedrock":
        return "us.anthropic.claude-3-5-sonnet-20241022-v2:0";
      case "unknown":
        return "acme-llm-7b-instruct";
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  @Benchmark
  public Optional<ModelPrice> lookup() {
    return table.price(name);
  }
}
