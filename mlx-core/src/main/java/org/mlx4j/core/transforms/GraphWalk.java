package org.mlx4j.core.transforms;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.graph.Node;

/** Iterative walks over traced graphs (no recursion: traced graphs can be deep). */
final class GraphWalk {
    private GraphWalk() {}

    /** Post-order (inputs before consumers) of the graph behind {@code outputs}, not descending below {@code stopAt}. */
    static List<Node> postOrder(List<Array> outputs, Map<Node, ?> stopAt) {
        List<Node> order = new ArrayList<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayList<Node> stack = new ArrayList<>();
        ArrayList<Integer> next = new ArrayList<>();
        for (Array o : outputs) {
            if (seen.putIfAbsent(Handles.node(o), true) != null) continue;
            stack.add(Handles.node(o));
            next.add(0);
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                Node n = stack.get(top);
                Node[] ins = stopAt.containsKey(n) ? new Node[0] : n.inputs();
                int i = next.get(top);
                if (i < ins.length) {
                    next.set(top, i + 1);
                    if (seen.putIfAbsent(ins[i], true) == null) {
                        stack.add(ins[i]);
                        next.add(0);
                    }
                } else {
                    order.add(n);
                    stack.remove(top);
                    next.remove(top);
                }
            }
        }
        return order;
    }
}
