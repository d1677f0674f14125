package org.mlx4j.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Expands kernel templates into one Java source per lane type, as the JDK's Spp does for
 * {@code X-Vector.java.template}. Run by mlx-core's {@code generate-sources} phase as a single-file
 * program of the build's own JDK:
 *
 * <pre>
 *   java src/build/java/org/mlx4j/build/KernelTemplates.java TEMPLATES_DIR OUT_DIR
 * </pre>
 *
 * <p>Every {@code *.java.template} under TEMPLATES_DIR (its directory is its package's path) starts
 * with one line naming the classes it generates and their types:
 *
 * <pre>
 *   #generate ArgScan$Type$ for float, double, int, long
 * </pre>
 *
 * and gives, for each type, {@code OUT_DIR/<same directory>/ArgScanFloat.java} and so on. The class
 * name contains {@code $Type$} or {@code $bits$} ({@code BinaryInt$bits$ for byte, short, int, long}
 * gives BinaryInt8 to BinaryInt64) and may use any substitution. In the rest of the template:
 *
 * <ul>
 *   <li>{@code $type$} float, {@code $Type$} Float (so {@code $Type$Vector} is FloatVector),
 *       {@code $Boxtype$} Float (Integer for int), {@code $bytes$} 4, {@code $bits$} 32,
 *       {@code $layout$} F32 (the ElementAccess value layout), {@code $dtype$} FLOAT32 (the DType
 *       constant); any other {@code $word$} is an error;</li>
 *   <li>{@code #if[key]} ... {@code #else[key]} ... {@code #end[key]} keeps the first part when key
 *       holds for the type and the second otherwise; keys are the type names and the groups
 *       {@code floating} (float, double) and {@code integral} (byte, short, int, long); blocks nest;
 *       a directive alone on its line removes the whole line, one inside a line only itself.</li>
 * </ul>
 *
 * Each generated file starts with a comment naming its template. Files are rewritten only when
 * their text changes, and generated files whose template is gone are deleted.
 */
public final class KernelTemplates {
    /** One lane type and the words substituted for it. */
    record LaneType(String type, String boxType, int bytes, String layout, String dtype, String group) {
        String capitalized() {
            return Character.toUpperCase(type.charAt(0)) + type.substring(1);
        }

        Map<String, String> words() {
            Map<String, String> w = new LinkedHashMap<>();
            w.put("type", type);
            w.put("Type", capitalized());
            w.put("Boxtype", boxType);
            w.put("bytes", Integer.toString(bytes));
            w.put("bits", Integer.toString(8 * bytes));
            w.put("layout", layout);
            w.put("dtype", dtype);
            return w;
        }

        boolean holds(String key) {
            return key.equals(type) || key.equals(group);
        }
    }

    static final Map<String, LaneType> TYPES = new LinkedHashMap<>();

    static {
        for (LaneType t : List.of(
                new LaneType("float", "Float", 4, "F32", "FLOAT32", "floating"),
                new LaneType("double", "Double", 8, "F64", "FLOAT64", "floating"),
                new LaneType("byte", "Byte", 1, "I8", "INT8", "integral"),
                new LaneType("short", "Short", 2, "I16", "INT16", "integral"),
                new LaneType("int", "Integer", 4, "I32", "INT32", "integral"),
                new LaneType("long", "Long", 8, "I64", "INT64", "integral"))) {
            TYPES.put(t.type(), t);
        }
    }

    static final Set<String> KEYS = new LinkedHashSet<>(TYPES.keySet());

    static {
        KEYS.add("floating");
        KEYS.add("integral");
    }

    static final String SUFFIX = ".java.template";
    private static final Pattern GENERATE = Pattern.compile("#generate\\s+(\\S+)\\s+for\\s+(.+)");
    private static final Pattern DIRECTIVE = Pattern.compile("#(if|else|end)\\[(\\w+)\\]");
    private static final Pattern LINE_DIRECTIVE =
            Pattern.compile("(?m)^[ \\t]*(#(?:if|else|end)\\[\\w+\\])[ \\t]*\\r?\\n");
    private static final Pattern WORD = Pattern.compile("\\$(\\w+)\\$");

    private KernelTemplates() {}

    /** A template error, reported with the template's name and line. */
    static final class TemplateException extends RuntimeException {
        TemplateException(String where, String message) {
            super(where + ": " + message);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java KernelTemplates.java TEMPLATES_DIR OUT_DIR");
            System.exit(2);
        }
        try {
            int written = generate(Path.of(args[0]), Path.of(args[1]));
            System.out.println("KernelTemplates: " + written + " file(s) written to " + args[1]);
        } catch (TemplateException e) {
            System.err.println("KernelTemplates: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Expands every template under {@code templates} into {@code out}; returns how many files changed. */
    static int generate(Path templates, Path out) throws IOException {
        if (!Files.isDirectory(templates)) {
            throw new TemplateException(templates.toString(), "templates directory not found");
        }
        Set<Path> produced = new LinkedHashSet<>();
        int written = 0;
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(templates)) {
            sources = walk.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        for (Path template : sources) {
            Path rel = templates.relativize(template);
            String text = Files.readString(template, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> file : expandFile(rel.toString().replace('\\', '/'), text).entrySet()) {
                Path target = out.resolve(rel.resolveSibling(file.getKey()).toString());
                produced.add(target.toAbsolutePath().normalize());
                if (Files.exists(target) && Files.readString(target, StandardCharsets.UTF_8).equals(file.getValue())) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
                written++;
            }
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> walk = Files.walk(out)) {
                for (Path stale : walk.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !produced.contains(p.toAbsolutePath().normalize())).toList()) {
                    Files.delete(stale);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return written;
    }

    /**
     * The sources one template gives: file name ({@code ArgScanFloat.java}) to text. {@code name}
     * is the template's path below the templates directory, quoted in headers and errors.
     */
    static Map<String, String> expandFile(String name, String text) {
        int nl = text.indexOf('\n');
        String first = (nl < 0 ? text : text.substring(0, nl)).strip();
        Matcher g = GENERATE.matcher(first);
        if (!g.matches()) {
            throw new TemplateException(name + ":1", "the first line must be '#generate Class$Type$ for type, ...'");
        }
        String classPattern = g.group(1);
        if (!classPattern.contains("$Type$") && !classPattern.contains("$bits$")) {
            throw new TemplateException(name + ":1",
                    "the generated class name must contain $Type$ or $bits$, got " + classPattern);
        }
        String body = nl < 0 ? "" : text.substring(nl + 1);
        Map<String, String> files = new LinkedHashMap<>();
        for (String typeName : g.group(2).split(",")) {
            LaneType t = TYPES.get(typeName.strip());
            if (t == null) {
                throw new TemplateException(name + ":1", "unknown type '" + typeName.strip() + "', known: " + TYPES.keySet());
            }
            String header = "// Generated from src/main/templates/" + name + " for " + t.type()
                    + " by KernelTemplates (mlx-core/src/build/java). Edit the template, not this file.\n";
            files.put(substitute(name, classPattern, t) + ".java", header + expand(name, body, t, 2));
        }
        return files;
    }

    /** Expands one template body for one type; {@code firstLine} numbers the body's lines in errors. */
    static String expand(String name, String body, LaneType t, int firstLine) {
        // A directive alone on its line takes the line with it; mark where source lines start so
        // that errors can name them after the lines are joined.
        String text = LINE_DIRECTIVE.matcher(body).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        int[] lineOfOffset = lineNumbers(body, text, firstLine);
        StringBuilder out = new StringBuilder();
        Deque<boolean[]> open = new ArrayDeque<>(); // {active, else seen}
        Deque<String> keys = new ArrayDeque<>();
        boolean active = true;
        Matcher d = DIRECTIVE.matcher(text);
        int at = 0;
        while (d.find()) {
            if (active) out.append(text, at, d.start());
            at = d.end();
            String where = name + ":" + lineOfOffset[d.start()];
            String verb = d.group(1), key = d.group(2);
            if (!KEYS.contains(key)) throw new TemplateException(where, "unknown key [" + key + "], known: " + KEYS);
            switch (verb) {
                case "if" -> {
                    open.push(new boolean[] {active, false});
                    keys.push(key);
                    active = active && t.holds(key);
                }
                case "else" -> {
                    boolean[] f = requireOpen(open, keys, key, where, "#else");
                    if (f[1]) throw new TemplateException(where, "second #else[" + key + "]");
                    f[1] = true;
                    active = f[0] && !t.holds(key);
                }
                default -> {
                    boolean[] f = requireOpen(open, keys, key, where, "#end");
                    open.pop();
                    keys.pop();
                    active = f[0];
                }
            }
        }
        if (!open.isEmpty()) throw new TemplateException(name, "#if[" + keys.peek() + "] is never closed by #end[" + keys.peek() + "]");
        out.append(text, at, text.length());
        return substitute(name, out.toString(), t);
    }

    private static boolean[] requireOpen(Deque<boolean[]> open, Deque<String> keys, String key, String where, String verb) {
        if (open.isEmpty()) throw new TemplateException(where, verb + "[" + key + "] without #if[" + key + "]");
        if (!keys.peek().equals(key)) {
            throw new TemplateException(where, verb + "[" + key + "] inside #if[" + keys.peek() + "]: close that first");
        }
        return open.peek();
    }

    private static String substitute(String name, String text, LaneType t) {
        Map<String, String> words = t.words();
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = words.get(m.group(1));
            if (v == null) {
                int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                throw new TemplateException(name + " (" + t.type() + ", generated line " + line + ")",
                        "unknown substitution " + m.group() + ", known: " + words.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** For each offset of {@code joined} (body with whole-line directives' line ends removed), its source line. */
    private static int[] lineNumbers(String body, String joined, int firstLine) {
        int[] lines = new int[joined.length() + 1];
        int line = firstLine;
        int j = 0;
        for (int i = 0; i < body.length() && j < joined.length(); i++) {
            if (body.charAt(i) == joined.charAt(j)) {
                lines[j++] = line;
            }
            if (body.charAt(i) == '\n') line++;
        }
        for (; j <= joined.length(); j++) lines[j] = line;
        return lines;
    }
}
