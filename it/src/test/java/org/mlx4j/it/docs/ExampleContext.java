package org.mlx4j.it.docs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a documentation example runs in: the generated class of each example extends its context class
 * (this one, or the one its {@code <!-- example context: Name -->} marker names), so the example can use
 * the context's fields and methods by their plain names. An example of statements becomes the body of
 * {@link #run()}; an example of declarations (methods, fields) becomes the class body, and its context's
 * {@link #verify()} calls what it declares.
 *
 * <p>This base context offers {@link #log}, a logger that keeps its lines.
 */
public class ExampleContext implements AutoCloseable {
    /** A logger in the style of SLF4J ({@code log.info("{} tokens", n)}) that keeps what it was given. */
    protected final Log log = new Log();

    /** A local variable an example declared at its top level, with its value once the example ran. */
    record Local(String name, int index, Object value) {}

    private static final java.util.regex.Pattern USES_LOG = java.util.regex.Pattern.compile("\\blog\\.\\w+\\(");

    final List<Local> locals = new ArrayList<>();
    DocExample example;
    ByteArrayOutputStream out;
    private int mark;

    /** The example's statements. */
    public void run() throws Exception {}

    /**
     * Checks what the example left behind, once its publishers have run to the end. Here: an example that
     * uses {@code log} must log something (within a minute, as publishers log from their own threads).
     */
    public void verify() throws Exception {
        if (example.lines().stream().anyMatch(l -> USES_LOG.matcher(l).find())) {
            long deadline = System.nanoTime() + ExampleRunner.PUBLISHER_TIMEOUT.toNanos();
            while (log.lines().isEmpty()) {
                if (System.nanoTime() > deadline) throw new AssertionError("the example logged nothing");
                Thread.sleep(5);
            }
        }
    }

    /** Frees what the context made. */
    @Override
    public void close() throws Exception {}

    // ---------------------------------------------------------------- called by the generated code

    /** Records a top-level local variable of the example; {@code index} is its line within the example. */
    protected final void exampleLocal(String name, int index, Object value) {
        locals.add(new Local(name, index, value));
    }

    /** Starts the output one printing line of the example is checked against. */
    protected final void exampleMark() {
        System.out.flush();
        mark = out.size();
    }

    /** Checks that the example's line {@code index} printed {@code expected} (whitespace runs compare equal). */
    protected final void exampleExpect(int index, String expected) {
        System.out.flush();
        String printed = new String(out.toByteArray(), mark, out.size() - mark, StandardCharsets.UTF_8);
        if (!normalize(printed).equals(normalize(expected))) {
            throw new ExampleFailure(example.where(index) + ": printed `" + printed.strip()
                    + "` but the comment says `" + expected.strip() + "`", null);
        }
    }

    static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    /** A failure already located at a line of an example. */
    static final class ExampleFailure extends AssertionError {
        ExampleFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The logger of {@link #log}. */
    public static final class Log {
        private final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        /** Logs {@code format} with each {@code {}} replaced by the next argument. */
        public void info(String format, Object... args) {
            StringBuilder sb = new StringBuilder();
            int arg = 0;
            int from = 0;
            for (int at = format.indexOf("{}"); at >= 0; at = format.indexOf("{}", from)) {
                sb.append(format, from, at).append(arg < args.length ? Objects.toString(args[arg++]) : "{}");
                from = at + 2;
            }
            lines.add(sb.append(format.substring(from)).toString());
        }

        /** Everything logged so far. */
        public List<String> lines() {
            return List.copyOf(lines);
        }
    }
}
