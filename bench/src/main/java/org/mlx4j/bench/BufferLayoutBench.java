package org.mlx4j.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.backend.cpu.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Which kind of buffer a CPU kernel should run on: the same fused float32 loop {@code c = a * b + c}
 * (Vector API, one FMA per lane) over {@code n} elements, on one or two threads of {@link Parallel}.
 * Each element moves 16 bytes (three loads, one store), so GB/s = 16 * n / time. Run it with, e.g.,
 * {@code ./mlx4j bench BufferLayoutBench} (about 5 minutes).
 *
 * <p>Buffer kinds: a heap {@code float[]}; a heap segment ({@code MemorySegment.ofArray}); native segments of
 * {@code Arena.ofShared()}, {@code Arena.global()} and {@code Arena.ofAuto()}; and {@code aligned_alloc}
 * memory wrapped with {@code MemorySegment.ofAddress(addr).reinterpret(bytes)} (global scope, which is how
 * the runtime's buffer cache hands memory to kernels).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Benchmark)
public class BufferLayoutBench {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    /** The buffer kinds compared. */
    public enum Kind { HEAP_ARRAY, HEAP_SEGMENT, SHARED_ARENA, GLOBAL_ARENA, MALLOC_REINTERPRET, AUTO_ARENA }

    /** 16M elements (192 MiB, memory bound) and 64K (768 KiB, in L2: shows per-access overheads). */
    @Param({"16777216", "65536"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    @Param({"HEAP_ARRAY", "HEAP_SEGMENT", "SHARED_ARENA", "GLOBAL_ARENA", "MALLOC_REINTERPRET", "AUTO_ARENA"})
    public Kind kind;

    private float[] aArr, bArr, cArr;
    private MemorySegment a, b, c;
    private Arena shared;
    private final MemorySegment[] mallocked = new MemorySegment[3];

    @Setup(Level.Trial)
    public void setup() throws Throwable {
        long bytes = 4L * n;
        switch (kind) {
            case HEAP_ARRAY -> {
                aArr = new float[n];
                bArr = new float[n];
                cArr = new float[n];
            }
            case HEAP_SEGMENT -> {
                a = MemorySegment.ofArray(new float[n]);
                b = MemorySegment.ofArray(new float[n]);
                c = MemorySegment.ofArray(new float[n]);
            }
            case SHARED_ARENA -> {
                shared = Arena.ofShared();
                a = shared.allocate(bytes, 64);
                b = shared.allocate(bytes, 64);
                c = shared.allocate(bytes, 64);
            }
            case GLOBAL_ARENA -> {
                a = Arena.global().allocate(bytes, 64);
                b = Arena.global().allocate(bytes, 64);
                c = Arena.global().allocate(bytes, 64);
            }
            case MALLOC_REINTERPRET -> {
                for (int i = 0; i < 3; i++) {
                    long addr = ((MemorySegment) ALIGNED_ALLOC.invokeExact(64L, bytes)).address();
                    if (addr == 0) throw new OutOfMemoryError("aligned_alloc(" + bytes + ")");
                    mallocked[i] = MemorySegment.ofAddress(addr).reinterpret(bytes);
                }
                a = mallocked[0];
                b = mallocked[1];
                c = mallocked[2];
            }
            case AUTO_ARENA -> {
                Arena auto = Arena.ofAuto();
                a = auto.allocate(bytes, 64);
                b = auto.allocate(bytes, 64);
                c = auto.allocate(bytes, 64);
            }
        }
        for (int i = 0; i < n; i++) {
            float x = 1f + (i % 97) * 0.01f, y = 0.5f + (i % 89) * 0.001f;
            if (aArr != null) {
                aArr[i] = x;
                bArr[i] = y;
            } else {
                a.setAtIndex(ValueLayout.JAVA_FLOAT, i, x);
                b.setAtIndex(ValueLayout.JAVA_FLOAT, i, y);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Throwable {
        if (shared != null) shared.close();
        for (MemorySegment m : mallocked) if (m != null) FREE.invokeExact(m);
    }

    /** Resets c now and then so that repeated FMAs never overflow to infinity (which would not change speed). */
    @Setup(Level.Iteration)
    public void resetC() {
        if (cArr != null) java.util.Arrays.fill(cArr, 0f);
        else c.fill((byte) 0);
    }

    @Benchmark
    public void fma() {
        long grain = threads == 1 ? Long.MAX_VALUE : Parallel.DEFAULT_GRAIN;
        if (kind == Kind.HEAP_ARRAY) {
            float[] x = aArr, y = bArr, z = cArr;
            Parallel.forRange(n, grain, S.length(), (s, e) -> fmaArrays(x, y, z, (int) s, (int) e));
        } else {
            MemorySegment x = a, y = b, z = c;
            Parallel.forRange(n, grain, S.length(), (s, e) -> fmaSegments(x, y, z, s, e));
        }
    }

    private static void fmaArrays(float[] a, float[] b, float[] c, int from, int to) {
        int i = from;
        for (int up = from + S.loopBound(to - from); i < up; i += S.length()) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector vb = FloatVector.fromArray(S, b, i);
            va.fma(vb, FloatVector.fromArray(S, c, i)).intoArray(c, i);
        }
        for (; i < to; i++) c[i] = Math.fma(a[i], b[i], c[i]);
    }

    private static void fmaSegments(MemorySegment a, MemorySegment b, MemorySegment c, long from, long to) {
        long i = from;
        for (long up = from + S.loopBound(to - from); i < up; i += S.length()) {
            long off = i * Float.BYTES;
            FloatVector va = FloatVector.fromMemorySegment(S, a, off, ORDER);
            FloatVector vb = FloatVector.fromMemorySegment(S, b, off, ORDER);
            va.fma(vb, FloatVector.fromMemorySegment(S, c, off, ORDER)).intoMemorySegment(c, off, ORDER);
        }
        for (; i < to; i++) {
            float r = Math.fma(a.getAtIndex(ValueLayout.JAVA_FLOAT, i), b.getAtIndex(ValueLayout.JAVA_FLOAT, i),
                    c.getAtIndex(ValueLayout.JAVA_FLOAT, i));
            c.setAtIndex(ValueLayout.JAVA_FLOAT, i, r);
        }
    }

    private static final MethodHandle ALIGNED_ALLOC, FREE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        ALIGNED_ALLOC = linker.downcallHandle(libc.find("aligned_alloc").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        FREE = linker.downcallHandle(libc.find("free").orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    }
}
