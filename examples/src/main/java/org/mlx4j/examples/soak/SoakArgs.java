package org.mlx4j.examples.soak;

import java.util.Locale;

/** Command-line options of the soak programs: {@code --name value}. */
final class SoakArgs {
    private SoakArgs() {}

    static String string(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }

    static int integer(String[] args, String name, int fallback) {
        return Integer.parseInt(string(args, name, Integer.toString(fallback)));
    }

    /** "1K", "16M", "1G" or a plain byte count. */
    static long bytes(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long unit = switch (t.charAt(t.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) return bytes / (1L << 30) + " GiB";
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return bytes / (1L << 20) + " MiB";
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return bytes / (1L << 10) + " KiB";
        return bytes + " B";
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (double) (1L << 20));
    }
}
