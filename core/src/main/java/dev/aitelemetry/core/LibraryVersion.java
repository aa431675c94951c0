package dev.aitelemetry.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, written into a resource at build time, for the instrumentation scope. */
final class LibraryVersion {
  static final String VERSION = read();

  private LibraryVersion() {}

  private static String read() {
    try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
