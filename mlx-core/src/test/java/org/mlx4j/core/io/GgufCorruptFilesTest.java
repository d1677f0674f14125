package org.mlx4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Memory;

/** Truncated and lying GGUF files fail with an ArrayFileException naming the file and the field. */
class GgufCorruptFilesTest {
    @TempDir
    Path dir;

    private void fails(byte[] bytes, String... fragments) throws IOException {
        long before = Memory.activeMemory();
        Path p = dir.resolve("bad.gguf");
        Files.write(p, bytes);
        for (GgufQuantized mode : GgufQuantized.values()) {
            try {
                GgufFile f = ArrayIO.loadGguf(p, mode);
                GgufGoldenTest.close(f);
                fail("loading returned " + f.arrays().keySet());
            } catch (ArrayFileException e) {
                assertThat(e.file()).isEqualTo(p);
                assertThat(e.getMessage()).startsWith(p + ": ");
                for (String s : fragments) assertThat(e.getMessage()).contains(s);
            }
        }
        assertThat(Memory.activeMemory()).as("no array survives a failed load").isLessThanOrEqualTo(before);
    }

    @Test
    void everyTruncationOfTheGoldenFileFails() throws IOException {
        byte[] whole = Files.readAllBytes(GgufGoldenTest.golden("gguf_golden.gguf", dir));
        // the file ends in padding after the last tensor's data: a cut inside that padding still holds every tensor
        long end = 0;
        GgufFormat.Header h = GgufFormat.readHeader(java.lang.foreign.MemorySegment.ofArray(whole));
        for (GgufFormat.TensorInfo t : h.tensors()) end = Math.max(end, h.dataStart() + t.offset() + t.nbytes());
        assertThat(end).isGreaterThan(whole.length - 64);
        for (int len = 0; len < end; len += len < 1200 ? 1 : 7) fails(Arrays.copyOf(whole, len));
    }

    @Test
    void lyingHeadersNameTheField() throws IOException {
        fails(GgufBytes.builder().magic(0x12345678).build(), "not a GGUF file");
        fails(GgufBytes.builder().version(1).build(), "unsupported GGUF version 1");
        fails(GgufBytes.builder().version(Integer.reverseBytes(3)).build(), "big-endian");
        fails(GgufBytes.builder().tensorCount(Long.MAX_VALUE).build(), "the tensor count 9223372036854775807 is more than");
        fails(GgufBytes.builder().tensorCount(-1).build(), "the tensor count 18446744073709551615");
        fails(GgufBytes.builder().metadataCount(1L << 40).build(), "the metadata count 1099511627776 is more than");
        fails(GgufBytes.concat(GgufBytes.le(4, 0x46554747), GgufBytes.le(4, 3), GgufBytes.le(8, 0), GgufBytes.le(8, 1), GgufBytes.le(8, Long.MAX_VALUE),
                new byte[16]),
                "the key of metadata entry 0", "declares 9223372036854775807 bytes");
        fails(GgufBytes.builder().meta("k", 99, new byte[8]).build(), "metadata \"k\" has value type 99");
        fails(GgufBytes.builder().meta("k", 7, new byte[] {2}).build(), "metadata \"k\" holds the byte 2 as a bool");
        fails(GgufBytes.builder().meta("k", 9, GgufBytes.concat(GgufBytes.le(4, 5), GgufBytes.le(8, 1L << 50))).build(),
                "the length of metadata \"k\" 1125899906842624 is more than");
        fails(GgufBytes.builder().meta("k", 9, GgufBytes.concat(GgufBytes.le(4, 9), GgufBytes.le(8, 1))).build(), "metadata \"k\" is an array of arrays");
        fails(GgufBytes.builder().meta("k", 8, GgufBytes.string("a")).meta("k", 8, GgufBytes.string("b")).build(), "metadata \"k\" appears twice");
        fails(GgufBytes.builder().meta("k", 8, GgufBytes.concat(GgufBytes.le(8, 2), new byte[] {(byte) 0xC3, 0x28})).build(), "metadata \"k\" is not valid UTF-8");
        fails(GgufBytes.builder().alignment(0).build(), "general.alignment\" is 0, which is not a power of two");
        fails(GgufBytes.builder().alignment(48).build(), "is 48, which is not a power of two");
        fails(GgufBytes.builder().meta("general.alignment", 8, GgufBytes.string("32")).build(), "\"general.alignment\" must be one uint32");
        fails(GgufBytes.builder().tensor("w", 0, new long[] {1, 1, 1, 1, 1}, 0).data(32).build(), "tensor \"w\" has 5 dimensions");
        fails(GgufBytes.builder().tensor("w", 0, new long[] {-1}, 0).data(32).build(), "tensor \"w\" has dimension 0 of 18446744073709551615");
        fails(GgufBytes.builder().tensor("w", 0, new long[] {1L << 31}, 0).data(32).build(), "tensor \"w\" has dimension 0 of 2147483648");
        fails(GgufBytes.builder().tensor("w", 0, new long[] {1 << 30, 1 << 30, 1 << 30, 1 << 30}, 0).data(32).build(),
                "tensor \"w\" has a shape too large");
        fails(GgufBytes.builder().tensor("w", 12, new long[] {256}, 0).data(256).build(), "tensor \"w\" has GGML type 12", "mlx4j reads F32, F16");
        fails(GgufBytes.builder().tensor("w", 2, new long[] {16}, 0).data(32).build(), "tensor \"w\" of type Q4_0 has shape [16]", "multiple of the block size 32");
        fails(GgufBytes.builder().tensor("w", 0, new long[] {4}, 8).data(64).build(), "tensor \"w\" has data offset 8, which is not a multiple of the alignment 32");
        fails(GgufBytes.builder().tensor("w", 0, new long[] {4}, 1L << 62).data(64).build(), "truncated: the data of tensor \"w\"");
        fails(GgufBytes.builder().tensor("w", 0, new long[] {100}, 0).data(64).build(), "truncated: the data of tensor \"w\" (F32, shape [100]");
        fails(GgufBytes.builder().tensor("a", 0, new long[] {16}, 0).tensor("b", 0, new long[] {8}, 32).data(128).build(),
                "the data of tensor \"b\" (from byte 32) overlaps the data of tensor \"a\" (bytes 0 to 64)");
        fails(GgufBytes.builder().tensor("a", 0, new long[] {1}, 0).tensor("a", 0, new long[] {1}, 32).data(64).build(), "tensor \"a\" appears twice");
    }

    @Test
    void aSmallHandMadeFileLoads() throws IOException {
        Path p = dir.resolve("ok.gguf");
        Files.write(p, GgufBytes.builder().alignment(64).tensor("a", 0, new long[] {4}, 0).tensor("b", 24, new long[] {3, 2}, 64).data(70).build());
        GgufFile f = ArrayIO.loadGguf(p);
        assertThat(f.arrays().get("b").shape()).containsExactly(2, 3);
        assertThat(f.arrays().get("b").toLongArray()).containsExactly(-63, -56, -49, -42, -35, -28); // data byte 64 + i: 7 * (64 + i) + 1 as an int8
        GgufGoldenTest.close(f);
    }
}
