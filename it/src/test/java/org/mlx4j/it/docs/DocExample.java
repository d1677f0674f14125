package org.mlx4j.it.docs;

import java.util.List;

/**
 * A code example found in the documentation.
 *
 * @param file       the file, relative to the repository root, with '/' separators
 * @param line       the 1-based line of the example's first code line
 * @param lines      the code, one entry per source line (javadoc's leading {@code *} removed)
 * @param context    the simple name of the context class in this package the example runs in
 * @param skipReason why the example is not run, or null when it is
 */
record DocExample(String file, int line, List<String> lines, String context, String skipReason) {
    static final String DEFAULT_CONTEXT = "ExampleContext";

    /** {@code file:line}, how failures and test names point at the example. */
    String where() {
        return file + ":" + line;
    }

    /** {@code file:line} of the example's {@code index}-th line (0-based). */
    String where(int index) {
        return file + ":" + (line + index);
    }
}
