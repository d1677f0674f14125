package org.mlx4j.lm.tokenizer;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds added tokens in a text as HF does: leftmost-longest, non-overlapping matches (its Aho-Corasick), honouring
 * {@code single_word}, {@code lstrip} and {@code rstrip}; the text between matches is handed on as plain segments.
 */
final class AddedTokenMatcher {
    /** Receives the segments of a split text, in order. */
    interface SegmentSink {
        void token(int id);

        void text(String text, int offset);
    }

    private static final class Node {
        final Map<Character, Node> children = new HashMap<>(4);
        AddedToken token;
    }

    private final Node root = new Node();
    private final BitSet firstChars = new BitSet(65536);
    private final boolean empty;

    AddedTokenMatcher(List<AddedToken> tokens) {
        for (AddedToken t : tokens) {
            if (t.content().isEmpty()) continue;
            Node node = root;
            for (int i = 0; i < t.content().length(); i++) {
                node = node.children.computeIfAbsent(t.content().charAt(i), c -> new Node());
            }
            node.token = t;
            firstChars.set(t.content().charAt(0));
        }
        empty = root.children.isEmpty();
    }

    /** Splits {@code text} (which starts at {@code offset} of the input) at its added tokens. */
    void split(String text, int offset, SegmentSink sink) {
        if (empty) {
            sink.text(text, offset);
            return;
        }
        int emitted = 0;
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            if (!firstChars.get(text.charAt(pos))) {
                pos++;
                continue;
            }
            AddedToken found = null;
            int matchEnd = -1;
            Node node = root;
            for (int i = pos; i < n; i++) {
                node = node.children.get(text.charAt(i));
                if (node == null) break;
                if (node.token != null) {
                    found = node.token;
                    matchEnd = i + 1;
                }
            }
            if (found == null) {
                pos++;
                continue;
            }
            int start = pos;
            int stop = matchEnd;
            pos = matchEnd;
            if (found.singleWord() && (endsWithWord(text, start) || startsWithWord(text, stop))) continue;
            if (found.lstrip()) {
                while (start > emitted && UnicodeText.isWhitespace(text.codePointBefore(start))) {
                    start -= Character.charCount(text.codePointBefore(start));
                }
            }
            if (found.rstrip()) {
                while (stop < n && UnicodeText.isWhitespace(text.codePointAt(stop))) {
                    stop += Character.charCount(text.codePointAt(stop));
                }
                pos = stop;
            }
            if (start > emitted) sink.text(text.substring(emitted, start), offset + emitted);
            sink.token(found.id());
            emitted = stop;
        }
        if (emitted < n || n == 0) sink.text(text.substring(emitted), offset + emitted);
    }

    private static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean endsWithWord(String text, int end) {
        return end > 0 && isWordChar(text.codePointBefore(end));
    }

    private static boolean startsWithWord(String text, int start) {
        return start < text.length() && isWordChar(text.codePointAt(start));
    }
}
