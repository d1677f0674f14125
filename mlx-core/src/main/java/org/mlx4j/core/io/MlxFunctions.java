package org.mlx4j.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.mlx4j.core.Array;
import org.mlx4j.core.Fn;

/**
 * Functions exported to and imported from MLX's {@code .mlxfn} format, as {@code mx.export_function} and
 * {@code mx.import_function}: a file MLX writes imports and runs here, and a function exported here imports into
 * MLX (when its primitives exist in MLX's format; see {@link #exportFunction}).
 *
 * <p>What mlx4j covers: element-wise ops, reductions and arg-reductions, softmax, matmul, broadcast, reshape,
 * transpose, squeeze and expand_dims (import), astype, where, concatenate, copy and stop_gradient; functions of one
 * output per primitive; traces with fixed shapes (not {@code shapeless=True}); positional and keyword inputs.
 */
public final class MlxFunctions {
    private MlxFunctions() {}

    /**
     * Traces {@code fn} over inputs shaped and typed like {@code exampleInputs} and writes it as {@code .mlxfn}
     * (adding the extension when missing). Arrays the function reads that do not depend on its inputs (weights)
     * are stored in the file as constants. The streams are written as MLX's default CPU stream.
     * MLX: {@code mlx.core.export_function}.
     *
     * @param file the file
     * @param fn the function; it must not evaluate its intermediate results
     * @param exampleInputs arrays of the shapes and dtypes the function is exported for
     * @return the path written
     * @throws ArrayFileException if the function uses an op that MLX's format cannot hold (the message names it and
     * what is covered), or the file cannot be written
     */
    public static Path exportFunction(Path file, Fn fn, Array... exampleInputs) {
        Objects.requireNonNull(fn, "fn");
        String n = file.getFileName().toString();
        Path target = n.endsWith(".mlxfn") ? file : file.resolveSibling(n + ".mlxfn");
        byte[] bytes;
        try {
            bytes = MlxfnWriter.export(fn, exampleInputs);
        } catch (MlxfnWriter.NotExportable e) {
            throw new ArrayFileException(target, "[export_function] " + e.getMessage());
        }
        try {
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new ArrayFileException(target, "[export_function] cannot write the file", e);
        }
        return target;
    }

    /**
     * Reads a function from an {@code .mlxfn} file written by MLX's {@code export_function} or by
     * {@link #exportFunction}.
     * MLX: {@code mlx.core.import_function}.
     *
     * @param file the file
     * @return the function (close it to free its constants)
     * @throws ArrayFileException if the file is missing, corrupt or truncated, or holds a primitive mlx4j does not
     * import (the message names it), several outputs per primitive, or a shapeless export
     */
    public static ImportedFunction importFunction(Path file) {
        try {
            return MlxfnReader.read(file);
        } catch (NoSuchFileException e) {
            throw new ArrayFileException(file, "no such file");
        } catch (IOException e) {
            ArrayFileException afe = new ArrayFileException(file, e.getMessage());
            afe.initCause(e);
            throw afe;
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new ArrayFileException(file, "cannot import the function", e);
        }
    }
}
