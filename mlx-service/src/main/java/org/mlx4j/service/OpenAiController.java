package org.mlx4j.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.mlx4j.spring.boot.EmbeddingService;
import org.mlx4j.spring.boot.FinishedGeneration;
import org.mlx4j.spring.boot.Overloaded;
import org.mlx4j.spring.boot.TextGenerationService;
import org.mlx4j.spring.boot.Token;
import org.mlx4j.spring.boot.autoconfigure.Mlx4jProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * OpenAI's API over the starter's beans: {@code POST /v1/chat/completions}, {@code POST /v1/completions} (both
 * streamed as server-sent events with {@code stream: true}, ending with an optional usage chunk and
 * {@code [DONE]}), {@code POST /v1/embeddings}, {@code GET /v1/models}. Bad requests get OpenAI's error body; a
 * full service answers 429 or 503 with {@code Retry-After}. A client that goes away cancels its stream, which
 * stops its decoding.
 */
@RestController
class OpenAiController {
    private final TextGenerationService generator;
    private final ObjectProvider<EmbeddingService> embeddings;
    private final Mlx4jProperties properties;

    OpenAiController(TextGenerationService generator, ObjectProvider<EmbeddingService> embeddings, Mlx4jProperties properties) {
        this.generator = generator;
        this.embeddings = embeddings;
        this.properties = properties;
    }

