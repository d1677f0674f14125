package org.mlx4j.core;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starting a fresh JVM on the class path of this test run, for tests that need a clean process. */
public final class ForkedJvm {
    private ForkedJvm() {}

    /** The {@code java} launcher of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Everything this test JVM can load, as one class path: the tests run on the module path (mlx-core and
     * its test classes) and the class path (test libraries), and a forked probe puts both on its class path.
     */
    public static String classPath() {
        List<String> parts = new ArrayList<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) parts.add(value);
        }
        return String.join(File.pathSeparator, parts);
    }
}
