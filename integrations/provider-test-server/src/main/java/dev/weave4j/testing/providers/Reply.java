package dev.weave4j.testing.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the server sends back for one request: a JSON body or a server-sent-event stream. */
interface Reply {

  ObjectMapper JSON = new ObjectMapper();

  void send(HttpExchange exchange) throws IOException;

  /** One server-sent event: an optional {@code event:} name and its JSON data. */
  record Event(String name, JsonNode data) {}

  static Reply json(int status, JsonNode body) {
    return exchange -> {
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  /**
   * A {@code text/event-stream} of {@code events}, then {@code terminator} (e.g. OpenAI's {@code
   * [DONE]}) if not null; each event is flushed on its own, as a provider streams them.
   */
  static Reply sse(List<Event> events, String terminator) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0); // chunked
      try (OutputStream out = exchange.getResponseBody()) {
        for (Event e : events) {
          out.write(frame(e.name(), JSON.writeValueAsString(e.data())));
          out.flush();
        }
        if (terminator != null) {
          out.write(frame(null, terminator));
        }
      }
    };
  }

  /**
   * The first half of the events of {@link #sse}, then the connection is dropped without the
   * chunked body's end: the client sees an unexpected end of stream mid-way.
   */
  static Reply cutSse(List<Event> events) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (Event e : events.subList(0, events.size() / 2)) {
        out.write(frame(e.name(), JSON.writeValueAsString(e.data())));
      }
      out.flush();
      throw new ConnectionDropped();
    };
  }

  /** Thrown out of the server's handler so that it drops the connection as it is. */
  final class ConnectionDropped extends RuntimeException {
    ConnectionDropped() {
      super("stream cut on purpose", null, false, false);
    }
  }

  /** The SSE text format: optional {@code event:} line, one {@code data:} line per line, blank. */
  static byte[] frame(String name, String data) {
    StringBuilder b = new StringBuilder(data.length() + 32);
    if (name != null) {
      b.append("event: ").append(name).append('\n');
    }
    for (String line : data.split("\n", -1)) {
      b.append("data: ").append(line).append('\n');
    }
    b.append('\n');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }
}
