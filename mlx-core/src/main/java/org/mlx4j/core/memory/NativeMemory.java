package org.mlx4j.core.memory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * malloc/free and mlock through FFM. Segments come back in the global scope: kernels pay no liveness
 * check per access, and the allocator alone decides when the memory is freed.
 */
final class NativeMemory {
    static final long ALIGNMENT = 64;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle ALIGNED_ALLOC = downcall("aligned_alloc",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = downcall("free", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    private static final MethodHandle MLOCK = optionalDowncall("mlock",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle MUNLOCK = optionalDowncall("munlock",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    private NativeMemory() {}

    private static MethodHandle downcall(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("C library function " + name + " not found")), fd);
    }

    private static MethodHandle optionalDowncall(String name, FunctionDescriptor fd) {
        return LINKER.defaultLookup().find(name).map(a -> LINKER.downcallHandle(a, fd)).orElse(null);
    }

    /** Rounds {@code bytes} up to the allocation granularity. */
    static long roundUp(long bytes) { return (bytes + ALIGNMENT - 1) & -ALIGNMENT; }

    /** A 64-byte aligned block of {@code bytes} (a multiple of 64), or null when the system has none. */
    static MemorySegment allocate(long bytes) {
        try {
            MemorySegment p = (MemorySegment) ALIGNED_ALLOC.invokeExact(ALIGNMENT, bytes);
            return p.equals(MemorySegment.NULL) ? null : p.reinterpret(bytes);
        } catch (Throwable t) {
            throw new IllegalStateException("aligned_alloc failed", t);
        }
    }

    static void free(MemorySegment segment) {
        try {
            FREE.invokeExact(segment);
        } catch (Throwable t) {
            throw new IllegalStateException("free failed", t);
        }
    }

    /** Pins the pages of {@code segment}; false when the OS refuses (e.g. RLIMIT_MEMLOCK) or mlock is absent. */
    static boolean lock(MemorySegment segment) {
        if (MLOCK == null || segment.byteSize() == 0) return false;
        try {
            return (int) MLOCK.invokeExact(segment, segment.byteSize()) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    static void unlock(MemorySegment segment) {
        if (MUNLOCK == null || segment.byteSize() == 0) return;
        try {
            int ignored = (int) MUNLOCK.invokeExact(segment, segment.byteSize());
        } catch (Throwable t) {
            // unlocking is best effort: the pages are freed right after
        }
    }
}
