package dev.aitelemetry.benchmarks;

import dev.aitelemetry.cost.Cost;
import dev.aitelemetry.cost.PricingTable;
import dev.aitelemetry.cost.TokenUsage;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The whole cost of one call (look-up plus exact BigDecimal arithmetic), a dated name on 2,000 entries. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class PricingCostBenchmark {
  private PricingTable table;
  private final TokenUsage usage = new TokenUsage(1200, 300, 1000, 0, 120);

  @Setup
  public void setUp() {
    table = Fixtures.pricingTable(2_000);
  }

  @Benchmark
  public Optional<Cost> cost() {
    return table.cost("gpt-4o-2024-08-06", usage);
  }
}
