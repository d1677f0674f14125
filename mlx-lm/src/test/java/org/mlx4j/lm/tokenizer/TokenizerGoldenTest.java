package org.mlx4j.lm.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Encodings, decodings, vocabulary facts and chat templates against HF tokenizers/transformers (golden.json). */
class TokenizerGoldenTest {
    static final List<String> NAMES = GoldenTokenizers.NAMES;

    @ParameterizedTest
    @FieldSource("NAMES")
    void encodesAsHf(String name) {
        Tokenizer tok = Tokenizer.fromFile(GoldenTokenizers.dir(name).resolve("tokenizer.json"));
        for (JsonNode c : GoldenTokenizers.golden(name).get("cases")) {
            String text = c.get("text").asText();
            assertThat(tok.encode(text)).as("%s encode %s", name, text).containsExactly(GoldenTokenizers.ids(c.get("ids")));
            assertThat(tok.encode(text, false)).as("%s encode without specials %s", name, text)
                    .containsExactly(GoldenTokenizers.ids(c.get("idsNoSpecial")));
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void encodesAsHfFromManyThreads(String name) throws Exception {
        Tokenizer tok = Tokenizer.fromFile(GoldenTokenizers.dir(name).resolve("tokenizer.json"));
        List<JsonNode> cases = new java.util.ArrayList<>();
        GoldenTokenizers.golden(name).get("cases").forEach(cases::add);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (JsonNode c : cases) {
                    results.add(pool.submit(() -> java.util.Arrays.equals(tok.encode(c.get("text").asText()),
                            GoldenTokenizers.ids(c.get("ids")))));
                }
            }
            for (var r : results) assertThat(r.get()).as("%s encoded from a pool of threads", name).isTrue();
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void decodesAsHf(String name) {
        Tokenizer tok = Tokenizer.fromFile(GoldenTokenizers.dir(name).resolve("tokenizer.json"));
        Tokenizer loaded = Tokenizer.load(GoldenTokenizers.dir(name));
        JsonNode golden = GoldenTokenizers.golden(name);
        for (JsonNode c : golden.get("cases")) {
            int[] ids = GoldenTokenizers.ids(c.get("ids"));
            assertThat(tok.decode(ids)).as("%s decode %s", name, c.get("text")).isEqualTo(c.get("decode").asText());
            assertThat(tok.decode(ids, true)).as("%s decode skipping specials %s", name, c.get("text"))
                    .isEqualTo(c.get("decodeSkipSpecial").asText());
            assertThat(loaded.decode(ids)).as("%s transformers decode", name).isEqualTo(c.get("hfDecode").asText());
            assertThat(loaded.decode(ids, true)).isEqualTo(c.get("hfDecodeSkipSpecial").asText());
        }
        for (JsonNode c : golden.get("randomIds")) {
            int[] ids = GoldenTokenizers.ids(c.get("ids"));
            assertThat(tok.decode(ids)).as("%s decode of ids %s", name, c.get("ids")).isEqualTo(c.get("decode").asText());
            assertThat(tok.decode(ids, true)).isEqualTo(c.get("decodeSkipSpecial").asText());
        }
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    void vocabularyAsHf(String name) {
        Tokenizer tok = Tokenizer.load(GoldenTokenizers.dir(name));
        JsonNode golden = GoldenTokenizers.golden(name);
        assertThat(tok.vocabSize()).isEqualTo(golden.get("vocabSize").asInt());
        Set<Integer> special = new HashSet<>();
        golden.get("specialIds").forEach(n -> special.add(n.asInt()));
        assertThat(tok.specialTokenIds()).isEqualTo(special);
        if (golden.get("bosId").isNull()) assertThat(tok.bosTokenId()).isEmpty();
        else assertThat(tok.bosTokenId()).hasValue(golden.get("bosId").asInt());
        if (golden.get("eosId").isNull()) assertThat(tok.eosTokenId()).isEmpty();
        else assertThat(tok.eosTokenId()).hasValue(golden.get("eosId").asInt());
        for (int id = 0; id < tok.vocabSize(); id++) {
            assertThat(tok.tokenToId(tok.idToToken(id))).hasValue(id);
        }
        assertThat(tok.tokenToId("no such token \u0000")).isEmpty();
        assertThatThrownBy(() -> tok.idToToken(tok.vocabSize() + 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the vocabulary");
    }

    @ParameterizedTest
    @FieldSource("NAMES")
    @SuppressWarnings("unchecked")
    void chatTemplatesAsTransformers(String name) {
        Tokenizer tok = Tokenizer.load(GoldenTokenizers.dir(name));
        JsonNode chats = GoldenTokenizers.golden(name).get("chats");
        assertThat(tok.hasChatTemplate()).isEqualTo(!chats.isEmpty());
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode chat : chats) {
            List<Map<String, Object>> messages = mapper.convertValue(chat.get("messages"), List.class);
            boolean generationPrompt = chat.get("addGenerationPrompt").asBoolean();
            Map<String, Object> extra = mapper.convertValue(chat.get("extra"), Map.class);
            if (chat.has("error")) {
                assertThatThrownBy(() -> tok.applyChatTemplate(messages, generationPrompt, extra))
                        .as("%s %s", name, messages).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(chat.get("error").asText());
            } else {
                assertThat(tok.applyChatTemplate(messages, generationPrompt, extra)).as("%s %s", name, messages)
                        .isEqualTo(chat.get("rendered").asText());
            }
        }
    }
}
