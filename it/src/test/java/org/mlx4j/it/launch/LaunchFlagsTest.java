package org.mlx4j.it.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;

/**
 * The JVM flags the README documents, checked in fresh JVMs: each documented launch (class path, module path,
 * executable jar, {@code JDK_JAVA_OPTIONS}) runs {@link LaunchProbe} without a native-access warning, and a
 * class-path launch without {@code --add-modules jdk.incubator.vector} fails at the first array with the one
 * error that names the option and where to put it.
 */
class LaunchFlagsTest {
    private static final String ADD_VECTOR = "--add-modules=jdk.incubator.vector";
    private static final String NATIVE_CLASS_PATH = "--enable-native-access=ALL-UNNAMED";
    private static final String NATIVE_MODULE = "--enable-native-access=org.mlx4j.core";

    record Run(int exit, String output) {
        /** The JDK's warning for a restricted method called without native access (JEP 472). */
        boolean warnsAboutNativeAccess() {
            return output.lines().anyMatch(l -> l.startsWith("WARNING")
                    && (l.contains("restricted method") || l.contains("--enable-native-access")));
        }
    }

    private static Run run(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the probe finished: %s", out).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static Run run(String... args) throws IOException, InterruptedException { return run(Map.of(), List.of(args)); }

    /** This test's class path (surefire may hand the JVM a manifest-only jar; its property has the real one). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static void assertRanCleanly(Run r) {
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("ok 15.0");
        assertThat(r.warnsAboutNativeAccess()).as("a native-access warning in:%n%s", r.output()).isFalse();
    }

    @Test
    void withoutTheVectorModuleTheFirstArrayFailsNamingTheOptionAndWhereToPutIt() throws Exception {
        Run r = run(NATIVE_CLASS_PATH, "-cp", classPath(), LaunchProbe.class.getName());
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output()).contains("java.lang.IllegalStateException: mlx4j needs the JDK module jdk.incubator.vector")
                .contains("--add-modules jdk.incubator.vector")
                .contains("JDK_JAVA_OPTIONS", "Maven Surefire", "exec:exec", "Gradle", "Spring Boot fat jar")
                .contains("at org.mlx4j.it.launch.LaunchProbe.main")
                .doesNotContain("NoClassDefFoundError");
    }

    @Test
    void theDocumentedClassPathLaunchRunsWithoutWarnings() throws Exception {
        assertRanCleanly(run(ADD_VECTOR, NATIVE_CLASS_PATH, "-cp", classPath(), LaunchProbe.class.getName()));
    }

    @Test
    void withoutNativeAccessTheJdkWarns() throws Exception {
        Run r = run(ADD_VECTOR, "-cp", classPath(), LaunchProbe.class.getName());
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.warnsAboutNativeAccess()).as(r.output()).isTrue();
        assertThat(r.output()).contains("org.mlx4j.core.memory.NativeMemory");
    }

    @Test
    void jdkJavaOptionsCarryTheFlagsForAnyLauncher() throws Exception {
        assertRanCleanly(run(Map.of("JDK_JAVA_OPTIONS", ADD_VECTOR + " " + NATIVE_CLASS_PATH),
                List.of("-cp", classPath(), LaunchProbe.class.getName())));
    }

    /** A fat jar (Spring Boot's, a shaded one) declares native access in its manifest; only --add-modules remains. */
    @Test
    void anExecutableJarDeclaresNativeAccessInItsManifest(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("probe.jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, LaunchProbe.class.getName());
        main.put(new Attributes.Name("Enable-Native-Access"), "ALL-UNNAMED");
        Path core = location(Array.class);
        main.put(Attributes.Name.CLASS_PATH, core.toUri().toString());
        String entry = LaunchProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = LaunchProbe.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        assertRanCleanly(run(ADD_VECTOR, "-jar", jar.toString()));
    }

    /** On the module path, mlx-core's module-info resolves jdk.incubator.vector: only native access is granted. */
    @Test
    void onTheModulePathOnlyNativeAccessIsGranted(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src"), classes = dir.resolve("probe");
        Files.createDirectories(src.resolve("probe"));
        Files.writeString(src.resolve("module-info.java"), "module probe { requires org.mlx4j.core; }\n");
        Files.writeString(src.resolve("probe/Main.java"), """
                package probe;
                import org.mlx4j.core.*;
                public class Main {
                    public static void main(String[] args) {
                        Array y = Mx.array(new float[] {1, 2, 3}).multiply(2).add(1);
                        Mx.eval(y);
                        System.out.println("ok " + y.sum().floatValue());
                    }
                }
                """);
        String core = location(Array.class).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, OutputStream.nullOutputStream(), System.err, "-d", classes.toString(),
                "--module-path", core, src.resolve("module-info.java").toString(), src.resolve("probe/Main.java").toString());
        assertThat(status).as("the probe module compiles").isZero();
        assertRanCleanly(run(NATIVE_MODULE, "--module-path", core + File.pathSeparator + classes, "-m", "probe/probe.Main"));
        // and the internal packages stay closed to it
        Files.writeString(src.resolve("probe/Main.java"), """
                package probe;
                public class Main { org.mlx4j.core.graph.Node node; }
                """);
        var errors = new java.io.ByteArrayOutputStream();
        status = javac.run(null, OutputStream.nullOutputStream(), errors, "-d", classes.toString(),
                "--module-path", core, src.resolve("module-info.java").toString(), src.resolve("probe/Main.java").toString());
        assertThat(status).isNotZero();
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("package org.mlx4j.core.graph is not visible");
    }
}
