package org.mlx4j.lm.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and {@code --flag}s of one command, checked against what the command accepts. */
final class CliArgs {
    /** A command-line mistake: the message is printed with the usage. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) { super(message); }
    }

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final Set<String> flags;

    CliArgs(String command, String[] args, Set<String> valueOptions, Set<String> flagOptions) {
        this.flags = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (flagOptions.contains(a)) {
                flags.add(a);
            } else if (valueOptions.contains(a)) {
                if (i + 1 >= args.length) throw new UsageException(command + ": " + a + " needs a value");
                values.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new UsageException(command + ": unknown option " + a);
            }
        }
    }

    boolean flag(String name) { return flags.contains(name); }

    boolean has(String name) { return values.containsKey(name); }

    String value(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    List<String> all(String name) { return values.getOrDefault(name, List.of()); }

    String required(String command, String name) {
        String v = value(name, null);
        if (v == null) throw new UsageException(command + ": " + name + " is required");
        return v;
    }

    int integer(String command, String name, int fallback) {
        String v = value(name, null);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " must be an integer, got " + v);
        }
    }

    double number(String command, String name, double fallback) {
        String v = value(name, null);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " must be a number, got " + v);
        }
    }

    /** A comma-separated list of integers ({@code 1,2,3}). */
    int[] ids(String command, String name) {
        String v = required(command, name);
        String[] parts = v.split(",");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException(command + ": " + name + " must be comma-separated token ids like 1,2,3, got " + v);
            }
        }
        return ids;
    }
}
