package org.mlx4j.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.spring.boot.TextGenerationService;

/**
 * A validated {@code /v1/chat/completions} or {@code /v1/completions} request: the prompt ids and the sampling
 * options (OpenAI's names: {@code max_tokens}, {@code temperature}, {@code top_p}, {@code stop}, {@code seed}).
 * Every check happens here, before anything reaches the model.
 */
record CompletionRequest(int[] prompt, GenerationOptions options, boolean stream, boolean includeUsage) {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "developer", "tool");

    static CompletionRequest chat(ObjectNode body, TextGenerationService generator, int maxTokensLimit, int defaultMaxTokens) {
        checkModel(body, generator);
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty())
            throw ApiException.invalid("messages", "'messages' must be a non-empty array of {role, content} objects.");
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String at = "messages[" + i + "]";
            if (!m.isObject()) throw ApiException.invalid(at, "'" + at + "' must be an object with 'role' and 'content'.");
            JsonNode role = m.get("role"), content = m.get("content");
            if (role == null || !role.isTextual() || !ROLES.contains(role.asText()))
                throw ApiException.invalid(at + ".role", "'" + at + ".role' must be one of " + ROLES + ".");
            if (content == null || !content.isTextual())
                throw ApiException.invalid(at + ".content", "'" + at + ".content' must be a string.");
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", role.asText());
            message.put("content", content.asText());
            list.add(message);
        }
        return of(body, generator.encodeChat(list), generator, maxTokensLimit, defaultMaxTokens);
    }

    static CompletionRequest completion(ObjectNode body, TextGenerationService generator, int maxTokensLimit, int defaultMaxTokens) {
        checkModel(body, generator);
        JsonNode prompt = body.get("prompt");
        if (prompt == null || !prompt.isTextual())
            throw ApiException.invalid("prompt", "'prompt' must be a string.");
        return of(body, generator.encode(prompt.asText()), generator, maxTokensLimit, defaultMaxTokens);
    }

    private static void checkModel(ObjectNode body, TextGenerationService generator) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual()) throw ApiException.invalid("model", "'model' must be a string naming a model of GET /v1/models.");
        if (!model.asText().equals(generator.modelId())) throw ApiException.unknownModel(model.asText());
    }

    private static CompletionRequest of(ObjectNode body, int[] prompt, TextGenerationService generator, int maxTokensLimit, int defaultMaxTokens) {
        int context = generator.contextLength();
        if (prompt.length >= context)
            throw new ApiException(400, "invalid_request_error", "messages", "context_length_exceeded",
                    "This model's context is " + context + " tokens; the prompt has " + prompt.length + ".");
        GenerationOptions options = GenerationOptions.defaults();
        JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        String maxName = body.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        int maxTokens;
        if (max == null || max.isNull()) {
            maxTokens = Math.min(defaultMaxTokens, context - prompt.length);
        } else {
            if (!max.isIntegralNumber()) throw ApiException.invalid(maxName, "'" + maxName + "' must be an integer.");
            long n = max.asLong();
            if (n < 1 || n > maxTokensLimit)
                throw ApiException.invalid(maxName, "'" + maxName + "' must be between 1 and " + maxTokensLimit + "; got " + max + ".");
            if (prompt.length + n > context)
                throw new ApiException(400, "invalid_request_error", maxName, "context_length_exceeded",
                        "This model's context is " + context + " tokens; the prompt (" + prompt.length
                                + " tokens) plus " + maxName + " (" + n + ") exceed it.");
            maxTokens = (int) n;
        }
        options = options.withMaxTokens(maxTokens);
        double temperature = number(body, "temperature", 1.0, 0, 2);
        double topP = number(body, "top_p", 1.0, 0, 1);
        if (topP == 0) throw ApiException.invalid("top_p", "'top_p' must be in (0, 1].");
        options = options.withTemperature(temperature).withTopP(topP);
        JsonNode seed = body.get("seed");
        if (seed != null && !seed.isNull()) {
            if (!seed.isIntegralNumber() || !seed.canConvertToLong()) throw ApiException.invalid("seed", "'seed' must be an integer.");
            options = options.withSeed(seed.asLong());
        }
        options = options.withStopStrings(stops(body.get("stop")));
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.isIntegralNumber() && n.asInt() == 1))
            throw ApiException.invalid("n", "only 'n': 1 is supported.");
        boolean stream = bool(body, "stream");
        JsonNode streamOptions = body.get("stream_options");
        boolean includeUsage = false;
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) throw ApiException.invalid("stream_options", "'stream_options' must be an object.");
            if (!stream) throw ApiException.invalid("stream_options", "'stream_options' is only allowed with 'stream': true.");
            includeUsage = bool((ObjectNode) streamOptions, "include_usage");
        }
        return new CompletionRequest(prompt, options, stream, includeUsage);
    }

    private static double number(ObjectNode body, String name, double fallback, double min, double max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return fallback;
        if (!v.isNumber()) throw ApiException.invalid(name, "'" + name + "' must be a number.");
        double d = v.asDouble();
        if (!(d >= min && d <= max)) throw ApiException.invalid(name, "'" + name + "' must be between " + min + " and " + max + "; got " + v + ".");
        return d;
    }

    private static boolean bool(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw ApiException.invalid(name, "'" + name + "' must be a boolean.");
        return v.asBoolean();
    }

    private static List<String> stops(JsonNode stop) {
        if (stop == null || stop.isNull()) return List.of();
        if (stop.isTextual()) return stop.asText().isEmpty() ? List.of() : List.of(stop.asText());
        if (!stop.isArray() || stop.size() > 4)
            throw ApiException.invalid("stop", "'stop' must be a string or an array of at most 4 strings.");
        List<String> out = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isTextual() || s.asText().isEmpty()) throw ApiException.invalid("stop", "every 'stop' entry must be a non-empty string.");
            out.add(s.asText());
        }
        return out;
    }
}
