package org.mlx4j.core;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.mlx4j.core.graph.Node;

/** Writes the graph behind some arrays in Graphviz dot. */
final class DotExport {
    private DotExport() {}

    static void write(Writer out, Array... outputs) throws IOException {
        Map<Node, String> ids = new IdentityHashMap<>();
        ArrayDeque<Node> todo = new ArrayDeque<>();
        for (Array a : outputs) if (ids.putIfAbsent(a.node(), "n" + ids.size()) == null) todo.add(a.node());
        StringBuilder nodes = new StringBuilder(), edges = new StringBuilder();
        while (!todo.isEmpty()) {
            Node n = todo.poll();
            String id = ids.get(n);
            String label = n.primitive() == null ? "Constant" : n.primitive().name();
            String shape = n.isLeaf() ? "box" : "ellipse";
            nodes.append(String.format("  %s [label=\"%s\\n%s %s\", shape=%s];%n", id, label,
                    n.dtype.mlxName(), Shapes.str(n.shape), shape));
            for (Node in : n.inputs()) {
                if (ids.putIfAbsent(in, "n" + ids.size()) == null) todo.add(in);
                edges.append("  ").append(ids.get(in)).append(" -> ").append(id).append(";\n");
            }
        }
        out.write("digraph mlx4j {\n  rankdir=LR;\n");
        out.write(nodes.toString());
        out.write(edges.toString());
        out.write("}\n");
        out.flush();
    }
}
