package org.mlx4j.lm.tokenizer;

import java.nio.charset.StandardCharsets;

/** UTF-8 helpers of decoding. */
final class Utf8 {
    private Utf8() {}

    /** Decodes {@code bytes}, each malformed sequence as U+FFFD, as Rust's {@code String::from_utf8_lossy}. */
    static String decodeLossy(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
