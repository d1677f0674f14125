package org.mlx4j.core.backend.cpu;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
public final class Gemm {
    public static void sgemmBatched(int batch, boolean ta, boolean tb, int m, int n, int k, float alpha, MemorySegment a, long ao, long lda, long sa,
            MemorySegment b, long bo, long ldb, long sb, float beta, MemorySegment c, long co, long ldc, long sc) {
        for (int p = 0; p < batch; p++) for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) { double s = 0;
            for (int q = 0; q < k; q++) { float x = a.getAtIndex(ValueLayout.JAVA_FLOAT, ao + p * sa + (ta ? q * lda + i : i * lda + q));
                float y = b.getAtIndex(ValueLayout.JAVA_FLOAT, bo + p * sb + (tb ? j * ldb + q : q * ldb + j)); s += x * y; }
            c.setAtIndex(ValueLayout.JAVA_FLOAT, co + p * sc + i * ldc + j, (float) s); }
    }
    public static void dgemmBatched(int batch, boolean ta, boolean tb, int m, int n, int k, double alpha, MemorySegment a, long ao, long lda, long sa,
            MemorySegment b, long bo, long ldb, long sb, double beta, MemorySegment c, long co, long ldc, long sc) {
        for (int p = 0; p < batch; p++) for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) { double s = 0;
            for (int q = 0; q < k; q++) { double x = a.getAtIndex(ValueLayout.JAVA_DOUBLE, ao + p * sa + (ta ? q * lda + i : i * lda + q));
                double y = b.getAtIndex(ValueLayout.JAVA_DOUBLE, bo + p * sb + (tb ? j * ldb + q : q * ldb + j)); s += x * y; }
            c.setAtIndex(ValueLayout.JAVA_DOUBLE, co + p * sc + i * ldc + j, s); }
    }
}
