package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default memory limit is what the documentation says: 0.75 of physical memory, with the cache limit
 * equal to it. Read in a fresh JVM, so no other test's limit changes can hide a wrong default.
 */
class MemoryLimitDefaultTest {

    /** Prints the physical memory, the memory limit and the cache limit of a fresh process. */
    public static final class Probe {
        public static void main(String[] args) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            System.out.println(os.getTotalMemorySize() + " " + Memory.memoryLimit() + " " + Memory.cacheLimit());
        }
    }

    @Test
    void theDefaultLimitIsThreeQuartersOfPhysicalMemory() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", ForkedJvm.classPath(), Probe.class.getName())
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("probe exit status; stderr: %s", err).isZero();
        String[] f = out.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        long physical = Long.parseLong(f[0]), limit = Long.parseLong(f[1]), cache = Long.parseLong(f[2]);
        assertThat(physical).isPositive();
        assertThat(limit).isEqualTo((long) (physical * 0.75));
        assertThat(cache).isEqualTo(limit);
    }

    @Test
    void theDocumentationStatesTheDefault() throws IOException {
        String arch = Files.readString(Path.of("..", "docs", "ARCHITECTURE.md"));
        assertThat(arch.replaceAll("\\s+", " ")).contains("memory limit (by default 0.75 of physical memory)",
                "cache limit (by default the memory limit)");
        List<String> memory = Files.readAllLines(Path.of("src", "main", "java", "org", "mlx4j", "core", "Memory.java"));
        assertThat(String.join(" ", memory).replaceAll("\\s*\\*?\\s+", " "))
                .contains("The memory limit in bytes: by default 0.75 of the machine's physical memory");
    }
}
