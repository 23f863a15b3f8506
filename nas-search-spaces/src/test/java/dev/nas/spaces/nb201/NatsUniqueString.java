package dev.nas.spaces.nb201;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Test oracle: NATS-Bench's {@code to_unique_str(consider_zero=True)} written from its documented
 * rules: a zero input or a {@code none} edge is the term '#', a skip passes its input's string, any
 * other op wraps it as {@code (in)@op}; a node is its sorted terms joined by '+'.
 */
final class NatsUniqueString {

  private NatsUniqueString() {}

  static String of(String arch) {
    String[] nodes = arch.split("\\+");
    List<String> values = new ArrayList<>(List.of("0"));
    for (String node : nodes) {
      List<String> terms = new ArrayList<>();
      for (String item : node.substring(1, node.length() - 1).split("\\|")) {
        String op = item.substring(0, item.indexOf('~'));
        String in = values.get(Integer.parseInt(item.substring(item.indexOf('~') + 1)));
        if (op.equals("none") || in.equals("#")) {
          terms.add("#");
        } else if (op.equals("skip_connect")) {
          terms.add(in);
        } else {
          terms.add("(" + in + ")@" + op);
        }
      }
      Collections.sort(terms);
      values.add(String.join("+", terms));
    }
    return values.get(values.size() - 1);
  }
}
