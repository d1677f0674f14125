package org.mlx4j.bench.peers;

/**
 * One library under comparison. Each method prepares a workload from host data (copying it into the
 * library's own tensors, outside the timed region) and returns something that can be run repeatedly.
 */
public interface PeerBackend extends AutoCloseable {

    /** Short name used in the "impl" field, e.g. {@code onnxruntime}. */
    String name();

    /** Library version as resolved at run time (or as declared in the pom when the library does not say). */
    String version();

    /** Intra-op threads the library was asked to use. */
    int threads();

    /** {@code out = a @ b} for row-major {@code n x n} float32 matrices. */
    Workload matmul(int n, float[] a, float[] b) throws Exception;

    /** {@code out = a + b} over float32 vectors. */
    Workload add(float[] a, float[] b) throws Exception;

    /** {@code out = exp(a * b + c)} over float32 vectors, written the way a user of the library would. */
    Workload expMulAdd(float[] a, float[] b, float[] c) throws Exception;

    @Override
    default void close() throws Exception {
    }

    /** A prepared computation. {@link #run()} must return only once the result is computed. */
    interface Workload extends AutoCloseable {
        void run() throws Exception;

        /** Elements of the latest result at the given row-major flat indices. */
        float[] read(long[] flatIndices) throws Exception;

        @Override
        void close() throws Exception;
    }
}
