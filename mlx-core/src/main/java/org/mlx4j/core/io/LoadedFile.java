package org.mlx4j.core.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlx4j.core.Array;

/**
 * The arrays and metadata of a file of any supported format, as MLX's {@code mx.load(file, return_metadata=True)}.
 *
 * @param arrays   the arrays by name, in file order
 * @param metadata the metadata by key, in file order: empty for {@code .npy} and {@code .npz}, {@link String}
 *                 values for {@code .safetensors}, the values of {@link GgufFile#metadata()} for {@code .gguf}
 */
public record LoadedFile(Map<String, Array> arrays, Map<String, Object> metadata) {
    /** Copies both maps (unmodifiable, keeping their order). */
    public LoadedFile {
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
