package org.mlx4j.lm.tokenizer;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.Iterator;
import java.util.Map;

/**
 * Jinja's {@code is iterable} test, which holds for strings too (Python iterates over their characters): Llama 3.1's
 * template prints a tool result with {@code tojson} when {@code message.content is mapping or ... is iterable}.
 */
final class IterableTest implements ExpTest {
    @Override
    public String getName() {
        return "iterable";
    }

    @Override
    public boolean evaluate(Object value, JinjavaInterpreter interpreter, Object... args) {
        return value instanceof CharSequence || value instanceof Iterable<?> || value instanceof Map<?, ?>
                || value instanceof Iterator<?> || (value != null && value.getClass().isArray());
    }
}
