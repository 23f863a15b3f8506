package dev.nas.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nas.core.json.Json;
import java.io.PrintWriter;
import java.time.Instant;

/** {@code --log-format json} lines: one JSON object per event, each with {@code event} and {@code time}. */
record JsonEvents(PrintWriter out) {

  /** A new event named {@code name}, stamped now, to fill and {@link #emit}. */
  ObjectNode event(String name) {
    ObjectNode n = Json.json().createObjectNode();
    n.put("event", name);
    n.put("time", Instant.now().toString());
    return n;
  }

  void emit(ObjectNode n) {
    synchronized (out) {
      out.println(n.toString());
      out.flush();
    }
  }
}
