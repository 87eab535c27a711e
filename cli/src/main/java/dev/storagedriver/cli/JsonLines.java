package dev.storagedriver.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.storagedriver.FileInfo;
import dev.storagedriver.PendingWrite;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --json} output: one JSON object per line (JSON Lines), so a listing streams and {@code jq} reads it line
 * by line. Strings are written by Jackson's generator, which escapes control characters and keeps every other
 * character as it is; times are ISO-8601 strings. The objects' fields are documented in cli/README.md.
 */
final class JsonLines {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final PrintStream out;

  JsonLines(PrintStream out) {
    this.out = out;
  }

  /** Writes {@code fields} as one object on one line; values are strings, numbers, booleans, instants or null. */
  synchronized void write(Map<String, ?> fields) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(text)) {
      json.writeStartObject();
      for (Map.Entry<String, ?> field : fields.entrySet()) {
        json.writeFieldName(field.getKey());
        Object value = field.getValue();
        if (value == null) {
          json.writeNull();
        } else if (value instanceof String s) {
          json.writeString(s);
        } else if (value instanceof Boolean b) {
          json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
          json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
          json.writeNumber(n.doubleValue());
        } else if (value instanceof Instant t) {
          json.writeString(t.toString());
        } else {
          throw new IllegalArgumentException("no JSON form for " + value.getClass());
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    out.println(text);
  }

  /** A listing entry: {@code path}, {@code type} ("file" or "directory"), {@code size}, {@code modified}. */
  static Map<String, Object> entry(FileInfo info) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("path", info.path());
    fields.put("type", info.isDirectory() ? "directory" : "file");
    fields.put("size", info.size());
    fields.put("modified", info.modTime());
    return fields;
  }

  /** A pending write: {@code path}, {@code id}, {@code size} (-1 when unknown), {@code lastModified}. */
  static Map<String, Object> entry(PendingWrite write) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("path", write.path());
    fields.put("id", write.id());
    fields.put("size", write.size());
    fields.put("lastModified", write.lastModified());
    return fields;
  }
}
