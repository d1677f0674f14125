package org.mlx4j.it.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@code mlx4j} script runs every command its help lists (the README's commands among them): each
 * {@code ./mlx4j NAME} of the help has its {@code NAME)} branch in the script's command switch, and the help the
 * script prints for an unknown command is the whole list.
 */
class ScriptCommandsTest {
    private static final Path SCRIPT = Path.of("..", "mlx4j");

    @Test
    void everyCommandOfTheHelpHasItsBranch() throws Exception {
        List<String> lines = Files.readAllLines(SCRIPT);
        List<String> commands = new ArrayList<>();
        Pattern help = Pattern.compile("^#\\s+\\./mlx4j ([a-z]+)");
        int helpEnd = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = help.matcher(lines.get(i));
            if (m.find()) {
                commands.add(m.group(1));
                helpEnd = i + 1;
            }
        }
        assertThat(commands).contains("test", "demo", "serve", "lm", "embed", "train", "bench", "soak", "mvn");
        for (String command : commands) {
            assertThat(lines).as("the branch of ./mlx4j %s", command)
                    .anyMatch(l -> l.matches("^  " + command + "\\)\\s.*"));
        }
        int last = helpEnd;
        assertThat(lines).as("the help printed for an unknown command ends at the last command's line, %d", last)
                .anyMatch(l -> l.contains("sed -n '2," + last + "p'"));
    }
}
