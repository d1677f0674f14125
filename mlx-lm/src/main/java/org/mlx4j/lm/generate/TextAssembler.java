package org.mlx4j.lm.generate;

import java.util.List;
import org.mlx4j.lm.tokenizer.StreamingDetokenizer;
import org.mlx4j.lm.tokenizer.Tokenizer;

/**
 * Turns generated ids into text as they come, with stop strings: {@link #add} returns the text that is now safe to
 * show (complete UTF-8, and no suffix that a stop string could still start with), and once a stop string appears the
 * text ends just before it and {@link #stopped()} is true. {@link TextGenerator} and mlx-reactive's token flux use
 * it.
 *
 * <pre>{@code
 * import org.mlx4j.lm.generate.TextAssembler;
 * import org.mlx4j.lm.tokenizer.Tokenizer;
 *
 * Tokenizer tok = Tokenizer.fromJson("""
 *     {"model": {"type": "WordLevel", "vocab": {"a": 0, "b": 1, "<unk>": 2}, "unk_token": "<unk>"},
 *      "pre_tokenizer": {"type": "Whitespace"}, "decoder": null}""");
 * TextAssembler text = new TextAssembler(tok, List.of("b"));
 * String shown = text.add(0);          // "a"
 * shown += text.add(1);                // "b" is the stop string: nothing more, and the text ends
 * assert shown.equals("a") && text.stopped() && text.text().equals("a");
 * }</pre>
 */
public final class TextAssembler {
    private final StreamingDetokenizer detokenizer;
    private final StopStrings stops;
    private final StringBuilder text = new StringBuilder();
    private int shown;
    private boolean stopped;

    /**
     * An assembler decoding with {@code tokenizer}'s streaming detokenizer and stopping at any of {@code stopStrings}.
     *
     * @param tokenizer the tokenizer
     * @param stopStrings the stop strings (may be empty)
     */
    public TextAssembler(Tokenizer tokenizer, List<String> stopStrings) {
        this.detokenizer = tokenizer.streamingDetokenizer();
        this.stops = new StopStrings(List.copyOf(stopStrings));
    }

    /**
     * Adds one generated id.
     *
     * @param id the token id
     * @return the text that became safe to show (possibly empty)
     * @throws IllegalStateException after a stop string
     */
    public String add(int id) {
        if (stopped) throw new IllegalStateException("TextAssembler: the text already ended at a stop string");
        int before = text.length();
        text.append(detokenizer.add(id));
        int stop = stops.find(text.toString(), before);
        if (stop >= 0) {
            text.setLength(stop);
            stopped = true;
            return reveal(text.length());
        }
        return reveal(stops.safeLength(text.toString()));
    }

    /**
     * Ends the text (no more ids): flushes the detokenizer unless a stop string ended it.
     *
     * @return the rest of the text not yet returned
     */
    public String finish() {
        if (!stopped) text.append(detokenizer.flush());
        return reveal(text.length());
    }

    private String reveal(int upTo) {
        if (upTo <= shown) return "";
        String s = text.substring(shown, upTo);
        shown = upTo;
        return s;
    }

    /**
     * Whether a stop string ended the text.
     *
     * @return true after a stop string
     */
    public boolean stopped() { return stopped; }

    /**
     * The text so far (cut before a stop string).
     *
     * @return the text
     */
    public String text() { return text.toString(); }
}
