// Runs one SkyWalking OAP as a child process: start, wait until ready, stop by PID.
package dev.aitelemetry.testing.otlp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The OAP server process. Its output goes to a log file, whose tail is put into every start-up failure. A JVM
 * shutdown hook kills it if the test JVM exits without {@link #stop()}, so no server outlives a crashed test run.
 */
final class OapProcess {
  private static final System.Logger LOG = System.getLogger(OapProcess.class.getName());
  private static final String MAIN_CLASS = "org.apache.skywalking.oap.server.starter.OAPServerStartUp";
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);
  private static final Duration FORCED_STOP = Duration.ofSeconds(5);

  private final Process process;
  private final Path logFile;
  private final Thread killOnExit;

  private OapProcess(Process process, Path logFile) {
    this.process = process;
    this.logFile = logFile;
    this.killOnExit = new Thread(process::destroyForcibly, "otlp-receiver-kill-on-exit");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Launches the OAP in {@code workDir}, with {@code configDir} first on its classpath. */
  static OapProcess launch(OapInstallation installation, Path workDir, Path configDir) throws IOException {
    Path logFile = workDir.resolve("oap.log");
    List<String> command = List.of(
        javaBinary(),
        "-Xms64m",
        "-Xmx384m",
        // Maven resolves SkyWalking's Netty jars to mixed versions; Armeria's warning about it is harmless.
        "-Dcom.linecorp.armeria.warnNettyVersions=false",
        "-cp",
        configDir + java.io.File.pathSeparator + installation.libClasspathEntry(),
        MAIN_CLASS);
    Process process = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
    LOG.log(Level.DEBUG, "started SkyWalking OAP, pid {0}, log {1}", process.pid(), logFile);
    return new OapProcess(process, logFile);
  }

  /**
   * Polls {@code ready} until it holds; fails early with the log tail if the process exits, and after {@code
   * timeout} otherwise.
   */
  void awaitReady(BooleanSupplier ready, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (ready.getAsBoolean()) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("SkyWalking OAP (pid " + process.pid() + ") exited with code "
            + process.exitValue() + " during start-up. Log tail:\n" + logTail());
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("SkyWalking OAP (pid " + process.pid() + ") not ready after " + timeout
            + ". Log tail:\n" + logTail());
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  long pid() {
    return process.pid();
  }

  Path logFile() {
    return logFile;
  }

  /** Stops the process by its PID: SIGTERM, then SIGKILL if it is still running after a bounded wait. */
  void stop() {
    try {
      process.destroy();
      if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(Level.WARNING, "SkyWalking OAP pid {0} ignored SIGTERM for {1}; killing it", process.pid(),
            GRACEFUL_STOP);
        process.destroyForcibly();
        process.waitFor(FORCED_STOP.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      removeShutdownHook();
    }
  }

  /** The last lines of the server's output, for error messages. */
  String logTail() {
    try {
      // Lenient decoding: a log cut mid-character must still give a tail.
      List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(could not read " + logFile + ": " + e + ")";
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException jvmAlreadyExiting) {
      // The hook is running or about to; it kills the same PID again, which is harmless.
    }
  }

  private static String javaBinary() {
    // The JVM running the tests: same Java version, no dependence on PATH or JAVA_HOME.
    return ProcessHandle.current().info().command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
