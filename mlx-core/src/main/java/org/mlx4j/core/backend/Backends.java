package org.mlx4j.core.backend;

import java.util.Optional;
import java.util.ServiceLoader;
import org.mlx4j.core.Device;
import org.mlx4j.core.backend.cpu.CpuBackend;

/** The backends of this process: the CPU one and the first available GPU one, if any. */
public final class Backends {
    private static final Backend CPU = new CpuBackend();
    private static final Optional<Backend> GPU = ServiceLoader.load(Backend.class).stream()
            .map(p -> {
                try {
                    return p.get();
                } catch (Throwable t) { // a broken backend is an unavailable one
                    return null;
                }
            })
            .filter(b -> b != null && b.deviceType() == Device.Type.GPU && safeAvailable(b))
            .findFirst();

    private Backends() {}

    private static boolean safeAvailable(Backend b) {
        try {
            return b.isAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    public static Backend cpu() { return CPU; }

    public static Optional<Backend> gpu() { return GPU; }

    public static Backend forDevice(Device device) {
        if (device.type() == Device.Type.CPU) return CPU;
        return GPU.orElseThrow(() -> new IllegalStateException(
                "no GPU backend is available on this machine; use Device.cpu() (available: "
                        + Device.cpu() + ")"));
    }
}
