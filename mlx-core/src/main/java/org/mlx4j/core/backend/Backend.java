package org.mlx4j.core.backend;

import org.mlx4j.core.Device;
import org.mlx4j.core.graph.Data;
import org.mlx4j.core.graph.Node;

/**
 * A device backend: evaluates primitives on its device. The CPU backend is built in; GPU backends are
 * found with {@link java.util.ServiceLoader} and report whether they can run here.
 */
public interface Backend {
    Device.Type deviceType();

    /** False when the native library or the device is missing; the backend is then never used. */
    boolean isAvailable();

    /**
     * Computes {@code node} and its siblings from their (available) inputs: one {@link Data} per output
     * of the node's primitive, in sibling order, each carrying one buffer reference.
     */
    Data[] eval(Node node);
}
