package org.mlx4j.lm.models;

import static org.assertj.core.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.lm.generate.DecodeStep;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.generate.TokenGenerator;
import org.mlx4j.lm.load.LoadOptions;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.lm.tokenizer.Tokenizer;

/**
 * The reference directories of {@code golden/models} (tiny random transformers models with logits, greedy
 * continuations, encodings and chat templates from transformers; see its README and generate.py): logits within
 * 1e-4 of the logit scale in float32, with both config styles; greedy ids identical with the KV cache; encodings
 * and rendered chat templates identical.
 */
class ModelGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/models");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyReferenceDirectory() throws IOException {
        if (!Files.isDirectory(GOLDEN)) return Stream.empty();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            dirs = s.filter(d -> Files.exists(d.resolve("reference.json"))).sorted().toList();
        }
        assertThat(dirs).isNotEmpty();
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
    }

    private void check(Path dir) throws IOException {
        JsonNode ref = JSON.readTree(dir.resolve("reference.json").toFile());
        int[] ids = ints(ref.get("ids"));
        double scale = ref.get("logit_scale").asDouble();
        float[] expected = Mx.loadArrays(dir.resolve("reference.npz")).get("logits").toFloatArray();

        LoadedModel loaded = LoadedModel.load(dir, LoadOptions.defaults().withDtype(DType.FLOAT32));
        assertLogits(dir + " (config.json)", loaded.model(), ids, expected, scale);

        // the same weights with the legacy config style (rope_theta + rope_scaling)
        Path legacy = tmp.resolve(dir.getFileName().toString());
        Files.createDirectories(legacy);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                if (f.getFileName().toString().endsWith(".safetensors") || f.getFileName().toString().endsWith(".json")) {
                    Files.copy(f, legacy.resolve(f.getFileName()));
                }
            }
        }
        Files.copy(dir.resolve("config_legacy.json"), legacy.resolve("config.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LanguageModel legacyModel = LoadedModel.load(legacy, LoadOptions.defaults().withDtype(DType.FLOAT32)).model();
        assertThat(legacyModel.config().ropeScaling()).isEqualTo(loaded.config().ropeScaling());
        assertThat(legacyModel.config().ropeTheta()).isEqualTo(loaded.config().ropeTheta());
        assertLogits(dir + " (config_legacy.json)", legacyModel, ids, expected, scale);

        int[] greedy = ints(ref.get("greedy"));
        try (TokenGenerator g = new TokenGenerator(new DecodeStep(loaded.model(), GenerationOptions.defaults()), ids, greedy.length)) {
            int[] got = new int[greedy.length];
            for (int i = 0; i < got.length; i++) got[i] = g.next();
            assertThat(got).as(dir + " greedy continuation").containsExactly(greedy);
        }

        Tokenizer tok = loaded.tokenizer();
        for (JsonNode e : ref.get("encodings")) {
            String text = e.get("text").asText();
            assertThat(tok.encode(text)).as(dir + " encode " + text).containsExactly(ints(e.get("ids")));
            assertThat(tok.encode(text, false)).as(dir + " encode without special tokens " + text).containsExactly(ints(e.get("ids_no_special")));
        }
        List<Map<String, Object>> messages = new ArrayList<>();
        for (JsonNode m : ref.get("chat_messages")) {
            Map<String, Object> msg = new LinkedHashMap<>();
            m.properties().forEach(p -> msg.put(p.getKey(), p.getValue().asText()));
            messages.add(msg);
        }
        String chat = ref.get("chat").asText();
        boolean generationPrompt = !dir.getFileName().toString().equals("mistral");
        assertThat(tok.applyChatTemplate(messages, generationPrompt)).as(dir + " chat template").isEqualTo(chat);
    }

    private static void assertLogits(String what, LanguageModel model, int[] ids, float[] expected, double scale) {
        Array logits = model.forward(Mx.array(ids, 1, ids.length), null);
        float[] got = logits.astype(DType.FLOAT32).toFloatArray();
        assertThat(got).as(what + " logits").hasSameSizeAs(expected);
        double err = 0;
        for (int i = 0; i < got.length; i++) err = Math.max(err, Math.abs(got[i] - expected[i]));
        assertThat(err).as("%s: max |logit error| against a logit scale of %s", what, scale).isLessThanOrEqualTo(1e-4 * scale);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}
