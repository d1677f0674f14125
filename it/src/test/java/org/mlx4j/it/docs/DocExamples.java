package org.mlx4j.it.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the code examples of the repository: every {@code ```java} block of every Markdown file, and
 * every {@code <pre>{@code ...}</pre>} block in the javadoc of main sources. An HTML comment on the line
 * right before an example says how to run it:
 * <ul>
 *   <li>{@code <!-- example context: ToyGenerationContext -->}: run it in that context class of this
 *       package, whose fields and methods the example uses (by default {@link ExampleContext});</li>
 *   <li>{@code <!-- example not runnable: the reason -->}: compile nothing, report it as skipped.</li>
 * </ul>
 * Malformed or misplaced markers are problems, reported like failing examples.
 */
final class DocExamples {
    private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^\\s`]*).*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*example\\b(.*?)-->\\s*$");
    private static final Pattern CONTEXT = Pattern.compile("\\s+context:\\s*([A-Za-z_$][\\w$]*)\\s*");
    private static final Pattern NOT_RUNNABLE = Pattern.compile("\\s+not runnable:\\s*(\\S.*?)\\s*");
    private static final Pattern JAVADOC_PREFIX = Pattern.compile("^\\s*\\*( |$)");
    private static final Pattern PRE_CODE = Pattern.compile("^\\s*\\*?\\s*<pre>\\{@code(.*)$");

    final List<DocExample> examples = new ArrayList<>();
    /** {@code file:line: message} for every malformed marker or block. */
    final List<String> problems = new ArrayList<>();
    private final Path root;

    private DocExamples(Path root) {
        this.root = root;
    }

    /** Every example under {@code root}, skipping build outputs, VCS data and benchmark results. */
    static DocExamples scan(Path root) {
        DocExamples found = new DocExamples(root);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (name.startsWith(".") || name.equals("target")
                            || name.equals("node_modules") || root.relativize(dir).toString().replace('\\', '/').equals("bench/results"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String rel = root.relativize(file).toString().replace('\\', '/');
                    if (rel.endsWith(".md")) {
                        found.markdown(rel, Files.readAllLines(file));
                    } else if (rel.endsWith(".java") && rel.contains("/src/main/java/")) {
                        found.javadoc(rel, Files.readAllLines(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.examples.sort((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line()) : a.file().compareTo(b.file()));
        return found;
    }

    /** The repository root: the nearest directory upwards holding the {@code mlx4j} script and a pom. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("mlx4j")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
        return dir;
    }

    private void markdown(String file, List<String> text) {
        int i = 0;
        while (i < text.size()) {
            Matcher fence = FENCE.matcher(text.get(i));
            if (!fence.matches()) {
                if (MARKER.matcher(text.get(i)).matches() && !isMarkerBefore(text, i)) {
                    problems.add(file + ":" + (i + 1) + ": an example marker must be on the line right before a ```java block");
                }
                i++;
                continue;
            }
            String indent = fence.group(1);
            String delimiter = fence.group(2);
            String info = fence.group(3);
            int open = i;
            List<String> code = new ArrayList<>();
            i++;
            while (i < text.size() && !isClosingFence(text.get(i), delimiter)) {
                String line = text.get(i);
                code.add(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading());
                i++;
            }
            if (i == text.size()) problems.add(file + ":" + (open + 1) + ": the code block is never closed");
            i++;
            String marker = open > 0 ? text.get(open - 1) : "";
            if (info.equals("java")) {
                add(file, open + 2, code, marker);
            } else if (MARKER.matcher(marker).matches()) {
                problems.add(file + ":" + open + ": an example marker before a block that is not ```java");
            }
        }
    }

    private static boolean isMarkerBefore(List<String> text, int i) {
        if (!MARKER.matcher(text.get(i)).matches() || i + 1 >= text.size()) return false;
        Matcher next = FENCE.matcher(text.get(i + 1));
        return next.matches();
    }

    private static boolean isClosingFence(String line, String delimiter) {
        String t = line.strip();
        return t.length() >= delimiter.length() && t.chars().allMatch(c -> c == delimiter.charAt(0))
                && line.indexOf(delimiter.charAt(0)) <= 3;
    }

    private void javadoc(String file, List<String> text) {
        for (int i = 0; i < text.size(); i++) {
            Matcher pre = PRE_CODE.matcher(text.get(i));
            if (!pre.matches()) {
                if (MARKER.matcher(JAVADOC_PREFIX.matcher(text.get(i)).replaceFirst("")).matches()
                        && !(i + 1 < text.size() && PRE_CODE.matcher(text.get(i + 1)).matches())) {
                    problems.add(file + ":" + (i + 1) + ": an example marker must be on the line right before <pre>{@code");
                }
                continue;
            }
            int first = i + 1;
            List<String> code = new ArrayList<>();
            String rest = pre.group(1);
            if (!rest.isBlank()) {           // code on the opening line itself
                first = i;
                code.add(rest.strip());
            }
            int j = i + 1;
            for (; j < text.size(); j++) {
                // "&#64;" is how javadoc writes an annotation at the start of a line
                String line = JAVADOC_PREFIX.matcher(text.get(j)).replaceFirst("").replace("&#64;", "@");
                int end = line.indexOf("}</pre>");
                if (end >= 0) {
                    if (!line.substring(0, end).isBlank()) code.add(line.substring(0, end));
                    break;
                }
                code.add(line);
            }
            if (j == text.size()) problems.add(file + ":" + (i + 1) + ": <pre>{@code is never closed by }</pre>");
            String marker = i > 0 ? JAVADOC_PREFIX.matcher(text.get(i - 1)).replaceFirst("") : "";
            add(file, first + 1, code, marker);
            i = j;
        }
    }

    private void add(String file, int line, List<String> code, String markerLine) {
        Matcher m = MARKER.matcher(markerLine);
        if (!m.matches()) {
            examples.add(new DocExample(file, line, code, DocExample.DEFAULT_CONTEXT, null));
            return;
        }
        String body = m.group(1);
        Matcher context = CONTEXT.matcher(body);
        Matcher notRunnable = NOT_RUNNABLE.matcher(body);
        if (context.matches()) {
            examples.add(new DocExample(file, line, code, context.group(1), null));
        } else if (notRunnable.matches()) {
            examples.add(new DocExample(file, line, code, null, notRunnable.group(1)));
        } else {
            problems.add(file + ":" + (line - 2) + ": unknown example marker `" + markerLine.strip()
                    + "`: use `<!-- example context: ClassName -->` or `<!-- example not runnable: reason -->`");
        }
    }
}
