package dev.aitelemetry.benchmarks;

import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the listener's abandoned-call safety net costs per call, in the same run as the listener: the library
 * registers each unwrapped call's per-call attributes map with a {@link Cleaner} (a call that gets neither {@code
 * onResponse} nor {@code onError} is ended when the map is collected) and unregisters it with {@code
 * Cleanable.clean()} when the call ends normally. {@code cleanerRegisterAndClean} does exactly that with a
 * do-nothing action; {@code mapOnly} is the per-call map alone. The bare-SDK baseline has no such net, so this is
 * part of the listener's distance from it ({@code docs/benchmarks.md}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class SafetyNetBenchmark {
  private static final Cleaner CLEANER = Cleaner.create();

  /** The cleaning action: like the library's, it finds the call ended and does nothing. */
  private static final class Abandoned implements Runnable {
    private final AtomicBoolean ended;

    Abandoned(AtomicBoolean ended) {
      this.ended = ended;
    }

    @Override
    public void run() {
      if (!ended.get()) {
        throw new IllegalStateException("not reached: the call ended before clean()");
      }
    }
  }

  private final AtomicBoolean ended = new AtomicBoolean(true);

  @Benchmark
  public Map<Object, Object> mapOnly() {
    return new ConcurrentHashMap<>();
  }

  @Benchmark
  public Map<Object, Object> cleanerRegisterAndClean() {
    Map<Object, Object> attributes = new ConcurrentHashMap<>();
    Cleaner.Cleanable c = CLEANER.register(attributes, new Abandoned(ended));
    c.clean();
    return attributes;
  }
}
