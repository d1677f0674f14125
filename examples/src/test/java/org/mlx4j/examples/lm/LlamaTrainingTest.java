package org.mlx4j.examples.lm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.Random;
import org.mlx4j.lm.generate.DecodeStep;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.generate.TokenGenerator;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.lm.models.Llama;
import org.mlx4j.lm.models.ModelConfig;
import org.mlx4j.lm.tokenizer.Tokenizer;

class LlamaTrainingTest {
    private static final Path MODEL = Path.of("..", "models", "kjv-llama");

    @Test
    void theCorpusIsEveryVerseAndWindowsStartWithBosAtAVerse() {
        Tokenizer tokenizer = Tokenizer.load(MODEL);
        KjvCorpus corpus = KjvCorpus.encode(tokenizer);
        assertThat(corpus.verseStarts()).hasSize(31_102);
        assertThat(tokenizer.decode(java.util.Arrays.copyOfRange(corpus.tokens(), 0, corpus.verseStarts()[1])))
                .isEqualTo("In the beginning God created the heaven and the earth.\n");
        Array[] xy = corpus.batch(new java.util.Random(1), 3, 16, 0, corpus.heldOutFrom(0.02));
        assertThat(xy[0].shape()).containsExactly(3, 16);
        assertThat(xy[1].dtype()).isEqualTo(DType.INT32);
        int[] inputs = xy[0].toIntArray(), targets = xy[1].toIntArray();
        for (int b = 0; b < 3; b++) {
            assertThat(inputs[b * 16]).isEqualTo(corpus.bos());
            for (int t = 1; t < 16; t++) assertThat(inputs[b * 16 + t]).isEqualTo(targets[b * 16 + t - 1]);
            int start = java.util.Arrays.binarySearch(corpus.verseStarts(), indexOf(corpus.tokens(), targets, b * 16));
            assertThat(start).as("window %d starts at a verse", b).isGreaterThanOrEqualTo(0);
        }
    }

    private static int indexOf(int[] tokens, int[] window, int from) {
        outer:
        for (int i = 0; i + 16 <= tokens.length; i++) {
            for (int t = 0; t < 16; t++) if (tokens[i + t] != window[from + t]) continue outer;
            return i;
        }
        return -1;
    }

    @Test
    void theCommittedModelHasItsReportedHeldOutLossAndWritesTheWordsOfItsText() {
        Tokenizer tokenizer = Tokenizer.load(MODEL);
        Llama model = new Llama(ModelConfig.fromJson(MODEL.resolve("config.json")));
        model.loadWeights(MODEL.resolve("model.safetensors"), true);
        KjvCorpus corpus = KjvCorpus.encode(tokenizer);
        assertThat(LlamaTraining.heldOutLoss(model, corpus, 32, 128)).isCloseTo(4.005, org.assertj.core.data.Offset.offset(0.005));
        java.util.Set<String> vocabulary = new java.util.HashSet<>();
        for (String verse : KjvCorpus.verses()) vocabulary.addAll(words(verse));
        String prompt = "And the LORD said unto Moses,";
        List<String> generated = words(LlamaTraining.sample(model, tokenizer, prompt, 64, 0.8, 0).substring(prompt.length()));
        assertThat(generated).hasSizeGreaterThan(30);
        long known = generated.stream().filter(vocabulary::contains).count();
        assertThat((double) known / generated.size()).as("share of generated words that occur in the text: %s", generated)
                .isGreaterThan(0.9);
    }

    @Test
    void theCommittedModelComputesWhatTransformersComputesFromTheSameDirectory() throws Exception {
        // kjv_llama_transformers.npz: transformers loading models/kjv-llama (transformers_reference.py beside it)
        java.util.Map<String, Array> reference;
        try (var in = LlamaTrainingTest.class.getResourceAsStream("kjv_llama_transformers.npz")) {
            Path npz = Files.createTempFile("kjv-llama-reference", ".npz");
            Files.copy(in, npz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            reference = Mx.loadArrays(npz);
        }
        LoadedModel loaded = LoadedModel.load(MODEL);
        int[] ids = loaded.tokenizer().encode("And the LORD said unto Moses,");
        assertThat(ids).containsExactly(reference.get("ids").toIntArray());
        float[] expected = reference.get("logits").toFloatArray();
        Array logits = loaded.model().forward(Mx.array(ids, 1, ids.length), null);
        assertThat(logits.shape()).containsExactly(1, ids.length, 4096);
        float scale = 0;
        for (float v : expected) scale = Math.max(scale, Math.abs(v));
        assertThat(logits.toFloatArray()).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-4f * scale));
        int[] greedy = reference.get("greedy").toIntArray();
        try (TokenGenerator tokens = new TokenGenerator(new DecodeStep(loaded.model(), GenerationOptions.defaults().withTemperature(0)), ids, greedy.length)) {
            int[] got = new int[greedy.length];
            for (int i = 0; i < got.length; i++) got[i] = tokens.next();
            assertThat(got).containsExactly(greedy);
        }
    }

    private static List<String> words(String text) {
        return java.util.Arrays.stream(text.split("[^A-Za-z]+")).filter(w -> !w.isEmpty()).toList();
    }

    @Test
    void aShortRunLowersTheLossAndSavesADirectoryThatLoadsBackWithTheSameLogits(@TempDir Path dir) throws Exception {
        Random.seed(3);
        LlamaTraining.Options o = new LlamaTraining.Options(MODEL, dir.resolve("tiny"), 40, 8, 32, 3e-3, 5, 3, 64, 2, 4, 2, 128);
        Tokenizer tokenizer = Tokenizer.load(MODEL);
        Llama model = new Llama(LlamaTraining.config(o, tokenizer));
        LlamaTraining.Result r = LlamaTraining.train(model, KjvCorpus.encode(tokenizer), o, false);
        assertThat(r.trainLoss().getLast()).isLessThan(r.trainLoss().getFirst() - 1.0);
        assertThat(r.heldOutLoss()).isLessThan(Math.log(tokenizer.vocabSize()));
        LlamaTraining.save(model, o);
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "generation_config.json")) {
            assertThat(o.out().resolve(f)).exists();
        }
        ModelConfig saved = ModelConfig.fromJson(o.out().resolve("config.json"));
        assertThat(saved.modelType()).isEqualTo("llama");
        assertThat(saved.tieWordEmbeddings()).isTrue();
        Llama reloaded = new Llama(saved);
        reloaded.loadWeights(o.out().resolve("model.safetensors"), true);
        int[] prompt = tokenizer.encode("And God said, Let there be light");
        Array ids = Mx.array(prompt, 1, prompt.length);
        float[] before = model.forward(ids, null).toFloatArray(), after = reloaded.forward(ids, null).toFloatArray();
        assertThat(after).containsExactly(before);
        String sample = LlamaTraining.sample(model, tokenizer, "And God said", 8, 0.8, 0);
        assertThat(sample).startsWith("And God said").hasSizeGreaterThan("And God said".length());
    }
}
