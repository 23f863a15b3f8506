package dev.nas.supernet.ops;

import dev.nas.spaces.network.Network;
import dev.nas.spaces.network.Node;
import dev.nas.spaces.network.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The form of every op kind: where the tape, the graph builders and the weight store look an op up. */
public final class OpForms {

  private static final Map<Class<?>, OpForm<?>> FORMS = Stream.of(
          new InputForm(), new ConvForm(), new BatchNormForm(), new ReluForm(), new PoolForm(), new IdentityForm(),
          new ZeroForm(), new CropForm(), new AddForm(), new ConcatForm(), new GlobalAvgPoolForm(), new LinearForm(),
          new DropPathForm(), new MixedForm())
      .collect(Collectors.toUnmodifiableMap(OpForm::type, Function.identity()));

  private OpForms() {}

  /** The form of {@code op}'s kind. */
  @SuppressWarnings("unchecked")
  public static <O extends Op> OpForm<O> of(O op) {
    OpForm<?> form = FORMS.get(op.getClass());
    if (form == null) {
      throw new IllegalStateException("no form for op " + op + " (" + op.getClass().getName() + "): register one in "
          + OpForms.class.getName());
    }
    return (OpForm<O>) form;
  }

  /** The op kinds that have a form. */
  public static java.util.Set<Class<?>> kinds() {
    return FORMS.keySet();
  }

  /** The weight-store arrays of node {@code n} of {@code net}. */
  public static List<StoreArray> arrays(Network net, Node n) {
    return of(n.op()).arrays(n.op(), net, n);
  }

  /** The weight-store arrays of every node of {@code net}, in node order (an array shared by nodes listed once per node). */
  public static List<StoreArray> arrays(Network net) {
    List<StoreArray> all = new ArrayList<>();
    for (Node n : net.nodes()) {
      all.addAll(arrays(net, n));
    }
    return all;
  }
}
