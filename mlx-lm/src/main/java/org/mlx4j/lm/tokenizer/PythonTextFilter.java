package org.mlx4j.lm.tokenizer;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;

/**
 * Prints a value as Jinja (Python's {@code str}) does where Jinjava differs: booleans as {@code True} and
 * {@code False}. {@link JinjaWhitespace} applies it to every {@code {{ ... }}} expression.
 */
final class PythonTextFilter implements Filter {
    static final String NAME = "mlx4j_python_text";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Object filter(Object value, JinjavaInterpreter interpreter, String... args) {
        if (value instanceof Boolean b) return b ? "True" : "False";
        return value;
    }
}
