package org.mlx4j.core;

import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code Mx.deviceCount} and {@code Mx.deviceInfo} report. */
final class DeviceInfo {
    private DeviceInfo() {}

    static int count(Device.Type type) {
        java.util.Objects.requireNonNull(type, "deviceCount: type");
        return switch (type) {
            case CPU -> 1;
            case GPU -> Device.gpu().isAvailable() ? 1 : 0;
        };
    }

    static Map<String, Object> info(Device device) {
        java.util.Objects.requireNonNull(device, "deviceInfo: device");
        if (!device.isAvailable()) {
            throw new IllegalStateException("deviceInfo: " + device + " is not available on this machine (no backend for it"
                    + " was found); Mx.deviceCount(Device.Type." + device.type() + ") is 0");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device_name", device.type() == Device.Type.CPU ? cpuName() : "gpu");
        m.put("architecture", System.getProperty("os.arch"));
        m.put("memory_size", physicalMemory());
        if (device.type() == Device.Type.CPU) m.put("num_cpus", Runtime.getRuntime().availableProcessors());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The processor's model name where the OS reports it (Linux), else the architecture. */
    private static String cpuName() {
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (java.io.IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    private static long physicalMemory() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getTotalMemorySize();
        return Runtime.getRuntime().maxMemory();
    }
}
