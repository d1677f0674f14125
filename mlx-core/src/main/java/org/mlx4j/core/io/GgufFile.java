package org.mlx4j.core.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlx4j.core.Array;

/**
 * The contents of a GGUF file, as MLX's {@code mx.load(file, return_metadata=True)} gives them.
 *
 * <p>The metadata values are as MLX has them: a GGUF string is a {@link String}, an array of strings a
 * {@code List<String>}, a number or bool a 0-d {@link Array} of its type (uint8 to uint64, int8 to int64,
 * float32, float64, bool) and an array of numbers or bools a 1-d one. The metadata arrays, like the tensors,
 * belong to the caller.
 *
 * @param arrays      the tensors by name, in file order (a tensor kept in MLX's quantized form gives three
 *                    entries, see {@link GgufQuantized#MLX_AFFINE})
 * @param metadata    the metadata by key, in file order
 * @param tensorTypes each tensor's GGML type by its name in the file ({@code "F32"}, {@code "F16"},
 *                    {@code "BF16"}, {@code "Q8_0"}, {@code "Q4_0"}, {@code "Q4_1"}, ...)
 */
public record GgufFile(Map<String, Array> arrays, Map<String, Object> metadata, Map<String, String> tensorTypes) {
    /** Copies the maps (unmodifiable, keeping their order). */
    public GgufFile {
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensorTypes = Collections.unmodifiableMap(new LinkedHashMap<>(tensorTypes));
    }
}
