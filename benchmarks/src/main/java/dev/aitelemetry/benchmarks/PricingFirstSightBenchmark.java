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
 * Issue #7 §5, the excepted case: the first sight of a name (normalization and exact look-ups, no memo). The
 * table's memo is filled to its capacity with other names first, so every call takes the first-sight path
 * without the benchmark having to invent a new string per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class PricingFirstSightBenchmark {
  /** At least the memo capacity of a table ({@code PricingTable.MEMO_CAPACITY} is 10,000). */
  static final int MEMO_FILL = 10_000;

  @Param({"exact", "dated", "prefixed", "bedrock", "unknown"})
  public String nameKind;

  private PricingTable table;
  private String name;

  @Setup
  public void setUp() {
    table = Fixtures.pricingTable(2_000);
    for (int i = 0; i < MEMO_FILL; i++) {
      table.price("filler-model-" + i);
    }
    name = PricingLookupBenchmark.nameOf(nameKind);
  }

  @Benchmark
  public Optional<ModelPrice> firstSight() {
    return table.price(name);
  }
}
