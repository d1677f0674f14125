package org.mlx4j.core;

import org.mlx4j.core.backend.Backends;

/** A compute device: the CPU, which always exists, or a GPU served by a backend found at run time. */
public final class Device {
    public enum Type { CPU, GPU }

    private static final Device CPU = new Device(Type.CPU, 0);
    private static final Device GPU = new Device(Type.GPU, 0);

    private final Type type;
    private final int index;

    private Device(Type type, int index) {
        this.type = type;
        this.index = index;
    }

    public static Device cpu() { return CPU; }

    /** The first GPU; check {@link #isAvailable()} before creating streams on it. */
    public static Device gpu() { return GPU; }

    public Type type() { return type; }

    public int index() { return index; }

    /** True when a backend for this device is loaded and found a device. */
    public boolean isAvailable() { return type == Type.CPU || Backends.gpu().isPresent(); }

    @Override
    public String toString() { return "Device(" + type.name().toLowerCase(java.util.Locale.ROOT) + ", " + index + ")"; }
}
