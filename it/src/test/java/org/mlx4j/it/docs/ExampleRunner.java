package org.mlx4j.it.docs;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.mlx4j.core.Array;
import org.mlx4j.it.docs.ExampleContext.ExampleFailure;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;

/**
 * Compiles one documentation example with the in-process Java compiler against the test classpath, runs
 * it in its context, and reports every failure as {@code file:line: what}, the line being the
 * documentation's own.
 *
 * <p>The generated source keeps the documentation's line numbering: line 1 holds the package and the
 * default imports, and the example's line {@code i} is the source's line {@code i + 2}.
 */
final class ExampleRunner {
    /** Imported into every example, as if it were written in a class of this package. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.nio.file.*", "java.time.Duration", "java.util.*", "java.util.function.*",
            "org.mlx4j.core.*", "org.mlx4j.core.Random", "org.mlx4j.core.Stream", "org.mlx4j.utils.*",
            "org.mlx4j.nn.*", "org.mlx4j.nn.Module", "org.mlx4j.nn.init.*", "org.mlx4j.optimizers.*",
            "org.mlx4j.reactive.*", "org.mlx4j.reactive.TrainStep.StepGraph",
            "reactor.core.publisher.*", "reactor.core.scheduler.*",
            "org.springframework.http.MediaType", "org.springframework.web.bind.annotation.*");
    /** How long a publisher an example declares may take to complete. */
    static final Duration PUBLISHER_TIMEOUT = Duration.ofSeconds(60);

    private static final String PACKAGE = ExampleContext.class.getPackageName();
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*$");
    private static final Pattern DECLARATION = Pattern.compile(
            "^\\s*(@.*|((public|protected|private|static|final|abstract|sealed|default|synchronized)\\s+)*"
                    + "((class|record|interface|enum)\\s+\\w+.*|(?!(new|return|else|throw)\\b)[\\w.<>\\[\\], ?]+\\s+\\w+\\s*\\(.*\\)\\s*(throws\\s+[\\w., ]+)?\\s*\\{\\s*))$");

    private ExampleRunner() {}

