// Lays out a SkyWalking OAP to run: the jars this build copied, plus a fresh config folder.
package dev.aitelemetry.testing.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Where SkyWalking's jars are, and the config files the OAP needs. The jars stay where Maven put them
 * ({@code test-otlp-receiver/target/skywalking-lib}, named by the filtered {@code receiver.properties}); the
 * config is copied from this jar's resources because the OAP reads it from a classpath folder.
 */
final class OapInstallation {
  private static final String RESOURCES = "/dev/aitelemetry/testing/otlp/";
  // server-starter's jar ships none of these; each one was found missing in turn (real-stack.md 3a).
  private static final List<String> CONFIG_FILES = List.of(
      "application.yml",
      "log4j2.xml",
      "endpoint-name-grouping.yml",
      "component-libraries.yml",
      "service-apdex-threshold.yml",
      "oal/disable.oal",
      "otel-rules/.keep");

  private final Path libDir;

  private OapInstallation(Path libDir) {
    this.libDir = libDir;
  }

  /** Finds the jars that the build of aitelemetry-test-otlp-receiver copied. */
  static OapInstallation locate() {
    Properties properties = new Properties();
    try (InputStream in = OapInstallation.class.getResourceAsStream(RESOURCES + "receiver.properties")) {
      if (in == null) {
        throw new IllegalStateException("receiver.properties is missing from aitelemetry-test-otlp-receiver");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path lib = Path.of(properties.getProperty("lib", ""));
    String starterJar = "server-starter-" + properties.getProperty("version") + ".jar";
    if (!Files.isRegularFile(lib.resolve(starterJar))) {
      throw new IllegalStateException("SkyWalking's jars are not in " + lib
          + "; build the kit first: mvn -pl test-otlp-receiver generate-resources (or -am with your module)");
    }
    return new OapInstallation(lib);
  }

  /** The classpath entry for every SkyWalking jar. */
  String libClasspathEntry() {
    return libDir.resolve("*").toString();
  }

  /** Writes the OAP's config files into {@code dir}, which becomes the first classpath entry. */
  void writeConfig(Path dir) throws IOException {
    for (String name : CONFIG_FILES) {
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      try (InputStream in = OapInstallation.class.getResourceAsStream(RESOURCES + "oap-config/" + name)) {
        if (in == null) {
          throw new IllegalStateException("OAP config resource missing from the kit's jar: oap-config/" + name);
        }
        Files.copy(in, target);
      }
    }
  }
}
