package org.mlx4j.core.io;

import java.util.Map;
import org.mlx4j.core.Array;

/**
 * The contents of a safetensors file: its arrays by name (in file order) and its string metadata.
 *
 * @param arrays   tensor name to array, insertion-ordered as in the header
 * @param metadata the {@code __metadata__} entries (empty when the file has none)
 */
public record SafetensorsFile(Map<String, Array> arrays, Map<String, String> metadata) {
    /** Copies both maps (unmodifiable, keeping their order). */
    public SafetensorsFile {
        arrays = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arrays));
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
