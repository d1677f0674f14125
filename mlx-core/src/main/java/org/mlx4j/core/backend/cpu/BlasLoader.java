package org.mlx4j.core.backend.cpu;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds and loads an OpenBLAS shared library for {@link Blas}, in this order:
 * <ol>
 *   <li>the system property {@code mlx4j.blas}: {@code none} disables BLAS, any other value is the
 *       path of the library to load (and nothing else is tried);</li>
 *   <li>an OpenBLAS installed on the system (the loader's search path, {@code java.library.path},
 *       then the usual distribution locations);</li>
 *   <li>the native library inside the {@code org.bytedeco:openblas:<version>:<platform>} jar when
 *       it is on the class path: it and its Fortran runtime companions are extracted into one
 *       temporary directory and loaded by path (no JavaCPP involved).</li>
 * </ol>
 * A candidate counts only if it exports {@code cblas_sgemm} and {@code cblas_dgemm}.
 */
final class BlasLoader {
    /** What was loaded, or why nothing was ({@code lookup == null}). */
    record Result(SymbolLookup lookup, String path, String reason) {
        static Result failed(String reason) { return new Result(null, null, reason); }
    }

    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    private static final boolean LINUX = OS.contains("linux");
    private static final boolean MAC = OS.contains("mac") || OS.contains("darwin");
    private static final boolean WINDOWS = OS.contains("windows");

    private BlasLoader() {}

    static Result load(String property) {
        if (property != null && !property.isBlank()) {
            String value = property.trim();
            if (value.equalsIgnoreCase("none")) return Result.failed("disabled by mlx4j.blas=none");
            return tryLoad(value, isPath(value)).orElse("mlx4j.blas=" + value);
        }
        List<String> tried = new ArrayList<>();
        for (String candidate : systemCandidates()) {
            Attempt attempt = tryLoad(candidate, isPath(candidate));
            if (attempt.result != null) return attempt.result;
            tried.add(candidate);
        }
        Result jar = fromClasspath();
        if (jar.lookup() != null) return jar;
        return Result.failed("no OpenBLAS found (system: none of " + tried.size() + " candidates loaded; class path: "
                + jar.reason() + ")");
    }

    /** One load attempt: a result when the library loaded and has CBLAS, else the error. */
    private record Attempt(Result result, String error) {
        Result orElse(String what) {
            return result != null ? result : Result.failed(what + ": " + error);
        }
    }

    private static Attempt tryLoad(String nameOrPath, boolean isPath) {
        try {
            SymbolLookup lookup;
            String shown = nameOrPath;
            if (isPath) {
                Path p = Path.of(nameOrPath).toAbsolutePath();
                if (!Files.isRegularFile(p)) return new Attempt(null, "no such file " + p);
                lookup = SymbolLookup.libraryLookup(p, Arena.global());
                shown = p.toString();
            } else {
                lookup = SymbolLookup.libraryLookup(nameOrPath, Arena.global());
            }
            if (lookup.find("cblas_sgemm").isEmpty() || lookup.find("cblas_dgemm").isEmpty()) {
                return new Attempt(null, shown + " has no cblas_sgemm/cblas_dgemm");
            }
            return new Attempt(new Result(lookup, shown, null), null);
        } catch (Throwable t) {
            return new Attempt(null, t.getClass().getSimpleName() + ": " + t.getMessage());
        }
    }

    private static List<String> systemCandidates() {
        List<String> names = new ArrayList<>();
        String mapped = System.mapLibraryName("openblas");
        names.add(mapped);
        if (LINUX) names.add("libopenblas.so.0");
        if (MAC) names.add("libopenblas.0.dylib");
        String libPath = System.getProperty("java.library.path", "");
        for (String dir : libPath.split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) names.add(Path.of(dir, mapped).toString());
        }
        if (LINUX) {
            String arch = System.getProperty("os.arch", "").equals("aarch64") ? "aarch64" : "x86_64";
            for (String dir : List.of("/usr/lib/" + arch + "-linux-gnu", "/usr/lib/" + arch + "-linux-gnu/openblas-pthread",
                    "/usr/lib/" + arch + "-linux-gnu/openblas-openmp", "/usr/lib64", "/usr/lib", "/usr/local/lib",
                    "/usr/lib64/openblas-pthreads", "/opt/OpenBLAS/lib")) {
                names.add(dir + "/libopenblas.so.0");
                names.add(dir + "/libopenblas.so");
            }
        } else if (MAC) {
            names.add("/opt/homebrew/opt/openblas/lib/libopenblas.dylib");
            names.add("/usr/local/opt/openblas/lib/libopenblas.dylib");
        }
        return names;
    }

    /** The bytedeco platform name of this JVM, e.g. linux-x86_64, or null when it ships none. */
    static String platform() {
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            case "ppc64le" -> "ppc64le";
            default -> null;
        };
        String os = LINUX ? "linux" : MAC ? "macosx" : WINDOWS ? "windows" : null;
        return arch == null || os == null ? null : os + "-" + arch;
    }

    private static Result fromClasspath() {
        String platform = platform();
        if (platform == null) return Result.failed("no bytedeco platform for " + OS + "/" + System.getProperty("os.arch"));
        String dir = "org/bytedeco/openblas/" + platform + "/";
        String main = LINUX ? "libopenblas.so.0" : MAC ? "libopenblas.0.dylib" : "libopenblas.dll";
        // The Fortran runtime the library links against; libgcc_s comes from the system when it has one.
        List<String> companions = LINUX ? List.of("libgcc_s.so.1", "libquadmath.so.0", "libgfortran.so.5")
                : MAC ? List.of("libgcc_s.1.1.dylib", "libquadmath.0.dylib", "libgfortran.5.dylib")
                : List.of("libwinpthread-1.dll", "libgcc_s_seh-1.dll", "libquadmath-0.dll", "libgfortran-5.dll");
        ClassLoader loader = BlasLoader.class.getClassLoader();
        URL url = loader == null ? null : loader.getResource(dir + main);
        if (url == null) return Result.failed("no org.bytedeco:openblas jar for " + platform);
        try {
            Path tmp = Files.createTempDirectory("mlx4j-openblas-");
            tmp.toFile().deleteOnExit();
            for (String name : companions) {
                Path file = extract(loader, dir + name, tmp.resolve(name));
                if (file == null) continue;
                // Loaded first so that the main library's dependencies resolve to them by soname.
                if (!(name.startsWith("libgcc_s") && loads(name))) loads(file.toString());
            }
            Path lib = extract(loader, dir + main, tmp.resolve(main));
            if (lib == null) return Result.failed("cannot read " + dir + main);
            return tryLoad(lib.toString(), true).orElse(url.toString());
        } catch (IOException | RuntimeException e) {
            return Result.failed("cannot extract " + dir + main + ": " + e);
        }
    }

    /** Loads a library that only other libraries need; false when it cannot be loaded. */
    private static boolean loads(String nameOrPath) {
        try {
            if (isPath(nameOrPath)) SymbolLookup.libraryLookup(Path.of(nameOrPath), Arena.global());
            else SymbolLookup.libraryLookup(nameOrPath, Arena.global());
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    private static boolean isPath(String nameOrPath) {
        return nameOrPath.indexOf('/') >= 0 || nameOrPath.indexOf('\\') >= 0;
    }

    private static Path extract(ClassLoader loader, String resource, Path target) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) return null;
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
        return target;
    }
}
