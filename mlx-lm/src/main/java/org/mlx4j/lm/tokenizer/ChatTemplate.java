package org.mlx4j.lm.tokenizer;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.util.Map;
import jinjava.javax.el.CompositeELResolver;

/**
 * A chat template rendered by Jinjava configured as transformers' Jinja environment ({@code trim_blocks},
 * {@code lstrip_blocks}, loop controls), with transformers' additions: {@code raise_exception(message)},
 * {@code strftime_now(format)} and a {@code tojson} filter that writes as Python's {@code json.dumps}; Python's
 * string methods ({@code strip}, {@code split}, {@code startswith} ...) work on strings, and {@code is iterable}
 * holds for strings, as in Python.
 */
final class ChatTemplate {
    private final String source;
    private final Jinjava jinjava;

    ChatTemplate(String source) {
        this.source = JinjaWhitespace.apply(source);
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonStringMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder().withElResolver(resolver).build();
        jinjava = new Jinjava(config);
        jinjava.getGlobalContext().registerFilter(new ToJsonFilter());
        jinjava.getGlobalContext().registerExpTest(new IterableTest());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                ChatTemplateFunctions.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                ChatTemplateFunctions.class, "strftimeNow", String.class));
    }

    String render(Map<String, Object> context) {
        RenderResult result = jinjava.renderForResult(source, context);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                for (Throwable t = error.getException(); t != null; t = t.getCause()) {
                    if (t instanceof ChatTemplateFunctions.RaisedException raised) {
                        throw new IllegalArgumentException("chat template: " + raised.getMessage(), raised);
                    }
                }
                throw new IllegalArgumentException("chat template: " + error.getMessage()
                        + (error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : ""), error.getException());
            }
        }
        return result.getOutput();
    }
}
