package org.mlx4j.it.docs;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles and runs every code example of the documentation: each {@code ```java} block of every
 * Markdown file of the repository and each {@code <pre>{@code ...}</pre>} block in the javadoc of main
 * sources, one test per example named {@code file:line}. The conventions (contexts, printed output,
 * examples that are not runnable) are in docs/ARCHITECTURE.md, "Documentation examples".
 */
class DocExamplesTest {
    static final Duration EXAMPLE_TIMEOUT = Duration.ofMinutes(3);

    @TestFactory
    Stream<DynamicTest> everyDocumentedExampleCompilesAndRuns() {
        Path root = DocExamples.repositoryRoot();
        DocExamples found = DocExamples.scan(root);
        List<DynamicTest> tests = new ArrayList<>();
        for (String problem : found.problems) {
            tests.add(DynamicTest.dynamicTest(problem.substring(0, problem.indexOf(": ")), () -> {
                throw new AssertionError(problem);
            }));
        }
        for (DocExample example : found.examples) {
            tests.add(DynamicTest.dynamicTest(example.where(), root.resolve(example.file()).toUri(), () -> {
                Assumptions.assumeTrue(example.skipReason() == null, () -> example.where() + ": not runnable: " + example.skipReason());
                assertTimeoutPreemptively(EXAMPLE_TIMEOUT, () -> ExampleRunner.run(example), () -> example.where() + ": still running after " + EXAMPLE_TIMEOUT);
            }));
        }
        tests.add(DynamicTest.dynamicTest("the README's example is among them", () -> assertTrue(
                found.examples.stream().anyMatch(e -> e.file().equals("README.md")), "no ```java block found in README.md")));
        return tests.stream();
    }
}
