package dev.weave4j.internal.agents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.weave4j.BlobPart;
import dev.weave4j.FilePart;
import dev.weave4j.Message;
import dev.weave4j.MessagePart;
import dev.weave4j.ReasoningPart;
import dev.weave4j.TextPart;
import dev.weave4j.ToolCallPart;
import dev.weave4j.ToolCallResponsePart;
import dev.weave4j.UriPart;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Internal, unstable. Messages and system instructions as the JSON text of the GenAI semantic
 * conventions' "parts" model ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}, {@code
 * gen_ai.system_instructions}), as the upstream SDK writes them.
 */
final class GenAiJson {

  private static final JsonFactory JSON = new JsonFactory();

  private GenAiJson() {}

  /**
   * {@code [{"role","parts":[...],"finish_reason"?}, ...]}; {@code reasoning}, when not null, is
   * prepended as a reasoning part to the last assistant message.
   */
  static String messages(List<Message> messages, String reasoning) {
    int reasoningAt = -1;
    if (reasoning != null) {
      for (int i = messages.size() - 1; i >= 0 && reasoningAt < 0; i--) {
        reasoningAt = messages.get(i).role().equals("assistant") ? i : -1;
      }
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (int i = 0; i < messages.size(); i++) {
        Message m = messages.get(i);
        g.writeStartObject();
        g.writeStringField("role", m.role());
        g.writeArrayFieldStart("parts");
        if (i == reasoningAt) {
          part(g, new ReasoningPart(reasoning));
        }
        for (MessagePart p : m.parts()) {
          part(g, p);
        }
        g.writeEndArray();
        if (m.finishReason() != null) {
          g.writeStringField("finish_reason", m.finishReason());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code [{"type":"text","content":...}, ...]}. */
  static String textParts(List<String> texts) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (String t : texts) {
        part(g, new TextPart(t));
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code {"key": <json>, ...}} from pairs of keys and JSON texts (null texts left out). */
  static String object(String... keysAndJson) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      for (int i = 0; i < keysAndJson.length; i += 2) {
        if (keysAndJson[i + 1] != null) {
          g.writeFieldName(keysAndJson[i]);
          writeJsonOrString(g, keysAndJson[i + 1]);
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code text} as JSON: itself when it is one JSON value, else a JSON string of it. */
  static String jsonOrString(String text) {
    if (isJson(text)) {
      return text;
    }
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void part(JsonGenerator g, MessagePart p) throws IOException {
    g.writeStartObject();
    if (p instanceof TextPart t) {
      g.writeStringField("type", "text");
      g.writeStringField("content", t.content());
    } else if (p instanceof ReasoningPart r) {
      g.writeStringField("type", "reasoning");
      g.writeStringField("content", r.content());
    } else if (p instanceof ToolCallPart c) {
      g.writeStringField("type", "tool_call");
      g.writeStringField("id", c.id());
      g.writeStringField("name", c.name());
      if (c.arguments() != null) {
        g.writeFieldName("arguments");
        writeJsonOrString(g, c.arguments());
      }
    } else if (p instanceof ToolCallResponsePart r) {
      g.writeStringField("type", "tool_call_response");
      g.writeStringField("id", r.id());
      if (r.response() != null) {
        g.writeFieldName("response");
        writeJsonOrString(g, r.response());
      }
    } else if (p instanceof BlobPart b) {
      media(g, "blob", b.mimeType(), b.modality());
      g.writeStringField("content", b.content());
    } else if (p instanceof UriPart u) {
      media(g, "uri", u.mimeType(), u.modality());
      g.writeStringField("uri", u.uri());
    } else if (p instanceof FilePart f) {
      media(g, "file", f.mimeType(), f.modality());
      g.writeStringField("file_id", f.fileId());
    }
    g.writeEndObject();
  }

  private static void media(JsonGenerator g, String type, String mimeType, String modality)
      throws IOException {
    g.writeStringField("type", type);
    if (mimeType != null) {
      g.writeStringField("mime_type", mimeType);
    }
    if (modality != null) {
      g.writeStringField("modality", modality);
    }
  }

  private static void writeJsonOrString(JsonGenerator g, String text) throws IOException {
    if (isJson(text)) {
      g.writeRawValue(text);
    } else {
      g.writeString(text);
    }
  }

  /** Whether {@code text} is exactly one JSON object or array (scalars stay strings). */
  static boolean isJson(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    if (first != '{' && first != '[') {
      return false;
    }
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() == null) {
        return false;
      }
      p.skipChildren();
      return p.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}
