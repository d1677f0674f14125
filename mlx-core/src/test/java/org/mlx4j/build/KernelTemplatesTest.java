package org.mlx4j.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the kernel template generator the way the build does (a single-file program of this JDK)
 * on small templates and checks the exact text it writes and the errors it reports.
 */
class KernelTemplatesTest {
    private static final Path GENERATOR = Path.of("src/build/java/org/mlx4j/build/KernelTemplates.java");

    @TempDir
    Path dir;

    private record Result(int exit, String output) {}

    private Result generate(Path templates, Path out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                GENERATOR.toAbsolutePath().toString(), templates.toString(), out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("generator finished").isTrue();
        return new Result(p.exitValue(), output);
    }

    private Path template(String relative, String text) throws IOException {
        Path t = dir.resolve("templates").resolve(relative);
        Files.createDirectories(t.getParent());
        Files.writeString(t, text);
        return t;
    }

    @Test
    void expandsSubstitutionsAndConditionalsPerType() throws Exception {
        template("a/b/Demo.java.template", """
                #generate Demo$Type$ for float, int
                package a.b;
                /** $type$ lanes ($Boxtype$, $bytes$ bytes, $bits$ bits, $layout$, $dtype$). */
                final class Demo$Type$ {
                    static $Type$Vector zero;
                #if[floating]
                    static final $type$ LOWEST = $Boxtype$.NEGATIVE_INFINITY;
                #if[float]
                    static final String ONLY = "float";
                #end[float]
                #else[floating]
                    static final $type$ LOWEST = $Boxtype$.MIN_VALUE;
                #end[floating]
                    boolean nan($type$ v) { return #if[floating]v != v#else[floating]false#end[floating]; }
                }
                """);
        Path out = dir.resolve("out");
        Result r = generate(dir.resolve("templates"), out);
        assertThat(r.exit()).as(r.output()).isZero();
        String header = "// Generated from src/main/templates/a/b/Demo.java.template for %s by KernelTemplates"
                + " (mlx-core/src/build/java). Edit the template, not this file.\n";
        assertThat(Files.readString(out.resolve("a/b/DemoFloat.java"))).isEqualTo(header.formatted("float") + """
                package a.b;
                /** float lanes (Float, 4 bytes, 32 bits, F32, FLOAT32). */
                final class DemoFloat {
                    static FloatVector zero;
                    static final float LOWEST = Float.NEGATIVE_INFINITY;
                    static final String ONLY = "float";
                    boolean nan(float v) { return v != v; }
                }
                """);
        assertThat(Files.readString(out.resolve("a/b/DemoInt.java"))).isEqualTo(header.formatted("int") + """
                package a.b;
                /** int lanes (Integer, 4 bytes, 32 bits, I32, INT32). */
                final class DemoInt {
                    static IntVector zero;
                    static final int LOWEST = Integer.MIN_VALUE;
                    boolean nan(int v) { return false; }
                }
                """);
    }

    @Test
    void namesClassesByBitWidth() throws Exception {
        template("q/Bits.java.template", "#generate Bits$bits$ for byte, short, int, long\nclass Bits$bits$ { $type$ x; }\n");
        Path out = dir.resolve("out");
        Result r = generate(dir.resolve("templates"), out);
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(Files.readString(out.resolve("q/Bits8.java"))).endsWith("class Bits8 { byte x; }\n");
        assertThat(Files.readString(out.resolve("q/Bits16.java"))).endsWith("class Bits16 { short x; }\n");
        assertThat(Files.readString(out.resolve("q/Bits32.java"))).endsWith("class Bits32 { int x; }\n");
        assertThat(Files.readString(out.resolve("q/Bits64.java"))).endsWith("class Bits64 { long x; }\n");
        try (var files = Files.list(out.resolve("q"))) {
            assertThat(files.count()).isEqualTo(4);
        }
    }

    @Test
    void deletesFilesWhoseTemplateIsGoneAndKeepsUnchangedOnes() throws Exception {
        Path t = template("p/Keep.java.template", "#generate Keep$Type$ for double\nclass Keep$Type$ {}\n");
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("p"));
        Files.writeString(out.resolve("p/Old.java"), "class Old {}");
        assertThat(generate(t.getParent().getParent(), out).exit()).isZero();
        assertThat(out.resolve("p/Old.java")).doesNotExist();
        Path kept = out.resolve("p/KeepDouble.java");
        assertThat(Files.readString(kept)).endsWith("class KeepDouble {}\n");
        Files.setLastModifiedTime(kept, java.nio.file.attribute.FileTime.fromMillis(0));
        Result again = generate(t.getParent().getParent(), out);
        assertThat(again.output()).contains("0 file(s) written");
        assertThat(Files.getLastModifiedTime(kept).toMillis()).as("unchanged text is not rewritten").isZero();
    }

    @Test
    void reportsTemplateErrorsWithTheirLine() throws Exception {
        Path templates = dir.resolve("templates");
        template("Open.java.template", "#generate Open$Type$ for float\nclass X {\n#if[floating]\n}\n");
        Result open = generate(templates, dir.resolve("out"));
        assertThat(open.exit()).isEqualTo(1);
        assertThat(open.output()).contains("Open.java.template").contains("#if[floating] is never closed");

        Files.delete(templates.resolve("Open.java.template"));
        template("Crossed.java.template",
                "#generate C$Type$ for float\nclass C {\n#if[floating]\n#if[float]\n#end[floating]\n#end[float]\n}\n");
        Result crossed = generate(templates, dir.resolve("out"));
        assertThat(crossed.exit()).isEqualTo(1);
        assertThat(crossed.output()).contains("Crossed.java.template:5").contains("#end[floating] inside #if[float]");

        Files.delete(templates.resolve("Crossed.java.template"));
        template("Word.java.template", "#generate W$Type$ for long\nclass W { $Lanes$ x; }\n");
        Result word = generate(templates, dir.resolve("out"));
        assertThat(word.exit()).isEqualTo(1);
        assertThat(word.output()).contains("unknown substitution $Lanes$");

        Files.delete(templates.resolve("Word.java.template"));
        template("Name.java.template", "#generate Name for float\nclass Name {}\n");
        Result name = generate(templates, dir.resolve("out"));
        assertThat(name.exit()).isEqualTo(1);
        assertThat(name.output()).contains("Name.java.template:1").contains("must contain $Type$ or $bits$");

        Files.delete(templates.resolve("Name.java.template"));
        template("Key.java.template", "#generate K$Type$ for long\n#if[flaot]\n#end[flaot]\n");
        Result key = generate(templates, dir.resolve("out"));
        assertThat(key.exit()).isEqualTo(1);
        assertThat(key.output()).contains("Key.java.template:2").contains("unknown key [flaot]");

        Files.delete(templates.resolve("Key.java.template"));
        template("Type.java.template", "#generate T$Type$ for half\n");
        Result type = generate(templates, dir.resolve("out"));
        assertThat(type.exit()).isEqualTo(1);
        assertThat(type.output()).contains("unknown type 'half'");
    }
}
