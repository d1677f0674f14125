package org.mlx4j.core.graph;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

final class OpNames {
    private OpNames() {}

    /** Names already converted: every op asks for its name when it is called. */
    private static final ConcurrentHashMap<String, String> CAMEL = new ConcurrentHashMap<>();

    /** {@code LOGICAL_NOT} becomes {@code logicalNot}. */
    static String camel(String enumName) { return CAMEL.computeIfAbsent(enumName, OpNames::convert); }

    private static String convert(String enumName) {
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
