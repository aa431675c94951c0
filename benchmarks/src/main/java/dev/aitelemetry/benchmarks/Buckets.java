package dev.aitelemetry.benchmarks;

import java.util.List;

/** The bucket advice core uses (copied: core keeps its lists package-private), so baselines aggregate alike. */
final class Buckets {
  static final List<Double> GEN_AI_DURATION =
      List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  static final List<Long> TOKENS =
      List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L,
          67108864L);
  static final List<Double> MCP_DURATION =
      List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);
  static final List<Double> COST =
      List.of(0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

  private Buckets() {}
}
