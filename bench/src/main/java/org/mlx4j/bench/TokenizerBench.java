package org.mlx4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mlx4j.lm.tokenizer.Tokenizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding speed of {@link Tokenizer} (one thread): one operation encodes every document of a text file (documents
 * separated by the character U+001E) without special tokens. bench/scripts/compare_tokenizer.py trains the tokenizers,
 * writes the text and runs this beside HF {@code tokenizers}; by hand:
 * {@code -p dir=DIR_WITH_TOKENIZER_JSON -p text=FILE}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TokenizerBench {
    /** Directories with a tokenizer.json. */
    @Param({""})
    public String dir;

    /** The text file: documents separated by U+001E. */
    @Param({""})
    public String text;

    private Tokenizer tokenizer;
    private List<String> documents;

    @Setup
    public void setup() throws IOException {
        if (dir.isEmpty() || text.isEmpty()) {
            throw new IllegalArgumentException("TokenizerBench needs -p dir=DIR (with tokenizer.json) and -p text=FILE; "
                    + "bench/scripts/compare_tokenizer.py passes both");
        }
        tokenizer = Tokenizer.fromFile(Path.of(dir, "tokenizer.json"));
        documents = List.of(Files.readString(Path.of(text)).split("\u001E", -1));
        long count = 0;
        long sum = 0;
        for (String d : documents) {
            for (int id : tokenizer.encode(d, false)) {
                count++;
                sum += id;
            }
        }
        System.out.println("checksum " + Path.of(dir).getFileName() + " " + count + " " + sum);
    }

    /** Encodes every document. */
    @Benchmark
    public long encode() {
        long tokens = 0;
        for (String d : documents) tokens += tokenizer.encode(d, false).length;
        return tokens;
    }
}
