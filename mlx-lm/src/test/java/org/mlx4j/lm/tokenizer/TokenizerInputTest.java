package org.mlx4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files and bad ids give exceptions that name the file, the component or the id. */
class TokenizerInputTest {
    private static final String WORD_LEVEL = """
            {"model": {"type": "WordLevel", "vocab": {"hello": 0, "world": 1, "<unk>": 2}, "unk_token": "<unk>"},
             "pre_tokenizer": {"type": "Whitespace"}}""";

    @Test
    void missingFilesAreNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> Tokenizer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tokenizer.json in " + dir);
        assertThatThrownBy(() -> Tokenizer.fromFile(dir.resolve("nope.json"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.json");
    }

    @Test
    void invalidJsonIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": ");
        assertThatThrownBy(() -> Tokenizer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Tokenizer.fromJson("{}")).hasMessageContaining("has no \"model\"");
    }

    @Test
    void unsupportedComponentsAreNamed() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"model\": {\"type\": \"Unigram\", \"vocab\": []}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported model type \"Unigram\"")
                .hasMessageContaining("BPE, WordPiece, WordLevel");
        String withNormalizer = WORD_LEVEL.replace("\"pre_tokenizer\"", "\"normalizer\": {\"type\": \"Precompiled\"}, \"pre_tokenizer\"");
        assertThatThrownBy(() -> Tokenizer.fromJson(withNormalizer))
                .hasMessageContaining("unsupported normalizer type \"Precompiled\"");
        assertThatThrownBy(() -> Tokenizer.fromJson("""
                {"model": {"type": "BPE", "vocab": {"a": 0, "b": 1}, "merges": ["a c"]}}"""))
                .hasMessageContaining("merge 0 (a, c) names a token that is not in the vocabulary");
        assertThatThrownBy(() -> Tokenizer.fromJson("""
                {"model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b c"]}}"""))
                .hasMessageContaining("expected two tokens separated by one space");
    }

    @Test
    void wordLevelWithoutFiles() {
        Tokenizer tok = Tokenizer.fromJson(WORD_LEVEL);
        assertThat(tok.encode("hello world hello")).containsExactly(0, 1, 0);
        assertThat(tok.encode("hello there")).containsExactly(0, 2);
        assertThat(tok.decode(new int[] {0, 1})).isEqualTo("hello world");
        assertThat(tok.vocabSize()).isEqualTo(3);
        assertThat(tok.bosTokenId()).isEmpty();
        assertThat(tok.hasChatTemplate()).isFalse();
        assertThatThrownBy(() -> tok.applyChatTemplate(List.of(Map.of("role", "user", "content", "hi")), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no chat template");
    }

    @Test
    void unknownIdsAreNamed() {
        Tokenizer tok = Tokenizer.fromJson(WORD_LEVEL);
        assertThatThrownBy(() -> tok.decode(new int[] {0, 7})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id 7 at index 1 is not in the vocabulary");
        assertThatThrownBy(() -> tok.idToToken(-1)).hasMessageContaining("id -1");
    }

    @Test
    void mergesAsArraysAndByteLevelRoundTrip() {
        // merges in the [a, b] layout of newer tokenizer.json files; GPT-2's byte alphabet for ' ' is U+0120
        Tokenizer tok = Tokenizer.fromJson("""
                {"model": {"type": "BPE", "vocab": {"h": 0, "i": 1, "\u0120": 2, "hi": 3, "\u0120hi": 4},
                           "merges": [["h", "i"], ["\u0120", "hi"]]},
                 "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
                 "decoder": {"type": "ByteLevel"}}""");
        assertThat(tok.encode("hi hi")).containsExactly(3, 4);
        assertThat(tok.decode(tok.encode("hi hi"))).isEqualTo("hi hi");
    }
}
