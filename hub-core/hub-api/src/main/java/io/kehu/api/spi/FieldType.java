package io.kehu.api.spi;

/** Types of connector configuration fields; values arrive as strings, lists or maps and are checked against these. */
public enum FieldType {
    STRING,
    INTEGER,
    BOOLEAN,
    /** ISO-8601 ({@code PT30S}) or simple ({@code 30s}, {@code 5m}, {@code 2h}). */
    DURATION,
    /** A file system path; relative paths resolve against the hub's working directory. */
    PATH,
    URL,
    /** One of {@link ConfigField#allowedValues()}. */
    ENUM,
    /** A list of strings (YAML list or comma-separated). */
    LIST,
    /** A map of string to string, e.g. a header mapping. */
    MAP
}
