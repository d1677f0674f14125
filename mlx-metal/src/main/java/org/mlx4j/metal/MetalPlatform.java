package org.mlx4j.metal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether this machine could run the Metal backend: macOS on Apple silicon with the Metal framework.
 * A probe only: it reads system properties and the file system and loads no native code. The backend
 * itself does not exist yet, so nothing is registered with mlx-core (its {@code ServiceLoader} lookup of
 * GPU backends finds none).
 */
public final class MetalPlatform {
    static final Path METAL_FRAMEWORK = Path.of("/System/Library/Frameworks/Metal.framework");

    private MetalPlatform() {}

    /** Why Metal is unavailable here, or null when it is available. */
    public static String unavailableReason() {
        return unavailableReason(System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                Files.isDirectory(METAL_FRAMEWORK));
    }

    static String unavailableReason(String osName, String arch, boolean frameworkPresent) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("mac")) return "Metal needs macOS; this is " + osName;
        if (!arch.equals("aarch64") && !arch.equals("arm64")) return "Metal backend needs Apple silicon; this is " + arch;
        if (!frameworkPresent) return "the Metal framework is missing at " + METAL_FRAMEWORK;
        return null;
    }

    public static boolean isAvailable() { return unavailableReason() == null; }
}
