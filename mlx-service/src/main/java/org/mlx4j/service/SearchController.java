package org.mlx4j.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mlx4j.spring.boot.EmbeddingService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The page's semantic search: {@code GET /api/search?q=...&k=5} over the example corpus. */
@RestController
class SearchController {
    private final ObjectProvider<EmbeddingService> embeddings;
    private volatile SemanticSearch search;

    SearchController(ObjectProvider<EmbeddingService> embeddings) { this.embeddings = embeddings; }

    @GetMapping(value = "/api/search", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<String> search(@RequestParam(name = "q", required = false) String q, @RequestParam(name = "k", defaultValue = "5") int k) {
        return Mono.fromCallable(() -> {
            if (q == null || q.isBlank()) throw ApiException.invalid("q", "'q' must be a non-empty query.");
            if (k < 1 || k > 50) throw ApiException.invalid("k", "'k' must be between 1 and 50.");
            ArrayNode hits = Json.MAPPER.createArrayNode();
            for (SemanticSearch.Hit hit : search().search(q, k)) {
                ObjectNode h = hits.addObject();
                h.put("text", hit.text());
                h.put("score", hit.score());
            }
            ObjectNode out = Json.object();
            out.set("hits", hits);
            return Json.write(out);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private SemanticSearch search() {
        if (search == null) {
            EmbeddingService service = embeddings.getIfAvailable();
            if (service == null) throw new ApiException(404, "invalid_request_error", null, "model_not_found", "no embedding model is configured");
            search = new SemanticSearch(service);
        }
        return search;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<String> apiError(ApiException e) {
        return ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON).body(Json.write(Json.error(e)));
    }
}