    @GetMapping(value = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
    String models() {
        ArrayNode data = Json.MAPPER.createArrayNode();
        data.add(model(generator.modelId()));
        EmbeddingService e = embeddings.getIfAvailable();
        if (e != null) data.add(model(e.modelId()));
        ObjectNode body = Json.object();
        body.put("object", "list");
        body.set("data", data);
        return Json.write(body);
    }

    private static ObjectNode model(String id) {
        ObjectNode m = Json.object();
        m.put("id", id);
        m.put("object", "model");
        m.put("created", 0);
        m.put("owned_by", "mlx4j");
        return m;
    }

    @PostMapping("/v1/chat/completions")
    Mono<ResponseEntity<?>> chat(@RequestBody(required = false) String body) {
        return Mono.fromCallable(() -> CompletionRequest.chat(Json.parseObject(body), generator,
                        properties.maxTokens(), properties.defaultMaxTokens()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(r -> respond(r, true));
    }

    @PostMapping("/v1/completions")
    Mono<ResponseEntity<?>> completions(@RequestBody(required = false) String body) {
        return Mono.fromCallable(() -> CompletionRequest.completion(Json.parseObject(body), generator,
                        properties.maxTokens(), properties.defaultMaxTokens()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(r -> respond(r, false));
    }

    private Mono<ResponseEntity<?>> respond(CompletionRequest request, boolean chat) {
        Chunks chunks = new Chunks(chat ? "chatcmpl-" : "cmpl-", chat, generator.modelId());
        AtomicReference<FinishedGeneration> finished = new AtomicReference<>();
        Flux<Token> tokens = generator.generate(request.prompt(), request.options(), finished::set);
        if (!request.stream()) {
            return tokens.map(Token::text).collect(StringBuilder::new, StringBuilder::append)
                    .map(text -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                            .body(Json.write(chunks.whole(text.toString(), finished.get()))));
        }
        Flux<ServerSentEvent<String>> events = tokens.filter(t -> !t.text().isEmpty())
                .index()
                .map(t -> sse(chunks.delta(t.getT2().text(), t.getT1() == 0)))
                .concatWith(Flux.defer(() -> {
                    FinishedGeneration f = finished.get();
                    List<ServerSentEvent<String>> end = new ArrayList<>();
                    end.add(sse(chunks.finish(f.finishReason())));
                    if (request.includeUsage()) end.add(sse(chunks.usage(f)));
                    end.add(ServerSentEvent.builder("[DONE]").build());
                    return Flux.fromIterable(end);
                }));
        // Nothing is written before the first event: a refusal (429/503) before it still gets its status and body.
        return Mono.just(ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events));
    }

    private static ServerSentEvent<String> sse(JsonNode data) { return ServerSentEvent.builder(Json.write(data)).build(); }

    @PostMapping(value = "/v1/embeddings", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<String> embeddings(@RequestBody(required = false) String body) {
        return Mono.fromCallable(() -> embed(Json.parseObject(body))).subscribeOn(Schedulers.boundedElastic());
    }

    private String embed(ObjectNode body) {
        EmbeddingService service = embeddings.getIfAvailable();
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual()) throw ApiException.invalid("model", "'model' must be a string naming a model of GET /v1/models.");
        if (service == null || !model.asText().equals(service.modelId())) throw ApiException.unknownModel(model.asText());
        JsonNode input = body.get("input");
        List<String> texts = new ArrayList<>();
        if (input != null && input.isTextual()) texts.add(input.asText());
        else if (input != null && input.isArray() && !input.isEmpty() && input.size() <= 2048) {
            for (JsonNode s : input) {
                if (!s.isTextual()) throw ApiException.invalid("input", "every 'input' entry must be a string.");
                texts.add(s.asText());
            }
        } else throw ApiException.invalid("input", "'input' must be a string or a non-empty array of at most 2048 strings.");
        JsonNode format = body.get("encoding_format");
        if (format != null && !format.isNull() && !"float".equals(format.asText()))
            throw ApiException.invalid("encoding_format", "only 'encoding_format': 'float' is supported.");
        List<float[]> vectors = service.embed(texts);
        ArrayNode data = Json.MAPPER.createArrayNode();
        int tokens = 0;
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            ArrayNode v = item.putArray("embedding");
            for (float x : vectors.get(i)) v.add(x);
            tokens += service.countTokens(texts.get(i));
        }
        ObjectNode out = Json.object();
        out.put("object", "list");
        out.set("data", data);
        out.put("model", service.modelId());
        ObjectNode usage = out.putObject("usage");
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        return Json.write(out);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> apiError(ApiException e) {
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON).body(Json.write(Json.error(e)));
    }

    @ExceptionHandler(Overloaded.class)
    ResponseEntity<String> overloaded(Overloaded e) {
        ApiException api = new ApiException(e.status(), e.status() == 429 ? "rate_limit_exceeded" : "service_unavailable",
                null, e.status() == 429 ? "rate_limit_exceeded" : "service_unavailable", e.getMessage());
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_JSON).body(Json.write(Json.error(api)));
    }

    /** The response objects of one completion. */
    private record Chunks(String id, boolean chat, String model, long created) {
        Chunks(String prefix, boolean chat, String model) {
            this(prefix + UUID.randomUUID().toString().replace("-", ""), chat, model, System.currentTimeMillis() / 1000);
        }

        private ObjectNode head(String object) {
            ObjectNode o = Json.object();
            o.put("id", id);
            o.put("object", object);
            o.put("created", created);
            o.put("model", model);
            return o;
        }

        private ObjectNode choice(ObjectNode o) {
            ObjectNode c = o.putArray("choices").addObject();
            c.put("index", 0);
            return c;
        }

        ObjectNode whole(String text, FinishedGeneration f) {
            ObjectNode o = head(chat ? "chat.completion" : "text_completion");
            ObjectNode c = choice(o);
            if (chat) {
                ObjectNode m = c.putObject("message");
                m.put("role", "assistant");
                m.put("content", text);
            } else {
                c.put("text", text);
                c.putNull("logprobs");
            }
            c.put("finish_reason", f.finishReason());
            o.set("usage", usageNode(f));
            return o;
        }

        ObjectNode delta(String text, boolean first) {
            ObjectNode o = head(chat ? "chat.completion.chunk" : "text_completion");
            ObjectNode c = choice(o);
            if (chat) {
                ObjectNode d = c.putObject("delta");
                if (first) d.put("role", "assistant");
                d.put("content", text);
            } else {
                c.put("text", text);
                c.putNull("logprobs");
            }
            c.putNull("finish_reason");
            return o;
        }

        ObjectNode finish(String reason) {
            ObjectNode o = head(chat ? "chat.completion.chunk" : "text_completion");
            ObjectNode c = choice(o);
            if (chat) c.putObject("delta");
            else c.put("text", "");
            c.put("finish_reason", reason);
            return o;
        }

        ObjectNode usage(FinishedGeneration f) {
            ObjectNode o = head(chat ? "chat.completion.chunk" : "text_completion");
            o.putArray("choices");
            o.set("usage", usageNode(f));
            return o;
        }

        private static ObjectNode usageNode(FinishedGeneration f) {
            ObjectNode u = Json.object();
            u.put("prompt_tokens", f.promptTokens());
            u.put("completion_tokens", f.completionTokens());
            u.put("total_tokens", f.promptTokens() + f.completionTokens());
            return u;
        }
    }
}
