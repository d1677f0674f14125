package org.mlx4j.core.graph;

import java.util.Locale;

final class OpNames {
    private OpNames() {}

    /** {@code LOGICAL_NOT} becomes {@code logicalNot}. */
    static String camel(String enumName) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : enumName.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') { upper = true; continue; }
            sb.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        return sb.toString();
    }
}
