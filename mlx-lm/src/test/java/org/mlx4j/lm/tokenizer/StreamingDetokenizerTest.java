package org.mlx4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The streamed pieces join to the whole decode, and no piece ends inside a character. */
class StreamingDetokenizerTest {
    static final List<String> NAMES = GoldenTokenizers.NAMES;

    @ParameterizedTest
    @FieldSource("NAMES")
    void piecesJoinToTheWholeDecode(String name) {
        Tokenizer tok = Tokenizer.load(GoldenTokenizers.dir(name));
        List<int[]> sequences = new ArrayList<>();
        JsonNode golden = GoldenTokenizers.golden(name);
        for (JsonNode c : golden.get("cases")) sequences.add(GoldenTokenizers.ids(c.get("ids")));
        for (JsonNode c : golden.get("randomIds")) sequences.add(GoldenTokenizers.ids(c.get("ids")));
        Random random = new Random(name.hashCode());
        for (int s = 0; s < 200; s++) { // random ids, long enough to cross many multi-byte characters
            int[] ids = new int[1 + random.nextInt(40)];
            for (int i = 0; i < ids.length; i++) ids[i] = random.nextInt(tok.vocabSize());
            sequences.add(ids);
        }
        for (boolean skip : new boolean[] {false, true}) {
            for (int[] ids : sequences) {
                StreamingDetokenizer stream = tok.streamingDetokenizer(skip);
                StringBuilder joined = new StringBuilder();
                for (int id : ids) {
                    String piece = stream.add(id);
                    assertThat(piece).as("%s piece never ends inside a character", name).doesNotEndWith("\uFFFD");
                    if (!piece.isEmpty()) assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
                    joined.append(piece);
                }
                joined.append(stream.flush());
                assertThat(joined.toString()).as("%s stream of %s", name, java.util.Arrays.toString(ids))
                        .isEqualTo(tok.decode(ids, skip));
                assertThat(stream.text()).isEqualTo(joined.toString());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void encodedTextStreamsBackWithItsSpaces(String name) {
        Tokenizer tok = Tokenizer.load(GoldenTokenizers.dir(name));
        for (JsonNode c : GoldenTokenizers.golden(name).get("cases")) {
            int[] ids = tok.encode(c.get("text").asText(), false);
            StreamingDetokenizer stream = tok.streamingDetokenizer();
            for (int id : ids) stream.add(id);
            assertThat(stream.text() + stream.flush()).isEqualTo(tok.decode(ids));
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void emitsACharacterOnlyWhenItsLastByteArrives(String name) {
        Tokenizer tok = Tokenizer.load(GoldenTokenizers.dir(name));
        int[] ids = tok.encode("😀 你好", false);
        StreamingDetokenizer stream = tok.streamingDetokenizer();
        List<String> pieces = new ArrayList<>();
        for (int id : ids) pieces.add(stream.add(id));
        for (String piece : pieces) {
            assertThat(piece).doesNotContain("\uFFFD");
        }
        assertThat(String.join("", pieces) + stream.flush()).isEqualTo(tok.decode(ids));
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void rejectsUnknownIds(String name) {
        Tokenizer tok = Tokenizer.load(GoldenTokenizers.dir(name));
        StreamingDetokenizer stream = tok.streamingDetokenizer();
        assertThatThrownBy(() -> stream.add(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> stream.add(1 << 30)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stream.text()).isEmpty();
    }
}