    static void run(DocExample example) throws Exception {
        String className = "Example_" + example.file().replaceAll("[^A-Za-z0-9]", "_") + "_" + example.line();
        List<String> lines = example.lines();
        int body = 0;                                     // the first line that is not an import
        while (body < lines.size() && (IMPORT.matcher(lines.get(body)).matches() || lines.get(body).isBlank())) body++;
        boolean members = isDeclaration(lines, body);

        List<String> source = new ArrayList<>();
        source.add("package " + PACKAGE + "; " + DEFAULT_IMPORTS.stream().map(i -> "import " + i + ";").collect(Collectors.joining(" ")));
        for (int i = 0; i < lines.size(); i++) {
            String line = expectOutput(example, i, lines.get(i));
            if (i == body) {
                line = "public final class " + className + " extends " + example.context() + " { "
                        + (members ? "" : "@Override public void run() throws Exception { ") + line;
            }
            source.add(line);
        }
        if (body == lines.size()) source.add("public final class " + className + " extends " + example.context() + " {");
        String end = members ? "}" : "}}";
        source.add(end);

        Path classes = Files.createTempDirectory("doc-example");
        try {
            if (!members) {                               // hand each top-level local to the context
                String captures = topLevelLocals(className, source).stream()
                        .map(v -> "exampleLocal(\"" + v.name() + "\", " + v.index() + ", " + v.name() + ");")
                        .collect(Collectors.joining(" "));
                source.set(source.size() - 1, captures + " " + end);
            }
            compile(example, className, source, classes);
            execute(example, className, classes);
        } finally {
            try (var files = Files.walk(classes)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Whether the example is declarations (a class body) rather than statements. */
    private static boolean isDeclaration(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty() || t.startsWith("//")) continue;
            return DECLARATION.matcher(t).matches();
        }
        return false;
    }

    /**
     * A line that prints and ends in a comment promises that output: the line becomes
     * {@code exampleMark(); <line> exampleExpect(index, "<comment>");}.
     */
    private static String expectOutput(DocExample example, int index, String line) {
        int comment = lineComment(line);
        if (comment < 0) return line;
        String code = line.substring(0, comment);
        String expected = line.substring(comment + 2).strip();
        if (!code.contains("System.out.print") || expected.isEmpty()) return line;
        if (!code.strip().endsWith(";")) {
            throw new ExampleFailure(example.where(index) + ": a printing line with an output comment must hold the whole statement", null);
        }
        return "exampleMark(); " + code + " exampleExpect(" + index + ", \"" + escape(expected) + "\");";
    }

    /** Where a {@code //} comment starts outside string and character literals, or -1. */
    static int lineComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return i;
            }
        }
        return -1;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    record Declared(String name, int index) {}

    /** The variables declared by the statements of {@code run()} itself (not nested blocks). */
    private static List<Declared> topLevelLocals(String className, List<String> source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavacTask task = (JavacTask) javac.getTask(null, null, d -> {}, List.of("-proc:none"), null,
                List.of(new Source(className, String.join("\n", source))));
        List<Declared> found = new ArrayList<>();
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        for (CompilationUnitTree unit : task.parse()) {
            for (Tree type : unit.getTypeDecls()) {
                if (!(type instanceof ClassTree cls)) continue;
                for (Tree member : cls.getMembers()) {
                    if (!(member instanceof MethodTree m) || !m.getName().contentEquals("run") || m.getBody() == null) continue;
                    for (StatementTree st : m.getBody().getStatements()) {
                        if (st instanceof VariableTree v && v.getInitializer() != null) {
                            long line = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, v));
                            found.add(new Declared(v.getName().toString(), (int) line - 2));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static void compile(DocExample example, String className, List<String> source, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", classpath(), "-d", classes.toString(), "-proc:none",
                    "--add-modules", "jdk.incubator.vector", "-Xlint:-incubating", "-nowarn");
            boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    List.of(new Source(className, String.join("\n", source)))).call();
            if (ok) return;
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> locate(example, d.getLineNumber()) + ": does not compile: " + d.getMessage(Locale.ROOT)
                            + "\n    " + sourceLine(example, d.getLineNumber()))
                    .collect(Collectors.joining("\n"));
            throw new ExampleFailure(errors, null);
        }
    }

    private static String locate(DocExample example, long sourceLine) {
        int index = (int) sourceLine - 2;
        return index < 0 || index >= example.lines().size() ? example.where() : example.where(index);
    }

    private static String sourceLine(DocExample example, long sourceLine) {
        int index = (int) sourceLine - 2;
        return index < 0 || index >= example.lines().size() ? "(in the code around the example)" : example.lines().get(index).strip();
    }

    /** The test classpath (surefire may hand the JVM a manifest-only jar; its property has the real one). */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static void execute(DocExample example, String className, Path classes) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ExampleContext.class.getClassLoader())) {
            Class<?> cls = loader.loadClass(PACKAGE + "." + className);
            ExampleContext context;
            try {
                context = (ExampleContext) cls.getDeclaredConstructor().newInstance();
            } catch (InvocationTargetException e) {
                throw new ExampleFailure(example.where() + ": its context " + example.context() + " failed to start: " + e.getCause(), e.getCause());
            }
            context.example = example;
            context.out = captured;
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            List<Throwable> dropped = new java.util.concurrent.CopyOnWriteArrayList<>();
            Hooks.onErrorDropped(dropped::add);     // errors of subscriptions the example made without an error handler
            try {
                try {
                    context.run();
                } catch (ExampleFailure e) {
                    throw e;
                } catch (Throwable t) {
                    throw new ExampleFailure(locate(example, className, t) + ": " + t, t);
                }
                for (ExampleContext.Local local : context.locals) {
                    if (!(local.value() instanceof Publisher<?> publisher)) continue;
                    try {
                        Flux.from(publisher).doOnNext(ExampleRunner::release).blockLast(PUBLISHER_TIMEOUT);
                    } catch (Throwable t) {
                        throw new ExampleFailure(example.where(local.index()) + ": `" + local.name() + "` failed: " + t, t);
                    }
                }
                try {
                    context.verify();
                } catch (ExampleFailure e) {
                    throw e;
                } catch (Throwable t) {
                    throw new ExampleFailure(locate(example, className, t) + ": " + t, t);
                }
                if (!dropped.isEmpty()) {
                    Throwable t = Exceptions.unwrap(dropped.get(0));
                    ExampleFailure failure = new ExampleFailure(locate(example, className, t) + ": a subscription failed: "
                            + (t.getCause() != null && t.getClass().getName().contains("ErrorCallbackNotImplemented") ? t.getCause() : t), t);
                    dropped.stream().skip(1).forEach(failure::addSuppressed);
                    throw failure;
                }
            } catch (Throwable t) {
                System.setOut(stdout);
                if (captured.size() > 0) stdout.print(example.where() + " printed:\n" + captured.toString(StandardCharsets.UTF_8));
                throw t;
            } finally {
                Hooks.resetOnErrorDropped();
                System.setOut(stdout);
                context.close();
            }
        }
    }

    /** Items a documented publisher emits are the subscriber's: close the arrays among them. */
    private static void release(Object item) {
        if (item instanceof Array a) a.close();
    }

    /** The example's line that the innermost frame of the generated class points at, else its first line. */
    private static String locate(DocExample example, String className, Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (StackTraceElement frame : c.getStackTrace()) {
                if (frame.getClassName().startsWith(PACKAGE + "." + className) && frame.getLineNumber() > 1) {
                    return locate(example, frame.getLineNumber());
                }
            }
        }
        return example.where();
    }

    /** A compilation unit held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + PACKAGE.replace('.', '/') + "/" + className + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
