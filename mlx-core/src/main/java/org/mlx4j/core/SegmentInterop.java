package org.mlx4j.core;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.mlx4j.core.backend.cpu.CopyKernels;
import org.mlx4j.core.backend.cpu.StridedView;
import org.mlx4j.core.graph.Data;
import org.mlx4j.core.graph.Node;

/**
 * Exchanging arrays with native code and other libraries through {@link MemorySegment}s (mlx4j's form of
 * MLX's DLPack interop): the values of an array, row-major and little-endian in its dtype, copied into a
 * caller's segment or one from a caller's arena. {@link Mx#array(MemorySegment, DType, int...)} is the way in.
 */
final class SegmentInterop {
    private SegmentInterop() {}

    static long byteSize(Array a) { return a.size() * a.dtype().size(); }

    static MemorySegment copyInto(Array a, MemorySegment dst) {
        long need = byteSize(a);
        if (dst.byteSize() < need) {
            throw new IllegalArgumentException("copyToSegment: the segment holds " + dst.byteSize() + " bytes, an array of shape "
                    + Shapes.str(a.node().shape) + " and dtype " + a.dtype().mlxName() + " needs " + need);
        }
        if (dst.isReadOnly()) throw new IllegalArgumentException("copyToSegment: the segment is read-only");
        Evaluation.implicit(a, "copyToSegment");
        Node n = a.node();
        Data d = n.data();
        if (d == null) throw new IllegalStateException("copyToSegment: the array was closed");
        CopyKernels.copy(d.view(n.shape, n.dtype), StridedView.contiguous(dst.asSlice(0, need), n.dtype, n.shape));
        return dst.asSlice(0, need);
    }

    static MemorySegment toSegment(Array a, Arena arena) {
        java.util.Objects.requireNonNull(arena, "toSegment: arena");
        return copyInto(a, arena.allocate(Math.max(1, byteSize(a)), 64).asSlice(0, byteSize(a)));
    }
}
