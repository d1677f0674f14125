package org.mlx4j.examples.nn;

import java.io.PrintStream;

/** A one-line progress bar redrawn in place: {@code epoch 3/20 [########------------] 12/23 loss 0.1234}. */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final String label;
    private final int total;

    /**
     * A bar for {@code total} units of work.
     *
     * @param out where to draw
     * @param label the text before the bar
     * @param total the units of work of a full bar
     */
    public ProgressBar(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** Redraws the bar at {@code done} of {@code total} with a status text. */
    public void update(int done, String status) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        out.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + status);
        out.flush();
    }

    /** Ends the bar's line with a final status. */
    public void finish(String status) {
        update(total, status);
        out.println();
    }
}
