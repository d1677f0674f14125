package org.mlx4j.core.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;

/**
 * Loading and saving arrays, as MLX's {@code mx.load}, {@code mx.save}, {@code mx.savez},
 * {@code mx.savez_compressed}, {@code mx.save_safetensors} and {@code mx.save_gguf}.
 *
 * <p>Loads read the whole file eagerly and validate every header field against the file before
 * creating any array, so a corrupt or truncated file fails with an {@link ArrayFileException} naming
 * the file and the problem, never with a partial result. Saves evaluate the arrays, add MLX's file
 * extension when it is missing, and write through a temporary file that replaces the target only when
 * complete. Reads and writes block: call them from a thread that may block.
 */
public final class ArrayIO {
    private ArrayIO() {}

    // ---------------------------------------------------------------- loading

    /**
     * Loads a {@code .npy} file (as {@code mx.load} does for that format).
     * MLX: {@code mlx.core.load}.
     *
     * @param file the file
     * @return the array
     * @throws ArrayFileException if the file is missing, corrupt, truncated, or holds a dtype or layout that is
     * not supported
     */
    public static Array load(Path file) {
        try (Arena arena = Arena.ofConfined(); InputStream in = Files.newInputStream(file)) {
            ByteInput bi = new ByteInput(in, Files.size(file));
            return NpyFormat.read(bi, arena, "the file").toArray();
        } catch (IOException | OutOfMemoryError e) {
            throw failure(file, "cannot load the .npy file", e);
        }
    }

