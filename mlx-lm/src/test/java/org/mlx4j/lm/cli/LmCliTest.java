package org.mlx4j.lm.cli;

import static org.assertj.core.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.lm.generate.DecodeStep;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.generate.TokenGenerator;
import org.mlx4j.lm.models.Llama;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.lm.tokenizer.Tokenizer;
import org.mlx4j.utils.Tree;

class LmCliTest {
    private static final Path TOKENIZER = Path.of("src/test/resources/golden/tokenizer/llama3");
    @TempDir
    static Path dir;
    static Llama model;

    @BeforeAll
    static void tinyModelDirectory() throws Exception {
        model = new Llama(ModelConfig.llama(600, 64, 2, 4, 2, 96).with("eos_token_id", 1000));
        Map<String, Array> fresh = new LinkedHashMap<>();
        int i = 0;
        for (var e : Tree.flatten(model.parameters()).entrySet()) {
            Array a = Random.normal(e.getValue().shape(), DType.FLOAT32, 0.0, 0.25, Random.key(i++));
            fresh.put(e.getKey(), e.getKey().endsWith("norm.weight") ? a.add(Mx.array(1.0f)) : a);
        }
        model.loadWeights(fresh, true);
        model.saveWeights(dir.resolve("model.safetensors"));
        model.config().save(dir.resolve("config.json"));
        for (String f : List.of("tokenizer.json", "tokenizer_config.json", "chat_template.jinja")) {
            Files.copy(TOKENIZER.resolve(f), dir.resolve(f));
        }
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = LmCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode lastJsonLine(String out) throws Exception {
        String[] lines = out.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void generateFromIdsPrintsTextStatsAndAJsonLineOfTheGreedyIds() throws Exception {
        Run r = run("generate", "--model", dir.toString(), "--ids", "5,17,3,88", "--max-tokens", "8", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = lastJsonLine(r.out());
        int[] expected = new int[8];
        try (TokenGenerator g = new TokenGenerator(new DecodeStep(model, GenerationOptions.defaults()), new int[] {5, 17, 3, 88}, 8)) {
            for (int i = 0; i < 8; i++) expected[i] = g.next();
        }
        int[] ids = new int[json.get("ids").size()];
        for (int i = 0; i < ids.length; i++) ids[i] = json.get("ids").get(i).asInt();
        assertThat(ids).containsExactly(expected);
        String text = Tokenizer.load(dir).decode(expected);
        assertThat(json.get("text").asText()).isEqualTo(text);
        assertThat(json.get("stats").get("generation_tokens").asInt()).isEqualTo(8);
        assertThat(r.out()).startsWith(text).contains("Generation: 8 tokens");
    }

    @Test
    void generateFromAPromptUsesTheChatTemplate() throws Exception {
        Run r = run("generate", "--model", dir.toString(), "--prompt", "Hi there", "--max-tokens", "4", "--temp", "0.8",
                "--seed", "3", "--top-p", "0.9", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode json = lastJsonLine(r.out());
        Tokenizer tok = Tokenizer.load(dir);
        int promptTokens = tok.encode(tok.applyChatTemplate(List.of(Map.of("role", "user", "content", "Hi there")), true), false).length;
        assertThat(json.get("stats").get("prompt_tokens").asInt()).isEqualTo(promptTokens);
        assertThat(json.get("ids").size()).isEqualTo(4);
    }

    @Test
    void logitsWritesFloat32TokensByVocab() {
        Path out = dir.resolve("logits.npy");
        Run r = run("logits", "--model", dir.toString(), "--ids", "1,2,3", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        Array saved = Mx.load(out);
        assertThat(saved.shape()).containsExactly(3, 600);
        assertThat(saved.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(saved.toFloatArray()).containsExactly(model.forward(Mx.array(new int[] {1, 2, 3}, 1, 3), null).toFloatArray());
    }

    @Test
    void tokenizeDetokenizeAndChatTemplateMatchTheTokenizer(@TempDir Path tmp) throws Exception {
        Tokenizer tok = Tokenizer.load(dir);
        Run t = run("tokenize", "--model", dir.toString(), "--text", "Hello world");
        assertThat(t.out().strip()).isEqualTo(new ObjectMapper().writeValueAsString(tok.encode("Hello world")));
        Run plain = run("tokenize", "--model", dir.toString(), "--text", "Hello world", "--no-special");
        assertThat(plain.out().strip()).isEqualTo(new ObjectMapper().writeValueAsString(tok.encode("Hello world", false)));
        int[] ids = tok.encode("Hello world");
        String csv = java.util.Arrays.stream(ids).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        assertThat(run("detokenize", "--model", dir.toString(), "--ids", csv).out()).isEqualTo(tok.decode(ids) + System.lineSeparator());
        assertThat(run("detokenize", "--model", dir.toString(), "--ids", csv, "--skip-special").out())
                .isEqualTo(tok.decode(ids, true) + System.lineSeparator());
        Path messages = tmp.resolve("messages.json");
        Files.writeString(messages, "[{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Hi\"}]");
        assertThat(run("chat-template", "--model", dir.toString(), "--messages", messages.toString()).out()).isEqualTo(
                tok.applyChatTemplate(List.of(Map.of("role", "system", "content", "Be brief."), Map.of("role", "user", "content", "Hi")), true));
    }

    @Test
    void mistakesExitWithUsageOrAMessage() {
        assertThat(run("generate", "--model", dir.toString()).status()).isEqualTo(2);
        Run both = run("generate", "--model", dir.toString(), "--ids", "1", "--prompt", "x");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("exactly one of --prompt and --ids");
        assertThat(run("frobnicate").err()).contains("unknown command frobnicate");
        assertThat(run("generate", "--model", dir.toString(), "--ids", "1,x").err()).contains("comma-separated token ids");
        Run missing = run("generate", "--model", dir.resolve("nope").toString(), "--ids", "1");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("nope");
        assertThat(run("generate", "--model", dir.toString(), "--ids", "1", "--bogus").err()).contains("unknown option --bogus");
    }
}
