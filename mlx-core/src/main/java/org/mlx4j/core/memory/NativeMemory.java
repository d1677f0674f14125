package org.mlx4j.core.memory;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * malloc/free and mlock through FFM. Segments come back in the global scope: kernels pay no liveness
 * check per access, and the allocator alone decides when the memory is freed.
 *
 * <p>Large blocks ({@link #HUGE_PAGE_THRESHOLD} and more) start on a 2 MiB boundary and are marked for
 * transparent huge pages ({@code madvise(MADV_HUGEPAGE)}, Linux), as NumPy does for its large arrays: a
 * streaming kernel or a GEMM's packing over them then takes 512 times fewer TLB entries and page faults. The
 * system property {@code mlx4j.memory.hugePages=false} turns this off; where the kernel has transparent
 * huge pages disabled, the advice is ignored.
 */
final class NativeMemory {
    static final long ALIGNMENT = 64;
    /** The size from which blocks are aligned to, and advised as, transparent huge pages. */
    static final long HUGE_PAGE_THRESHOLD = 4L << 20;
    private static final long HUGE_PAGE = 2L << 20;
    private static final int MADV_HUGEPAGE = 14;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle ALIGNED_ALLOC = downcall("aligned_alloc",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = downcall("free", FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    private static final MethodHandle MLOCK = optionalDowncall("mlock",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle MUNLOCK = optionalDowncall("munlock",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle MADVISE = Boolean.parseBoolean(System.getProperty("mlx4j.memory.hugePages", "true"))
            && System.getProperty("os.name", "").startsWith("Linux")
            ? optionalDowncall("madvise", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT))
            : null;

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

    /**
     * A 64-byte aligned block of {@code bytes} (a multiple of 64), or null when the system has none; from
     * {@link #HUGE_PAGE_THRESHOLD} on, 2 MiB aligned and advised as huge pages.
     */
    static MemorySegment allocate(long bytes) {
        boolean huge = MADVISE != null && bytes >= HUGE_PAGE_THRESHOLD;
        MemorySegment p;
        try {
            p = (MemorySegment) ALIGNED_ALLOC.invokeExact(huge ? HUGE_PAGE : ALIGNMENT, bytes);
        } catch (Throwable t) {
            throw new IllegalStateException("aligned_alloc failed", t);
        }
        if (p.equals(MemorySegment.NULL)) return null;
        if (huge) adviseHugePages(p, bytes);
        return p.reinterpret(bytes);
    }

    /** Asks for transparent huge pages over the whole 2 MiB pages of the block; best effort. */
    private static void adviseHugePages(MemorySegment block, long bytes) {
        long whole = bytes & -HUGE_PAGE;
        if (whole == 0) return;
        try {
            int ignored = (int) MADVISE.invokeExact(block, whole, MADV_HUGEPAGE);
        } catch (Throwable t) {
            // advice only: the block works the same with small pages
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
