// Collects the measured figures of the reliability and security tests and prints them for the docs.
package dev.aitelemetry.it.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Each figure is printed as {@code FIGURE <test> <name> = <value>} and appended to {@code
 * target/reliability-figures.txt}, from which {@code docs/reliability.md} and {@code docs/security.md} take their
 * numbers.
 */
public final class Figures {
  private static final Path FILE = Path.of("target", "reliability-figures.txt");

  private Figures() {}

  public static synchronized void record(String test, String name, Object value) {
    String line = "FIGURE " + test + " " + name + " = " + value;
    System.out.println(line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, Instant.now() + " " + line + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.out.println("(could not write " + FILE + ": " + e + ")");
    }
  }
}
