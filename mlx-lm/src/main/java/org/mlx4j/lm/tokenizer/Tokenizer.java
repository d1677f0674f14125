package org.mlx4j.lm.tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A Hugging Face tokenizer read from tokenizer.json, in plain Java: byte-level BPE (GPT-2, Llama 3, Qwen2),
 * metaspace BPE with byte fallback (Llama 2, Mistral, Gemma), WordPiece (BERT) and WordLevel, with the
 * normalizers, pre-tokenizers, post-processors, decoders and added/special tokens of HF {@code tokenizers}.
 * {@link #load(Path)} also reads tokenizer_config.json (BOS/EOS tokens, the chat template) and chat_template.jinja.
 * Encodings and decodings equal HF's ({@code tokenizers.Tokenizer.encode(text).ids} and {@code decode}).
 * Instances are immutable and safe to share between threads.
 *
 * <pre>{@code
 * import org.mlx4j.lm.tokenizer.Tokenizer;
 *
 * Tokenizer tok = Tokenizer.fromJson("""
 *     {"model": {"type": "WordLevel", "vocab": {"hello": 0, "world": 1, "<unk>": 2}, "unk_token": "<unk>"},
 *      "pre_tokenizer": {"type": "Whitespace"}}""");
 * int[] ids = tok.encode("hello world");
 * System.out.println(Arrays.toString(ids)); // [0, 1]
 * System.out.println(tok.decode(ids)); // hello world
 * }</pre>
 */
public final class Tokenizer {
    private final TokenizerJson pipeline;
    private final TokenizerConfig config;
    private final AddedTokenMatcher rawAddedTokens;
    private final AddedTokenMatcher normalizedAddedTokens;
    private final Map<Integer, String> addedById = new HashMap<>();
    private final Map<String, Integer> addedByContent = new HashMap<>();
    private final Set<Integer> specialIds;
    private final int vocabSize;
    private volatile ChatTemplate chatTemplate; // made on first use: Jinjava takes a while to start
    private final boolean cleansUpSpaces;

    private Tokenizer(TokenizerJson pipeline, TokenizerConfig config) {
        this.pipeline = pipeline;
        this.config = config;
        List<AddedToken> raw = new ArrayList<>();
        List<AddedToken> normalized = new ArrayList<>();
        Set<Integer> special = new HashSet<>();
        for (AddedToken t : pipeline.addedTokens) {
            (t.normalized() && pipeline.normalizer != null ? normalized : raw).add(t);
            addedById.put(t.id(), t.content());
            addedByContent.put(t.content(), t.id());
            if (t.special()) special.add(t.id());
        }
        rawAddedTokens = new AddedTokenMatcher(raw);
        normalizedAddedTokens = new AddedTokenMatcher(normalized);
        specialIds = Collections.unmodifiableSet(special);
        Set<String> all = new HashSet<>(pipeline.model.vocabulary().keySet());
        all.addAll(addedByContent.keySet());
        vocabSize = all.size();
        cleansUpSpaces = config.cleanUpTokenizationSpaces()
                && (!(pipeline.model instanceof BpeModel) || config.cleanUpEvenForBpe());
    }

    /**
     * Loads the tokenizer of a Hugging Face model directory: tokenizer.json, plus tokenizer_config.json and
     * chat_template.jinja when present.
     *
     * @param modelDir the model directory
     * @return the tokenizer
     * @throws IllegalArgumentException when tokenizer.json is missing, not valid JSON or uses a component this
     *         implementation does not have (the message names the file and the component)
     */
    public static Tokenizer load(Path modelDir) {
        Objects.requireNonNull(modelDir, "modelDir");
        Path json = modelDir.resolve("tokenizer.json");
        if (!Files.exists(json)) throw new IllegalArgumentException("Tokenizer.load: no tokenizer.json in " + modelDir);
        return new Tokenizer(TokenizerJson.read(json), TokenizerConfig.read(modelDir));
    }

    /**
     * Reads one tokenizer.json file (no BOS/EOS names and no chat template: those are in tokenizer_config.json,
     * which {@link #load(Path)} reads).
     *
     * @param tokenizerJson the tokenizer.json file
     * @return the tokenizer
     * @throws IllegalArgumentException when the file is missing, not valid JSON or uses an unsupported component
     */
    public static Tokenizer fromFile(Path tokenizerJson) {
        return new Tokenizer(TokenizerJson.read(tokenizerJson), TokenizerConfig.NONE);
    }

    /**
     * Reads a tokenizer from the text of a tokenizer.json file.
     *
     * @param json the JSON text
     * @return the tokenizer
     * @throws IllegalArgumentException when the text is not valid JSON or uses an unsupported component
     */
    public static Tokenizer fromJson(String json) {
        return new Tokenizer(TokenizerJson.parse(json), TokenizerConfig.NONE);
    }

    /**
     * Encodes {@code text} with the special tokens of the post-processor (BOS, CLS/SEP), as HF's default.
     *
     * @param text the text
     * @return the token ids
     */
    public int[] encode(String text) {
        return encode(text, true);
    }

    /**
     * Encodes {@code text}: added tokens are found first, the text between them is normalized, pre-tokenized into
     * words and each word encoded by the model; {@code addSpecialTokens} then runs the post-processor.
     *
     * @param text the text
     * @param addSpecialTokens whether to add the post-processor's special tokens (BOS, CLS/SEP)
     * @return the token ids
     */
    public int[] encode(String text, boolean addSpecialTokens) {
        Objects.requireNonNull(text, "text");
        IntList out = new IntList(text.length() / 3 + 4);
        rawAddedTokens.split(text, 0, new AddedTokenMatcher.SegmentSink() {
            @Override
            public void token(int id) {
                out.add(id);
            }

            @Override
            public void text(String segment, int offset) {
                String normalized = pipeline.normalizer == null ? segment : pipeline.normalizer.normalize(segment);
                normalizedAddedTokens.split(normalized, offset, new AddedTokenMatcher.SegmentSink() {
                    @Override
                    public void token(int id) {
                        out.add(id);
                    }

                    @Override
                    public void text(String piece, int pieceOffset) {
                        encodeWords(piece, pieceOffset == 0, out);
                    }
                });
            }
        });
        int[] ids = out.toArray();
        return addSpecialTokens && pipeline.postProcessor != null ? pipeline.postProcessor.process(ids) : ids;
    }

    private void encodeWords(String text, boolean atStart, IntList out) {
        if (text.isEmpty()) return;
        if (pipeline.preTokenizer == null) pipeline.model.encode(text, out);
        else pipeline.preTokenizer.split(text, atStart, (word, first) -> pipeline.model.encode(word, out));
    }

    /**
     * Decodes {@code ids} to text, special tokens included.
     *
     * @param ids the token ids
     * @return the text
     * @throws IllegalArgumentException when an id is not in the vocabulary
     */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /**
     * Decodes {@code ids} to text through the decoder (byte-level, byte fallback, metaspace, WordPiece ...), as HF's
     * {@code decode}; with tokenizer_config.json's {@code clean_up_tokenization_spaces} (not for BPE models), as
     * transformers' decode, which then removes the space before punctuation and in English contractions.
     *
     * @param ids the token ids
     * @param skipSpecialTokens whether to leave out the special tokens
     * @return the text
     * @throws IllegalArgumentException when an id is not in the vocabulary
     */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        String text = decodeTokens(ids, 0, ids.length, skipSpecialTokens);
        return cleansUpSpaces ? Decoders.cleanUpTokenization(text) : text;
    }

    /** The decoder's text of {@code ids[from, to)}, before transformers' clean-up of spaces. */
    String decodeTokens(int[] ids, int from, int to, boolean skipSpecialTokens) {
        List<String> tokens = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            int id = ids[i];
            if (skipSpecialTokens && specialIds.contains(id)) continue;
            String token = tokenOf(id);
            if (token == null) {
                throw new IllegalArgumentException("Tokenizer.decode: id " + id + " at index " + i
                        + " is not in the vocabulary (valid ids: the model's and the added tokens', vocabSize "
                        + vocabSize + ")");
            }
            tokens.add(token);
        }
        return pipeline.decoder == null ? String.join(" ", tokens)
                : String.join("", pipeline.decoder.decodeChain(tokens));
    }

    /** Whether {@link #decode(int[], boolean)} cleans up spaces as transformers does. */
    boolean cleansUpSpaces() {
        return cleansUpSpaces;
    }

    /**
     * Whether {@code id} is a {@code <0xXX>} byte token that the decoder joins with its neighbours (ByteFallback):
     * a run of them decodes as a whole, so it is final only once a token of another kind follows.
     */
    boolean isJoinedByteToken(int id) {
        return pipeline.decoderJoinsByteRuns && Decoders.byteToken(tokenOf(id)) >= 0;
    }

    private String tokenOf(int id) {
        String added = addedById.get(id);
        return added != null ? added : pipeline.model.idToToken(id);
    }

    /**
     * The number of distinct tokens: the model's vocabulary and the added tokens (HF's
     * {@code get_vocab_size(with_added_tokens=True)}).
     *
     * @return the vocabulary size
     */
    public int vocabSize() {
        return vocabSize;
    }

    /**
     * The id of a token (an added token or a model token, as written in tokenizer.json, e.g. {@code "Ġthe"}).
     *
     * @param token the token
     * @return its id, or empty when there is no such token
     */
    public OptionalInt tokenToId(String token) {
        Integer added = addedByContent.get(token);
        if (added != null) return OptionalInt.of(added);
        int id = pipeline.model.tokenToId(token);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /**
     * The token of an id, as written in tokenizer.json.
     *
     * @param id the id
     * @return the token
     * @throws IllegalArgumentException when the id is not in the vocabulary
     */
    public String idToToken(int id) {
        String token = tokenOf(id);
        if (token == null) throw new IllegalArgumentException("Tokenizer.idToToken: id " + id + " is not in the vocabulary");
        return token;
    }

    /**
     * The id of tokenizer_config.json's {@code bos_token}.
     *
     * @return the id, or empty when there is none (or the tokenizer came from a lone tokenizer.json)
     */
    public OptionalInt bosTokenId() {
        return config.bosToken() == null ? OptionalInt.empty() : tokenToId(config.bosToken());
    }

    /**
     * The id of tokenizer_config.json's {@code eos_token}.
     *
     * @return the id, or empty when there is none (or the tokenizer came from a lone tokenizer.json)
     */
    public OptionalInt eosTokenId() {
        return config.eosToken() == null ? OptionalInt.empty() : tokenToId(config.eosToken());
    }

    /**
     * The ids of the added tokens marked {@code special}.
     *
     * @return an unmodifiable set of ids
     */
    public Set<Integer> specialTokenIds() {
        return specialIds;
    }

    /**
     * A new streaming detokenizer that includes special tokens in its text, as {@link #decode(int[])}.
     *
     * @return the detokenizer
     */
    public StreamingDetokenizer streamingDetokenizer() {
        return new StreamingDetokenizer(this, false);
    }

    /**
     * A new streaming detokenizer.
     *
     * @param skipSpecialTokens whether to leave special tokens out of the text
     * @return the detokenizer
     */
    public StreamingDetokenizer streamingDetokenizer(boolean skipSpecialTokens) {
        return new StreamingDetokenizer(this, skipSpecialTokens);
    }

    /**
     * Whether the model directory has a chat template (tokenizer_config.json's or chat_template.jinja).
     *
     * @return whether {@link #applyChatTemplate} can render
     */
    public boolean hasChatTemplate() {
        return config.chatTemplate() != null;
    }

    /**
     * Renders the chat template with {@code messages} ({@code role}/{@code content} maps), as transformers'
     * {@code apply_chat_template(messages, tokenize=False, add_generation_prompt=...)}.
     *
     * @param messages the conversation
     * @param addGenerationPrompt whether to end with the prompt of the assistant's turn
     * @return the rendered prompt
     * @throws IllegalStateException when there is no chat template
     * @throws IllegalArgumentException when the template raises an exception ({@code raise_exception}) or fails
     */
    public String applyChatTemplate(List<Map<String, Object>> messages, boolean addGenerationPrompt) {
        return applyChatTemplate(messages, addGenerationPrompt, Map.of());
    }

    /**
     * Renders the chat template with {@code messages} and more template variables ({@code tools},
     * {@code documents}, {@code date_string}, {@code enable_thinking} ...), as transformers' keyword arguments.
     *
     * @param messages the conversation
     * @param addGenerationPrompt whether to end with the prompt of the assistant's turn
     * @param extraContext more variables for the template
     * @return the rendered prompt
     * @throws IllegalStateException when there is no chat template
     * @throws IllegalArgumentException when the template raises an exception ({@code raise_exception}) or fails
     */
    public String applyChatTemplate(List<Map<String, Object>> messages, boolean addGenerationPrompt,
                                    Map<String, Object> extraContext) {
        if (!hasChatTemplate()) {
            throw new IllegalStateException("Tokenizer.applyChatTemplate: this tokenizer has no chat template "
                    + "(none in tokenizer_config.json, no chat_template.jinja)");
        }
        ChatTemplate template = chatTemplate;
        if (template == null) chatTemplate = template = new ChatTemplate(config.chatTemplate());
        Map<String, Object> context = new HashMap<>();
        putToken(context, "bos_token", config.bosToken());
        putToken(context, "eos_token", config.eosToken());
        putToken(context, "unk_token", config.unkToken());
        putToken(context, "pad_token", config.padToken());
        context.putAll(extraContext);
        context.put("messages", messages);
        context.put("add_generation_prompt", addGenerationPrompt);
        return template.render(context);
    }

    private static void putToken(Map<String, Object> context, String name, String token) {
        if (token != null) context.put(name, token);
    }
}