    /**
     * Loads every array of a {@code .npz} archive, keyed by entry name without {@code .npy}, in archive order.
     * MLX: {@code mlx.core.load}.
     *
     * @param file the file
     * @return the arrays by entry name
     * @throws ArrayFileException if the file is missing, corrupt, truncated, or holds a dtype or layout that is
     * not supported
     */
    public static Map<String, Array> loadNpz(Path file) {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile()); Arena arena = Arena.ofConfined()) {
            List<RawTensor> raws = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (e.isDirectory()) continue;
                String name = e.getName();
                if (!name.endsWith(".npy")) throw new IOException("archive entry '" + name + "' is not an .npy array");
                long size = e.getSize() >= 0 ? e.getSize() : Long.MAX_VALUE;
                try (InputStream in = zip.getInputStream(e)) {
                    raws.add(NpyFormat.read(new ByteInput(in, size), arena, "entry '" + name + "'"));
                }
                names.add(name.substring(0, name.length() - 4));
            }
            // every entry is read and checked before the first array is made
            for (int i = 0; i < raws.size(); i++) out.put(names.get(i), raws.get(i).toArray());
            return out;
        } catch (ZipException e) {
            closeAll(out.values());
            throw failure(file, "not a valid .npz (zip) archive", e);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            closeAll(out.values());
            throw failure(file, "cannot load the .npz archive", e);
        }
    }

    /**
     * Loads a {@code .safetensors} file: its arrays in header order and its metadata.
     * MLX: {@code mlx.core.load(file, return_metadata=True)}.
     *
     * @param file the file
     * @return the arrays and the metadata
     * @throws ArrayFileException if the file is missing, corrupt, truncated, or holds a dtype or layout that is
     * not supported
     */
    public static SafetensorsFile loadSafetensors(Path file) {
        Map<String, Array> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            SafetensorsFormat.Header h = SafetensorsFormat.readHeader(ch);
            for (SafetensorsFormat.Entry e : h.entries()) {
                try (Arena arena = Arena.ofConfined()) {
                    out.put(e.name(), SafetensorsFormat.readTensor(ch, h, e, arena).toArray());
                }
            }
            return new SafetensorsFile(out, h.metadata());
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            closeAll(out.values());
            throw failure(file, "cannot load the safetensors file", e);
        }
    }

    /**
     * Loads a {@code .gguf} file, its block-quantized tensors dequantised to FLOAT32: its tensors in file order,
     * its metadata and each tensor's GGML type.
     * MLX: {@code mlx.core.load(file, return_metadata=True)} for GGUF.
     *
     * @param file the file
     * @return the tensors, the metadata and the tensor types
     * @throws ArrayFileException if the file is missing, corrupt, truncated, or holds a tensor type mlx4j does not
     * read (it reads F32, F16, BF16, Q8_0, Q4_0, Q4_1, I8, I16, I32, I64 and F64)
     */
    public static GgufFile loadGguf(Path file) {
        return loadGguf(file, GgufQuantized.DEQUANTIZE);
    }

    /**
     * Loads a {@code .gguf} file, its block-quantized tensors dequantised or kept in MLX's affine quantized form
     * (see {@link GgufQuantized}).
     * MLX: {@code mlx.core.load(file, return_metadata=True)} for GGUF (which keeps Q4_0, Q4_1 and Q8_0 quantized).
     *
     * @param file the file
     * @param quantized what to make of the quantized tensors
     * @return the tensors, the metadata and the tensor types
     * @throws ArrayFileException if the file is missing, corrupt, truncated, or holds a tensor type mlx4j does not
     * read, or (with {@link GgufQuantized#MLX_AFFINE}) the name of a quantized tensor's scales or biases is taken
     */
    public static GgufFile loadGguf(Path file, GgufQuantized quantized) {
        java.util.Objects.requireNonNull(quantized, "quantized");
        try {
            return GgufReader.read(file, quantized);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw failure(file, "cannot load the GGUF file", e);
        }
    }

    /**
     * Loads any supported file by its extension, as {@code mx.load(file)}: a {@code .npz},
     * {@code .safetensors} or {@code .gguf} file gives its arrays by name (GGUF's quantized tensors
     * dequantised); a {@code .npy} file gives one entry named after the file (without the extension).
     * MLX: {@code mlx.core.load}.
     *
     * @param file the file
     * @return the arrays by name, in file order
     * @throws ArrayFileException if the extension is not {@code .npy}, {@code .npz}, {@code .safetensors} or
     * {@code .gguf}, or the file is missing, corrupt, truncated, or holds a dtype or layout that is not supported
     */
    public static Map<String, Array> loadArrays(Path file) {
        LoadedFile f = loadWithMetadata(file);
        for (Object v : f.metadata().values()) if (v instanceof Array a) a.close(); // GGUF's numeric metadata
        return f.arrays();
    }

    /**
     * Loads any supported file by its extension with its metadata, as {@code mx.load(file, return_metadata=True)}
     * ({@code .npy} and {@code .npz} files have none; see {@link LoadedFile}).
     * MLX: {@code mlx.core.load(file, return_metadata=True)}.
     *
     * @param file the file
     * @return the arrays by name and the metadata by key, in file order
     * @throws ArrayFileException if the extension is not {@code .npy}, {@code .npz}, {@code .safetensors} or
     * {@code .gguf}, or the file is missing, corrupt, truncated, or holds a dtype or layout that is not supported
     */
    public static LoadedFile loadWithMetadata(Path file) {
        String n = file.getFileName().toString();
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".npy")) return new LoadedFile(Map.of(n.substring(0, n.length() - 4), load(file)), Map.of());
        if (lower.endsWith(".npz")) return new LoadedFile(loadNpz(file), Map.of());
        if (lower.endsWith(".safetensors")) {
            SafetensorsFile f = loadSafetensors(file);
            return new LoadedFile(f.arrays(), new LinkedHashMap<>(f.metadata()));
        }
        if (lower.endsWith(".gguf")) {
            GgufFile f = loadGguf(file);
            return new LoadedFile(f.arrays(), f.metadata());
        }
        throw new ArrayFileException(file, "unknown file format: the name must end in .npy, .npz, .safetensors or .gguf");
    }

    // ---------------------------------------------------------------- saving

    /**
     * Saves one array as {@code .npy} (adding the extension if missing); returns the path written.
     * MLX: {@code mlx.core.save}.
     *
     * @param file the file
     * @param a the array to save (evaluated first)
     * @return the path written (with the extension)
     * @throws ArrayFileException if an array is null or empty, a name is empty, or the file cannot be written
     */
    public static Path save(Path file, Array a) {
        Path target = withExtension(file, ".npy");
        checkSavable(target, "save", "array", a);
        byte[] data = a.toBytes();
        writeAtomically(target, out -> NpyFormat.write(out, a.dtype(), a.shape(), data));
        return target;
    }

    /**
     * Saves arrays uncompressed in a {@code .npz} archive, one {@code name.npy} entry each.
     * MLX: {@code mlx.core.savez}.
     *
     * @param file the file
     * @param arrays the arrays to save (evaluated first)
     * @return the path written (with the extension)
     * @throws ArrayFileException if an array is null or empty, a name is empty, or the file cannot be written
     */
    public static Path savez(Path file, Map<String, Array> arrays) {
        return writeNpz(file, arrays, false);
    }

    /**
     * Saves positional arrays in a {@code .npz} archive as {@code arr_0}, {@code arr_1}, ...
     * MLX: {@code mlx.core.savez}.
     *
     * @param file the file
     * @param arrays the arrays to save, named {@code arr_0}, {@code arr_1}, ... (evaluated first)
     * @return the path written (with the extension)
     * @throws ArrayFileException if an array is null or empty, a name is empty, or the file cannot be written
     */
    public static Path savez(Path file, Array... arrays) {
        Map<String, Array> m = new LinkedHashMap<>();
        for (int i = 0; i < arrays.length; i++) m.put("arr_" + i, arrays[i]);
        return writeNpz(file, m, false);
    }

    /**
     * As {@link #savez(Path, Map)} with deflate-compressed entries.
     * MLX: {@code mlx.core.savez_compressed}.
     *
     * @param file the file
     * @param arrays the arrays to save (evaluated first)
     * @return the path written (with the extension)
     * @throws ArrayFileException if an array is null or empty, a name is empty, or the file cannot be written
     */
    public static Path savezCompressed(Path file, Map<String, Array> arrays) {
        return writeNpz(file, arrays, true);
    }

    /**
     * Saves arrays as {@code .safetensors} without metadata.
     * MLX: {@code mlx.core.save_safetensors}.
     *
     * @param file the file
     * @param arrays the arrays to save (evaluated first)
     * @return the path written (with the extension)
     * @throws ArrayFileException if an array is null or empty, a name is empty, or the file cannot be written
     */
    public static Path saveSafetensors(Path file, Map<String, Array> arrays) {
        return saveSafetensors(file, arrays, Map.of());
    }

    /**
     * Saves arrays (in map order) and string metadata as {@code .safetensors}.
     * MLX: {@code mlx.core.save_safetensors}.
     *
     * @param file the file
     * @param arrays the arrays to save (evaluated first)
     * @param metadata the string metadata ({@code __metadata__})
     * @return the path written (with the extension)
     * @throws ArrayFileException if an array is null or empty, a name is empty, or the file cannot be written
     */
    public static Path saveSafetensors(Path file, Map<String, Array> arrays, Map<String, String> metadata) {
        Path target = withExtension(file, ".safetensors");
        for (Map.Entry<String, Array> e : arrays.entrySet()) checkSavable(target, "save_safetensors", "key " + e.getKey(), e.getValue());
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            if (m.getKey() == null || m.getValue() == null) throw new ArrayFileException(target, "[save_safetensors] metadata keys and values must not be null");
        }
        Mx.eval(new ArrayList<>(arrays.values()));
        Map<String, DType> dtypes = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        arrays.forEach((k, v) -> {
            dtypes.put(k, v.dtype());
            shapes.put(k, v.shape());
        });
        byte[] header = SafetensorsFormat.header(dtypes, shapes, metadata);
        writeAtomically(target, out -> {
            out.write(header);
            for (Array a : arrays.values()) SafetensorsFormat.writeData(out, a.dtype(), a.toBytes());
        });
        return target;
    }

    /**
     * Saves arrays (in map order) as {@code .gguf} without metadata.
     * MLX: {@code mlx.core.save_gguf}.
     *
     * @param file the file
     * @param arrays the arrays to save (evaluated first)
     * @return the path written (with the extension)
     * @throws ArrayFileException if an array is null or empty, of a dtype GGUF cannot store (valid: FLOAT32,
     * FLOAT16, BFLOAT16, INT8, INT16, INT32, INT64, FLOAT64) or of more than 4 dimensions, or the file cannot be
     * written
     */
    public static Path saveGguf(Path file, Map<String, Array> arrays) {
        return saveGguf(file, arrays, Map.of());
    }

    /**
     * Saves arrays (in map order) and metadata as {@code .gguf} (version 3, alignment 32). Metadata values are
     * as MLX takes them: a {@link String}, a {@code List<String>}, or a 0-d or 1-d {@link Array} of dtype BOOL,
     * UINT8 to UINT64, INT8 to INT64, FLOAT32 or FLOAT64.
     * MLX: {@code mlx.core.save_gguf}.
     *
     * @param file the file
     * @param arrays the arrays to save (evaluated first)
     * @param metadata the metadata by key
     * @return the path written (with the extension)
     * @throws ArrayFileException if an array is null or empty, of a dtype GGUF cannot store (valid: FLOAT32,
     * FLOAT16, BFLOAT16, INT8, INT16, INT32, INT64, FLOAT64) or of more than 4 dimensions, a metadata value is of
     * another kind or dtype (or is {@code general.alignment}, which the writer sets), or the file cannot be written
     */
    public static Path saveGguf(Path file, Map<String, Array> arrays, Map<String, Object> metadata) {
        return saveGguf(file, arrays, metadata, Map.of());
    }

    /**
     * Saves arrays (in map order) and metadata as {@code .gguf} (version 3, alignment 32), each tensor named in
     * {@code tensorTypes} stored as that GGML type: {@code "Q8_0"} or {@code "Q4_0"} (32-element blocks, quantized
     * from float32 as GGML's reference {@code quantize_row_q8_0} and {@code quantize_row_q4_0} do) or a plain
     * floating type ({@code "F32"}, {@code "F16"}, {@code "BF16"}, converted); the others as their dtype.
     * This is how llama.cpp's own converter writes a quantized model. MLX's {@code mlx.core.save_gguf} stores
     * plain types only; the quantized types are the GGML formats the reader ({@link #loadGguf}) takes.
     *
     * @param file the file
     * @param arrays the arrays to save (evaluated first)
     * @param metadata the metadata by key
     * @param tensorTypes the GGML type of some tensors by name (the rest keep their dtype)
     * @return the path written (with the extension)
     * @throws ArrayFileException as {@link #saveGguf(Path, Map, Map)}, and if a type is not one of those, names
     * no array, is given for a non-floating array, or is quantized for an array whose last axis is not a multiple
     * of 32
     */
    public static Path saveGguf(Path file, Map<String, Array> arrays, Map<String, Object> metadata, Map<String, String> tensorTypes) {
        Path target = withExtension(file, ".gguf");
        for (Map.Entry<String, Array> e : arrays.entrySet()) {
            if (e.getKey() == null) throw new ArrayFileException(target, "[save_gguf] tensor names must not be null");
            checkSavable(target, "save_gguf", "tensor " + e.getKey(), e.getValue());
        }
        Map<String, Array> stored = new LinkedHashMap<>(arrays);
        String problem = GgufWriter.convert(stored, tensorTypes);
        if (problem == null) problem = GgufWriter.problem(stored, metadata);
        if (problem != null) throw new ArrayFileException(target, "[save_gguf] " + problem);
        Map<String, GgufTensorType> types = GgufWriter.types(stored, tensorTypes);
        List<Array> all = new ArrayList<>(stored.values());
        for (Object v : metadata.values()) if (v instanceof Array a) all.add(a);
        Mx.eval(all);
        writeAtomically(target, out -> GgufWriter.write(out, stored, metadata, types));
        return target;
    }

    /**
     * Saves arrays in the format named by the file's extension: {@code .npz} (uncompressed), {@code .safetensors}
     * or {@code .gguf}, or {@code .npy} when there is exactly one array.
     * MLX: {@code mlx.core.savez}, {@code mlx.core.save_safetensors}, {@code mlx.core.save_gguf},
     * {@code mlx.core.save}.
     *
     * @param file the file, with its extension
     * @param arrays the arrays to save (evaluated first)
     * @return the path written
     * @throws ArrayFileException if the extension is none of those, a {@code .npy} file is given other than one
     * array, or the format's own save fails
     */
    public static Path saveArrays(Path file, Map<String, Array> arrays) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".npz")) return savez(file, arrays);
        if (lower.endsWith(".safetensors")) return saveSafetensors(file, arrays);
        if (lower.endsWith(".gguf")) return saveGguf(file, arrays);
        if (lower.endsWith(".npy")) {
            if (arrays.size() != 1) throw new ArrayFileException(file, "[save] a .npy file holds one array, not " + arrays.size());
            return save(file, arrays.values().iterator().next());
        }
        throw new ArrayFileException(file, "[save] unknown file format: the name must end in .npy, .npz, .safetensors or .gguf");
    }

    private static Path writeNpz(Path file, Map<String, Array> arrays, boolean compressed) {
        Path target = withExtension(file, ".npz");
        for (Map.Entry<String, Array> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) throw new ArrayFileException(target, "[savez] array names must not be empty");
            checkSavable(target, "savez", "array " + e.getKey(), e.getValue());
        }
        Mx.eval(new ArrayList<>(arrays.values()));
        writeAtomically(target, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, Array> e : arrays.entrySet()) {
                    Array a = e.getValue();
                    ByteArrayOutputStream buf = new ByteArrayOutputStream();
                    NpyFormat.write(buf, a.dtype(), a.shape(), a.toBytes());
                    byte[] bytes = buf.toByteArray();
                    ZipEntry ze = new ZipEntry(e.getKey() + ".npy");
                    if (compressed) {
                        ze.setMethod(ZipEntry.DEFLATED);
                    } else {
                        CRC32 crc = new CRC32();
                        crc.update(bytes);
                        ze.setMethod(ZipEntry.STORED);
                        ze.setSize(bytes.length);
                        ze.setCompressedSize(bytes.length);
                        ze.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(ze);
                    zip.write(bytes);
                    zip.closeEntry();
                }
                zip.finish();
            }
        });
        return target;
    }

    private static void checkSavable(Path target, String op, String what, Array a) {
        if (a == null) throw new ArrayFileException(target, "[" + op + "] " + what + " is null");
        if (a.size() == 0) throw new ArrayFileException(target, "[" + op + "] cannot serialize an empty array (" + what + ")");
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Body body) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw failure(target, "cannot write the file", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }

    private static Path withExtension(Path file, String ext) {
        String n = file.getFileName().toString();
        return n.endsWith(ext) ? file : file.resolveSibling(n + ext);
    }

    private static void closeAll(Iterable<Array> arrays) {
        for (Array a : arrays) a.close();
    }

    private static ArrayFileException failure(Path file, String what, Throwable e) {
        if (e instanceof ArrayFileException afe) return afe;
        if (e instanceof NoSuchFileException) return new ArrayFileException(file, "no such file");
        if (e instanceof ByteInput.Truncated || e.getClass() == IOException.class) {
            ArrayFileException afe = new ArrayFileException(file, e.getMessage());
            afe.initCause(e);
            return afe;
        }
        if (e instanceof OutOfMemoryError) return new ArrayFileException(file, what + ": not enough memory for what the header declares", e);
        return new ArrayFileException(file, what, e);
    }
}
