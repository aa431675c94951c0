package dev.aitelemetry.core;

import java.util.Locale;

/** The memory operations of the GenAI conventions; {@link #semconvName()} is the {@code gen_ai.operation.name}. */
public enum MemoryOperationType {
  /** {@code search_memory}: find records (vector search, chat-memory read). */
  SEARCH("search_memory"),
  /** {@code create_memory}: add new records, with ids the store assigns. */
  CREATE("create_memory"),
  /** {@code update_memory}: change existing records (e.g. a chat memory's messages). */
  UPDATE("update_memory"),
  /** {@code upsert_memory}: write records under ids the caller supplies, creating or replacing them. */
  UPSERT("upsert_memory"),
  /** {@code delete_memory}: remove records. */
  DELETE("delete_memory"),
  /** {@code create_memory_store}: create a store (collection, index). */
  CREATE_STORE("create_memory_store"),
  /** {@code delete_memory_store}: delete a whole store. */
  DELETE_STORE("delete_memory_store");

  private final String semconvName;

  MemoryOperationType(String semconvName) {
    this.semconvName = semconvName;
  }

  /** The value of {@code gen_ai.operation.name}, e.g. {@code search_memory}. */
  public String semconvName() {
    return semconvName;
  }

  /**
   * Reads an operation as the Python guide's users write it: the semconv name ({@code search_memory}), the short
   * verb ({@code search}, {@code store} and {@code add} for create, {@code remove} for delete) or the enum name,
   * in any case.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
   */
  public static MemoryOperationType parse(String name) {
    if (name == null) {
      throw new IllegalArgumentException("memory operation must not be null");
    }
    String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (MemoryOperationType type : values()) {
      if (type.semconvName.equals(n) || type.name().toLowerCase(Locale.ROOT).equals(n)) {
        return type;
      }
    }
    switch (n) {
      case "store":
      case "add":
      case "insert":
      case "capture":
        return CREATE;
      case "remove":
        return DELETE;
      case "get":
      case "query":
      case "find":
      case "retrieve":
        return SEARCH;
      default:
        throw new IllegalArgumentException(
            "unknown memory operation \"" + name + "\"; expected one of search_memory, create_memory,"
                + " update_memory, upsert_memory, delete_memory, create_memory_store, delete_memory_store"
                + " (or search, create, update, upsert, delete)");
    }
  }
}
