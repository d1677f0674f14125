package org.mlx4j.core;

import org.mlx4j.core.backend.Backends;

/** A compute device: the CPU, which always exists, or a GPU served by a backend found at run time. */
public final class Device {
    /** The kinds of device. */
    public enum Type {
        /** The processor, served by the built-in CPU backend. */
        CPU,
        /** A GPU, served by a backend found at run time. */
        GPU
    }

    private static final Device CPU = new Device(Type.CPU, 0);
    private static final Device GPU = new Device(Type.GPU, 0);

    private final Type type;
    private final int index;

    private Device(Type type, int index) {
        this.type = type;
        this.index = index;
    }

    /**
     * The CPU, which always exists. MLX: {@code mx.cpu}.
     *
     * @return the CPU device
     */
    public static Device cpu() { return CPU; }

    /**
     * The first GPU; check {@link #isAvailable()} before creating streams on it.
     *
     * @return the GPU device
     */
    public static Device gpu() { return GPU; }

    /**
     * Whether this is the CPU or a GPU.
     *
     * @return the kind of device
     */
    public Type type() { return type; }

    /**
     * The device index within its type (0: one device of each type).
     *
     * @return the index
     */
    public int index() { return index; }

    /**
     * True when a backend for this device is loaded and found a device.
     *
     * @return whether ops can run on this device
     */
    public boolean isAvailable() { return type == Type.CPU || Backends.gpu().isPresent(); }

    /**
     * The device as MLX prints it.
     *
     * @return for example {@code Device(cpu, 0)}
     */
    @Override
    public String toString() { return "Device(" + type.name().toLowerCase(java.util.Locale.ROOT) + ", " + index + ")"; }
}
