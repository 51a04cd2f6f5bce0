package dev.weave4j.internal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** JSON Schemas of the Weave request bodies (test resources {@code weave-schemas/}). */
final class WeaveSchemas {

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private WeaveSchemas() {}

  /** Validation errors of {@code body} against schema {@code name}; empty when valid. */
  static List<String> validate(String name, JsonNode body) {
    JsonSchema schema = SCHEMAS.computeIfAbsent(name, WeaveSchemas::load);
    return schema.validate(body).stream().map(ValidationMessage::getMessage).toList();
  }

  private static JsonSchema load(String name) {
    try (InputStream in =
        WeaveSchemas.class.getResourceAsStream("/weave-schemas/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no schema " + name);
      }
      return FACTORY.getSchema(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
