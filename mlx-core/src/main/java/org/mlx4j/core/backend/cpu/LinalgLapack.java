package org.mlx4j.core.backend.cpu;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * LAPACK through its C interface (LAPACKE, row-major) in the library {@link Blas} loaded: OpenBLAS includes
 * it. Available when that library exports every routine used here, in both precisions ({@code s} for
 * float32, {@code d} for float64). Each call returns LAPACK's {@code info}.
 */
final class LinalgLapack {
    static final int ROW_MAJOR = 101;
    private static final String[] ROUTINES = {"getrf", "getri", "gesv", "potrf", "trtri", "geqrf", "orgqr", "gesdd",
            "syevd", "geev"};

    private LinalgLapack() {}

    /** The bound routines, keyed by LAPACKE name ({@code LAPACKE_sgetrf}), or empty when LAPACK is unavailable. */
    private static final class Bound {
        static final Map<String, MethodHandle> HANDLES = bind();
        static final boolean WIDE = Blas.isAvailable() && Blas.ilp64();

        private static Map<String, MethodHandle> bind() {
            Map<String, MethodHandle> handles = new HashMap<>();
            if (!Blas.isAvailable()) return handles;
            SymbolLookup lookup = Blas.lookup();
            MemoryLayout li = Blas.ilp64() ? ValueLayout.JAVA_LONG : ValueLayout.JAVA_INT;
            try {
                for (String precision : new String[] {"s", "d"}) {
                    for (String routine : ROUTINES) {
                        String name = "LAPACKE_" + precision + routine;
                        var symbol = lookup.find(name);
                        if (symbol.isEmpty()) return Map.of();
                        handles.put(name, Linker.nativeLinker().downcallHandle(symbol.get(),
                                FunctionDescriptor.of(li, layouts(signature(routine), li))));
                    }
                }
            } catch (RuntimeException e) {
                return Map.of();
            }
            return handles;
        }
    }

    /** Whether LAPACK is usable: a library is loaded and exports every routine. */
    static boolean isAvailable() { return !Bound.HANDLES.isEmpty(); }

    /**
     * Argument kinds after the layout, per routine: {@code i} a LAPACK integer, {@code c} a character,
     * {@code p} a pointer.
     */
    private static String signature(String routine) {
        return switch (routine) {
            case "getrf" -> "iipip";
            case "getri" -> "ipip";
            case "gesv" -> "iipippi";
            case "potrf" -> "cipi";
            case "trtri" -> "ccipi";
            case "geqrf" -> "iipip";
            case "orgqr" -> "iiipip";
            case "gesdd" -> "ciipippipi";
            case "syevd" -> "ccipip";
            case "geev" -> "ccipipppipi";
            default -> throw new IllegalArgumentException(routine);
        };
    }

    private static MemoryLayout[] layouts(String signature, MemoryLayout li) {
        MemoryLayout[] r = new MemoryLayout[signature.length() + 1];
        r[0] = ValueLayout.JAVA_INT;
        for (int i = 0; i < signature.length(); i++) {
            r[i + 1] = switch (signature.charAt(i)) {
                case 'i' -> li;
                case 'c' -> ValueLayout.JAVA_BYTE;
                default -> ValueLayout.ADDRESS;
            };
        }
        return r;
    }

    /**
     * Calls {@code LAPACKE_<s|d><routine>(ROW_MAJOR, args...)}: Integer arguments are LAPACK integers,
     * Character ones characters, segments pointers.
     */
    static int call(boolean single, String routine, Object... args) {
        MethodHandle h = Bound.HANDLES.get("LAPACKE_" + (single ? "s" : "d") + routine);
        if (h == null) throw new IllegalStateException("LAPACK " + routine + " is not available");
        Object[] full = new Object[args.length + 1];
        full[0] = ROW_MAJOR;
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            full[i + 1] = a instanceof Integer v && Bound.WIDE ? (Object) (long) v
                    : a instanceof Character c ? (Object) (byte) c.charValue() : a;
        }
        try {
            return ((Number) h.invokeWithArguments(full)).intValue();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("LAPACKE " + routine + " failed", t);
        }
    }

    /** Bytes of one LAPACK integer. */
    static long intBytes() { return Bound.WIDE ? 8 : 4; }

    /** LAPACK integer {@code i} of {@code s}. */
    static int intAt(MemorySegment s, long i) {
        return Bound.WIDE ? (int) s.getAtIndex(ValueLayout.JAVA_LONG, i) : s.getAtIndex(ValueLayout.JAVA_INT, i);
    }
}
