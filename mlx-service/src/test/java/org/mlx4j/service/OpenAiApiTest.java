package org.mlx4j.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mlx4j.lm.generate.GenerationOptions;
import org.mlx4j.lm.load.LoadedModel;
import org.mlx4j.reactive.LanguageModelFlux;
import org.mlx4j.spring.boot.Admission;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Every promise of the HTTP API, over a real server on a random port, with models/kjv-llama. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mlx4j.model=../models/kjv-llama", "mlx4j.max-concurrency=4", "mlx4j.max-queue=2", "mlx4j.max-tokens=200",
        "mlx4j.retry-after=2s"})
@Import(TestEmbeddings.class)
class OpenAiApiTest {
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {};

    @LocalServerPort int port;
    @Autowired LoadedModel model;
    @Autowired Admission admission;
    @Autowired MeterRegistry registry;
    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    private JsonNode post(String path, String body, int status) {
        byte[] bytes = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> stream(String path, String body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().returnResult(SSE).getResponseBody().map(ServerSentEvent::data)
                .collectList().block(Duration.ofSeconds(60));
    }

    private static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String reference(String prompt, GenerationOptions options) {
        int[] ids = model.tokenizer().encode(prompt);
        return String.join("", LanguageModelFlux.text(model, ids, options).collectList().block());
    }

    private double tokensGenerated() { return registry.get("mlx4j.generation.tokens").counter().count(); }

    @Test
    void modelsListsTheGenerationAndEmbeddingModels() {
        JsonNode body = json(client.get().uri("/v1/models").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data").findValuesAsText("id")).containsExactly("kjv-llama", "hashing-64");
    }

    @Test
    void chatWithoutStreamIsOneJsonEqualToMlxLmGreedyText() {
        JsonNode r = post("/v1/chat/completions", """
                {"model": "kjv-llama", "messages": [{"role": "user", "content": "And the LORD said"}],
                 "max_tokens": 24, "temperature": 0}""", 200);
        assertThat(r.get("object").asText()).isEqualTo("chat.completion");
        JsonNode choice = r.get("choices").get(0);
        assertThat(choice.get("message").get("role").asText()).isEqualTo("assistant");
        String expected = reference("And the LORD said", GenerationOptions.defaults().withMaxTokens(24));
        assertThat(choice.get("message").get("content").asText()).isEqualTo(expected);
        int promptTokens = model.tokenizer().encode("And the LORD said").length;
        assertThat(r.get("usage").get("prompt_tokens").asInt()).isEqualTo(promptTokens);
        assertThat(r.get("usage").get("total_tokens").asInt()).isEqualTo(promptTokens + r.get("usage").get("completion_tokens").asInt());
        assertThat(choice.get("finish_reason").asText()).isEqualTo(r.get("usage").get("completion_tokens").asInt() == 24 ? "length" : "stop");
    }

    @Test
    void chatStreamSendsDeltasThenFinishThenUsageThenDoneWithTheSameSeededText() {
        String request = """
                {"model": "kjv-llama", "messages": [{"role": "user", "content": "In the beginning"}],
                 "max_tokens": 30, "temperature": 0.8, "top_p": 0.95, "seed": 11, "stream": %s %s}""";
        List<String> events = stream("/v1/chat/completions", request.formatted("true", ", \"stream_options\": {\"include_usage\": true}"));
        assertThat(events.getLast()).isEqualTo("[DONE]");
        JsonNode usage = json(events.get(events.size() - 2));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.get("usage").get("completion_tokens").asInt()).isBetween(1, 30);
        JsonNode finish = json(events.get(events.size() - 3));
        assertThat(finish.get("choices").get(0).get("finish_reason").asText()).isIn("stop", "length");
        StringBuilder text = new StringBuilder();
        for (String e : events.subList(0, events.size() - 3)) {
            JsonNode chunk = json(e);
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("choices").get(0).get("finish_reason").isNull()).isTrue();
            text.append(chunk.get("choices").get(0).get("delta").get("content").asText());
        }
        assertThat(json(events.getFirst()).get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        JsonNode whole = post("/v1/chat/completions", request.formatted("false", ""), 200);
        assertThat(text.toString()).isEqualTo(whole.get("choices").get(0).get("message").get("content").asText())
                .isEqualTo(reference("In the beginning", GenerationOptions.defaults().withMaxTokens(30).withTemperature(0.8).withTopP(0.95).withSeed(11)));
        // without include_usage: no usage chunk
        List<String> plain = stream("/v1/chat/completions", request.formatted("true", ""));
        assertThat(json(plain.get(plain.size() - 2)).has("usage")).isFalse();
    }

    @Test
    void completionsStreamedAndWholeAgreeAndStopAtAStopString() {
        String request = """
                {"model": "kjv-llama", "prompt": "And God said, Let there be", "max_tokens": 40, "temperature": 0, "stop": ["LORD", ","], "stream": %s}""";
        JsonNode whole = post("/v1/completions", request.formatted("false"), 200);
        assertThat(whole.get("object").asText()).isEqualTo("text_completion");
        String text = whole.get("choices").get(0).get("text").asText();
        String free = reference("And God said, Let there be", GenerationOptions.defaults().withMaxTokens(40));
        String expected = free;
        for (String stop : List.of("LORD", ",")) if (expected.contains(stop)) expected = expected.substring(0, expected.indexOf(stop));
        assertThat(text).isEqualTo(expected).doesNotContain("LORD", ",");
        if (!expected.equals(free)) assertThat(whole.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        List<String> events = stream("/v1/completions", request.formatted("true"));
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder streamed = new StringBuilder();
        for (String e : events.subList(0, events.size() - 1)) streamed.append(json(e).get("choices").get(0).get("text").asText());
        assertThat(streamed.toString()).isEqualTo(text);
    }

    @Test
    void aLongStreamRunsToMaxTokensAndADisconnectStopsItsDecoding() throws Exception {
        String request = """
                {"model": "kjv-llama", "prompt": "The", "max_tokens": 200, "temperature": 0.9, "seed": 5, "stream": true}""";
        assertThat(stream("/v1/completions", request).size()).isGreaterThan(3);
        double before = tokensGenerated();
        double cancelledBefore = registry.get("mlx4j.generation.cancelled").counter().count();
        // a client that reads three events then closes its connection
        Flux<ServerSentEvent<String>> events = client.post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request.replace("\"seed\": 5", "\"seed\": 6")).exchange().expectStatus().isOk().returnResult(SSE).getResponseBody();
        assertThat(events.take(3).collectList().block(Duration.ofSeconds(60))).hasSize(3);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((admission.active() > 0 || registry.get("mlx4j.generation.cancelled").counter().count() == cancelledBefore)
                && System.nanoTime() < deadline) Thread.sleep(5);
        assertThat(admission.active()).isZero();
        assertThat(registry.get("mlx4j.generation.cancelled").counter().count()).isEqualTo(cancelledBefore + 1);
        double generated = tokensGenerated() - before;
        Thread.sleep(200);
        assertThat(tokensGenerated() - before).isEqualTo(generated).isLessThan(200);
    }

    @Test
    void aSlowClientDoesNotStallOthers() {
        Flux<ServerSentEvent<String>> slow = client.post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"model": "kjv-llama", "prompt": "The", "max_tokens": 200, "stream": true, "seed": 1}""")
                .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody();
        List<String> first = new ArrayList<>();
        Disposable held = slow.limitRate(1).take(1).subscribe(e -> first.add(e.data()));
        JsonNode other = post("/v1/completions", """
                {"model": "kjv-llama", "prompt": "Blessed are", "max_tokens": 16, "temperature": 0}""", 200);
        assertThat(other.get("choices").get(0).get("text").asText())
                .isEqualTo(reference("Blessed are", GenerationOptions.defaults().withMaxTokens(16)));
        held.dispose();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "malformed JSON|/v1/chat/completions|`{\"model\": \"kjv-llama\", \"messages\": [`|400|",
            "not an object|/v1/chat/completions|`[1, 2]`|400|",
            "empty body|/v1/completions|` `|400|",
            "unknown model|/v1/chat/completions|`{\"model\": \"gpt-4\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}`|404|model",
            "model not a string|/v1/completions|`{\"model\": 3, \"prompt\": \"hi\"}`|400|model",
            "no messages|/v1/chat/completions|`{\"model\": \"kjv-llama\"}`|400|messages",
            "empty messages|/v1/chat/completions|`{\"model\": \"kjv-llama\", \"messages\": []}`|400|messages",
            "bad role|/v1/chat/completions|`{\"model\": \"kjv-llama\", \"messages\": [{\"role\": \"wizard\", \"content\": \"hi\"}]}`|400|messages[0].role",
            "content not a string|/v1/chat/completions|`{\"model\": \"kjv-llama\", \"messages\": [{\"role\": \"user\", \"content\": 5}]}`|400|messages[0].content",
            "prompt not a string|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": [1, 2]}`|400|prompt",
            "max_tokens zero|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"max_tokens\": 0}`|400|max_tokens",
            "max_tokens too big|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"max_tokens\": 100000}`|400|max_tokens",
            "max_tokens a string|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"max_tokens\": \"ten\"}`|400|max_tokens",
            "prompt plus max_tokens past the context|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD LORD\", \"max_tokens\": 200}`|400|max_tokens",
            "temperature a string|/v1/chat/completions|`{\"model\": \"kjv-llama\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"temperature\": \"hot\"}`|400|temperature",
            "temperature out of range|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"temperature\": 7}`|400|temperature",
            "top_p zero|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"top_p\": 0}`|400|top_p",
            "seed not an integer|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"seed\": 1.5}`|400|seed",
            "stop not strings|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"stop\": [1]}`|400|stop",
            "stream not a boolean|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"stream\": \"yes\"}`|400|stream",
            "stream_options without stream|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"stream_options\": {\"include_usage\": true}}`|400|stream_options",
            "n above one|/v1/completions|`{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"n\": 2}`|400|n",
            "embeddings unknown model|/v1/embeddings|`{\"model\": \"kjv-llama\", \"input\": \"hi\"}`|404|model",
            "embeddings input not text|/v1/embeddings|`{\"model\": \"hashing-64\", \"input\": [1]}`|400|input",
            "embeddings base64|/v1/embeddings|`{\"model\": \"hashing-64\", \"input\": \"hi\", \"encoding_format\": \"base64\"}`|400|encoding_format"})
    void badInputGetsAnOpenAiErrorAndNeverReachesTheModel(String name, String path, String body, int status, String param) {
        double before = tokensGenerated();
        JsonNode error = post(path, body, status).get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asText()).isNotBlank();
        if (param == null) assertThat(error.get("param").isNull()).isTrue();
        else assertThat(error.get("param").asText()).isEqualTo(param);
        assertThat(tokensGenerated()).isEqualTo(before);
    }

    @Test
    void aFullServiceAnswers429WithRetryAfterAndNothingReachesTheModel() {
        List<Admission.Permit> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) held.add(admission.admit(1).block());
        List<Disposable> queued = List.of(admission.admit(1).subscribe(held::add), admission.admit(1).subscribe(held::add));
        try {
            double before = tokensGenerated();
            for (String stream : List.of("false", "true")) {
                client.post().uri("/v1/completions").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"model\": \"kjv-llama\", \"prompt\": \"hi\", \"max_tokens\": 4, \"stream\": " + stream + "}")
                        .exchange().expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "2")
                        .expectBody().jsonPath("$.error.code").isEqualTo("rate_limit_exceeded");
            }
            assertThat(tokensGenerated()).isEqualTo(before);
        } finally {
            queued.forEach(Disposable::dispose);
            held.forEach(Admission.Permit::release);
        }
    }

    @Test
    void embeddingsOfOneOrManyInputs() {
        JsonNode r = post("/v1/embeddings", """
                {"model": "hashing-64", "input": ["the LORD is my shepherd", "I shall not want"]}""", 200);
        assertThat(r.get("data")).hasSize(2);
        assertThat(r.get("data").get(1).get("index").asInt()).isEqualTo(1);
        JsonNode v = r.get("data").get(0).get("embedding");
        assertThat(v).hasSize(HashingEmbeddings.DIMENSIONS);
        float[] expected = new HashingEmbeddings().embed(List.of("the LORD is my shepherd")).get(0);
        for (int i = 0; i < expected.length; i++) assertThat(v.get(i).floatValue()).isEqualTo(expected[i]);
        assertThat(r.get("usage").get("prompt_tokens").asInt()).isEqualTo(9);
        assertThat(post("/v1/embeddings", "{\"model\": \"hashing-64\", \"input\": \"one\"}", 200).get("data")).hasSize(1);
    }

    @Test
    void searchRanksTheCorpusByEmbeddingSimilarity() {
        JsonNode r = json(client.get().uri("/api/search?q=the LORD is my shepherd&k=3").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(r.get("hits")).hasSize(3);
        assertThat(r.get("hits").get(0).get("text").asText()).isEqualTo("The LORD is my shepherd; I shall not want.");
        assertThat(r.get("hits").get(0).get("score").asDouble()).isGreaterThanOrEqualTo(r.get("hits").get(1).get("score").asDouble());
        client.get().uri("/api/search?q=").exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.error.param").isEqualTo("q");
    }

    @Test
    void healthAndMetricsAreExposed() {
        JsonNode health = json(client.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mlx4j/details/model").asText()).isEqualTo("kjv-llama");
        for (String meter : List.of("mlx4j.generation.tokens", "mlx4j.generation.queue.depth", "mlx4j.memory.active",
                "mlx4j.generation.time.to.first.token", "mlx4j.generation.cancelled"))
            client.get().uri("/actuator/metrics/" + meter).exchange().expectStatus().isOk();
    }
}
