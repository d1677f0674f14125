package org.mlx4j.core.runtime;

/**
 * What the JVM must offer before mlx4j builds its first array: the incubating Vector API, in which every
 * CPU kernel is written. Without it the first evaluation would die with
 * {@code NoClassDefFoundError: jdk/incubator/vector/Vector} deep inside a kernel; instead the first array
 * fails with one error that names the missing option and where to put it. Checked once (the result is a
 * constant); nothing here loads a kernel class.
 *
 * <p>There is no scalar fallback: the kernels are Vector API code. Native access (the allocator's
 * {@code aligned_alloc}, the optional BLAS) is not checked here: the JDK itself warns, naming the option.
 */
public final class JvmRequirements {
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final String MISSING = missingVectorApi(layer().findModule(VECTOR_MODULE).isPresent());

    private JvmRequirements() {}

    /** Throws, naming the missing JVM option, unless this JVM can run mlx4j's kernels. */
    public static void check() {
        if (MISSING != null) throw new IllegalStateException(MISSING);
    }

    /** mlx-core's module layer (its own on the module path, the boot layer on the class path). */
    private static ModuleLayer layer() {
        ModuleLayer own = JvmRequirements.class.getModule().getLayer();
        return own != null ? own : ModuleLayer.boot();
    }

    /** Why this JVM cannot run the kernels, or null when it can. */
    static String missingVectorApi(boolean vectorModuleResolved) {
        if (vectorModuleResolved) return null;
        String flags = "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED";
        return "mlx4j needs the JDK module jdk.incubator.vector (its CPU kernels use the Vector API), and this JVM was"
                + " started without it. Start the JVM with --add-modules jdk.incubator.vector (on the class path, together with"
                + " --enable-native-access=ALL-UNNAMED):\n"
                + "  java:                java " + flags + " -cp ... Main\n"
                + "  any launcher:        JDK_JAVA_OPTIONS=\"" + flags + "\"\n"
                + "  Maven Surefire:      <argLine>" + flags + "</argLine> (also Failsafe)\n"
                + "  Maven exec:exec:     <commandlineArgs>" + flags + " -classpath %classpath Main</commandlineArgs>"
                + " (exec:java runs inside Maven's JVM: put the options in MAVEN_OPTS or .mvn/jvm.config)\n"
                + "  Gradle:              jvmArgs(\"--add-modules\", \"jdk.incubator.vector\","
                + " \"--enable-native-access=ALL-UNNAMED\") in tasks.test and application.applicationDefaultJvmArgs\n"
                + "  Spring Boot fat jar: java --add-modules jdk.incubator.vector -jar app.jar (a manifest cannot add"
                + " modules; Enable-Native-Access: ALL-UNNAMED in its manifest covers native access)\n"
                + "On the module path a module that requires org.mlx4j.core needs no --add-modules: mlx-core's"
                + " module-info requires jdk.incubator.vector.";
    }
}
