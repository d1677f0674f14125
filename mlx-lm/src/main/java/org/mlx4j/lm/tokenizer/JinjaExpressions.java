package org.mlx4j.lm.tokenizer;

/**
 * Rewrites the Jinja expressions of a tag into forms Jinjava parses as Jinja does: a keyword argument's value goes
 * in parentheses ({@code namespace(n=messages|length - 1)} becomes {@code namespace(n=(messages|length - 1))}: Jinja
 * binds {@code name=} loosest, Jinjava binds what follows the value to the whole {@code name=value}); the operand of
 * {@code not} goes in parentheses up to the next {@code and}, {@code or}, {@code if}, {@code else}, comma or closing
 * bracket ({@code not x|length == 1} is {@code not (x|length == 1)} in Jinja, {@code (not x|length) == 1} in
 * Jinjava); the reversing slice {@code x[::-1]} becomes {@code x|reverse|list}. String literals are left alone.
 */
final class JinjaExpressions {
    private JinjaExpressions() {}

    /** One bracket level: its opening bracket, whether a keyword value is open in it, how many {@code not}s. */
    private static final class Level {
        final char bracket;
        boolean valueOpen;
        int notsOpen;

        Level(char bracket) {
            this.bracket = bracket;
        }
    }

    static String rewrite(String body) {
        StringBuilder out = new StringBuilder(body.length() + 8);
        java.util.ArrayDeque<Level> levels = new java.util.ArrayDeque<>();
        levels.push(new Level(' '));
        String previousWord = "";
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            Level level = levels.peek();
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < body.length() && body.charAt(j) != c) j += body.charAt(j) == '\\' ? 2 : 1;
                j = Math.min(j, body.length() - 1);
                out.append(body, i, j + 1);
                i = j;
                previousWord = "";
                continue;
            }
            if (body.startsWith("[::-1]", i)) {
                out.append("|reverse|list");
                i += 5;
                continue;
            }
            if (Character.isJavaIdentifierStart(c)) {
                int j = i;
                while (j < body.length() && Character.isJavaIdentifierPart(body.charAt(j))) j++;
                String word = body.substring(i, j);
                int k = j;
                while (k < body.length() && body.charAt(k) == ' ') k++;
                boolean callLevel = level.bracket == '(';
                if (word.equals("and") || word.equals("or") || word.equals("if") || word.equals("else")) {
                    closeNots(out, level);
                    out.append(word);
                } else if (word.equals("not") && !previousWord.equals("is") && !body.startsWith("in ", k)) {
                    out.append("not (");
                    level.notsOpen++;
                } else if (callLevel && !level.valueOpen && k < body.length() && body.charAt(k) == '='
                        && (k + 1 == body.length() || body.charAt(k + 1) != '=') && afterSeparator(out)) {
                    out.append(body, i, k + 1).append('(');
                    level.valueOpen = true;
                    j = k + 1;
                } else {
                    out.append(word);
                }
                previousWord = word;
                i = j - 1;
                continue;
            }
            if (c != ' ' && c != '\t' && c != '\n') previousWord = "";
            if (c == '(' || c == '[' || c == '{') {
                out.append(c);
                levels.push(new Level(c));
            } else if ((c == ')' || c == ']' || c == '}') && levels.size() > 1) {
                closeNots(out, level);
                if (level.valueOpen) out.append(')');
                levels.pop();
                out.append(c);
            } else if (c == ',') {
                closeNots(out, level);
                if (level.valueOpen) out.append(')');
                level.valueOpen = false;
                out.append(c);
            } else {
                out.append(c);
            }
        }
        while (!levels.isEmpty()) {
            Level level = levels.pop();
            closeNots(out, level);
            if (level.valueOpen) out.append(')');
        }
        return out.toString();
    }

    private static void closeNots(StringBuilder out, Level level) {
        if (level.notsOpen == 0) return;
        int trailing = out.length();
        while (trailing > 0 && out.charAt(trailing - 1) == ' ') trailing--;
        String spaces = out.substring(trailing);
        out.setLength(trailing);
        out.append(")".repeat(level.notsOpen)).append(spaces);
        level.notsOpen = 0;
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
