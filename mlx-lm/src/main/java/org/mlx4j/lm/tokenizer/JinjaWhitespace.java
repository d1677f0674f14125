package org.mlx4j.lm.tokenizer;

/**
 * Applies Jinja2's whitespace rules to a template's source, as transformers' environment has them:
 * {@code -} markers ({@code {{-}, {@code -%}} ...) strip all whitespace on their side, {@code trim_blocks} drops the
 * first newline after a block or comment tag, {@code lstrip_blocks} drops the spaces and tabs before a block or
 * comment tag that begins its line ({@code +} markers turn those two off), and one newline that ends the template is
 * dropped ({@code keep_trailing_newline} false). The result, without the markers, renders
 * the same in an engine that keeps all whitespace; {@code raw} blocks are left as they are. Tag bodies go through
 * {@link JinjaExpressions}, and each printed expression through {@link PythonTextFilter}.
 */
final class JinjaWhitespace {
    private JinjaWhitespace() {}

    private record Tag(int start, int end, char kind, boolean stripBefore, boolean keepBefore, boolean stripAfter,
                       boolean keepAfter) {}

    static String apply(String template) {
        // keep_trailing_newline=False: one newline at the end of the template is dropped
        String source = template.endsWith("\r\n") ? template.substring(0, template.length() - 2)
                : template.endsWith("\n") ? template.substring(0, template.length() - 1) : template;
        StringBuilder out = new StringBuilder(source.length());
        int pos = 0;
        Tag previous = null;
        boolean inRaw = false;
        while (pos <= source.length()) {
            Tag tag = nextTag(source, pos);
            int textEnd = tag == null ? source.length() : tag.start;
            String text = source.substring(pos, textEnd);
            if (!inRaw) text = trimText(text, previous, tag);
            out.append(text);
            if (tag == null) break;
            String body = source.substring(tag.start + 2 + (tag.stripBefore || tag.keepBefore ? 1 : 0),
                    tag.end - 2 - (tag.stripAfter || tag.keepAfter ? 1 : 0));
            String keyword = body.strip();
            if (tag.kind == '%' && keyword.startsWith("raw")) inRaw = true;
            if (inRaw && !(tag.kind == '%' && keyword.startsWith("raw"))) {
                if (tag.kind == '%' && keyword.startsWith("endraw")) {
                    inRaw = false;
                    out.append("{%").append(body).append("%}");
                } else {
                    out.append(source, tag.start, tag.end);
                }
            } else {
                if (tag.kind != '#') body = JinjaExpressions.rewrite(body);
                if (tag.kind == '{' && !body.isBlank()) body = " (" + body + ")|" + PythonTextFilter.NAME + " ";
                out.append('{').append(tag.kind).append(body).append(tag.kind == '{' ? '}' : tag.kind).append('}');
            }
            previous = tag;
            pos = tag.end;
        }
        return out.toString();
    }

    private static String trimText(String text, Tag before, Tag after) {
        int start = 0;
        int end = text.length();
        if (before != null) {
            if (before.stripAfter) {
                while (start < end && Character.isWhitespace(text.charAt(start))) start++;
            } else if (before.kind != '{' && !before.keepAfter) {
                if (text.startsWith("\r\n")) start = 2;
                else if (text.startsWith("\n") || text.startsWith("\r")) start = 1;
            }
        }
        if (after != null) {
            if (after.stripBefore) {
                while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
            } else if (after.kind != '{' && !after.keepBefore) {
                int i = end;
                while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) i--;
                boolean lineStart = i == 0 ? before == null : text.charAt(i - 1) == '\n' || text.charAt(i - 1) == '\r';
                if (lineStart) end = Math.max(start, i);
            }
        }
        return start >= end ? "" : text.substring(start, end);
    }

    /** The next tag from {@code from}, skipping quoted strings inside it, or null. */
    private static Tag nextTag(String s, int from) {
        for (int i = s.indexOf('{', from); i >= 0 && i + 1 < s.length(); i = s.indexOf('{', i + 1)) {
            char kind = s.charAt(i + 1);
            if (kind != '{' && kind != '%' && kind != '#') continue;
            char close = kind == '{' ? '}' : kind;
            int j = i + 2;
            char quote = 0;
            while (j + 1 < s.length()) {
                char c = s.charAt(j);
                if (kind != '#' && quote == 0 && (c == '\'' || c == '"')) quote = c;
                else if (quote != 0 && c == '\\') j++;
                else if (quote != 0 && c == quote) quote = 0;
                else if (quote == 0 && c == close && s.charAt(j + 1) == '}') break;
                j++;
            }
            if (j + 1 >= s.length()) return null;
            int end = j + 2;
            char first = i + 2 < end - 2 ? s.charAt(i + 2) : ' ';
            char last = end - 3 > i + 1 ? s.charAt(end - 3) : ' ';
            return new Tag(i, end, kind, first == '-', first == '+', last == '-' && end - 3 > i + 2,
                    last == '+' && end - 3 > i + 2);
        }
        return null;
    }
}
