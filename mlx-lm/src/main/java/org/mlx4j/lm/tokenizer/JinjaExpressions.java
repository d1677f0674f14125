package org.mlx4j.lm.tokenizer;

/**
 * Rewrites the Jinja expressions of a tag into the forms Jinjava parses the same way: each keyword argument's value
 * goes in parentheses ({@code namespace(n=messages|length - 1)} becomes {@code namespace(n=(messages|length - 1))}:
 * Jinja binds {@code name=} loosest, Jinjava binds a filter or an operator after the value to the whole
 * {@code name=value}), and the reversing slice {@code x[::-1]} becomes {@code x|reverse|list}.
 */
final class JinjaExpressions {
    private JinjaExpressions() {}

    static String rewrite(String body) {
        StringBuilder out = new StringBuilder(body.length() + 8);
        char[] brackets = new char[body.length() + 1];
        boolean[] valueOpen = new boolean[body.length() + 1];
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < body.length() && body.charAt(j) != c) j += body.charAt(j) == '\\' ? 2 : 1;
                j = Math.min(j, body.length() - 1);
                out.append(body, i, j + 1);
                i = j;
                continue;
            }
            if (body.startsWith("[::-1]", i)) {
                out.append("|reverse|list");
                i += 5;
                continue;
            }
            boolean inCall = depth > 0 && brackets[depth - 1] == '(';
            if (c == '(' || c == '[' || c == '{') {
                brackets[depth] = c;
                valueOpen[depth++] = false;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                if (valueOpen[--depth]) out.append(')');
            } else if (c == ',' && inCall && valueOpen[depth - 1]) {
                out.append(')');
                valueOpen[depth - 1] = false;
            } else if (inCall && !valueOpen[depth - 1] && Character.isJavaIdentifierStart(c) && afterSeparator(out)) {
                int j = i;
                while (j < body.length() && Character.isJavaIdentifierPart(body.charAt(j))) j++;
                int k = j;
                while (k < body.length() && body.charAt(k) == ' ') k++;
                if (k < body.length() && body.charAt(k) == '=' && (k + 1 == body.length() || body.charAt(k + 1) != '=')) {
                    out.append(body, i, k + 1).append('(');
                    valueOpen[depth - 1] = true;
                    i = k;
                    continue;
                }
                out.append(body, i, j);
                i = j - 1;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean afterSeparator(StringBuilder out) {
        for (int i = out.length() - 1; i >= 0; i--) {
            char c = out.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') continue;
            return c == '(' || c == ',';
        }
        return false;
    }
}
