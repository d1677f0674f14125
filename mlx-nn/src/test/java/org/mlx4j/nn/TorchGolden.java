package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.assertj.core.data.Offset;
import org.mlx4j.core.Array;
import org.mlx4j.core.io.ArrayIO;
import org.mlx4j.utils.Tree;

/**
 * The PyTorch golden files under {@code golden/torch/} (written by the {@code generate.py} beside them): each
 * {@code .npz} holds cases keyed {@code "<kind>-<variant>/<field>"}.
 */
final class TorchGolden {
    private TorchGolden() {}

    /** One golden case: its name, kind (the name's part before the first '-'), settings and arrays. */
    record Case(String name, Map<String, Array> fields) {
        String kind() { return name.substring(0, name.indexOf('-')); }

        double[] args() { return get("args").toDoubleArray(); }

        int arg(int i) { return (int) args()[i]; }

        boolean has(String field) { return fields.containsKey(field); }

        Array get(String field) {
            return Objects.requireNonNull(fields.get(field), () -> name + " has no field " + field);
        }

        /** The fields named {@code prefix + name} as a parameter tree keyed by the dotted names. */
        Object tree(String prefix) {
            Map<String, Array> flat = new LinkedHashMap<>();
            fields.forEach((k, v) -> { if (k.startsWith(prefix)) flat.put(k.substring(prefix.length()), v); });
            return Tree.unflatten(flat);
        }

        @Override
        public String toString() { return name; }
    }

    /** The cases of {@code golden/torch/<group>.npz}, in name order. */
    static Map<String, Case> load(String group) {
        Path file;
        try {
            file = Path.of(Objects.requireNonNull(TorchGolden.class.getResource("/golden/torch/" + group + ".npz"),
                    group + ".npz is missing").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Map<String, Array>> byCase = new TreeMap<>();
        ArrayIO.loadNpz(file).forEach((key, value) -> {
            int slash = key.indexOf('/');
            byCase.computeIfAbsent(key.substring(0, slash), k -> new LinkedHashMap<>()).put(key.substring(slash + 1), value);
        });
        Map<String, Case> out = new LinkedHashMap<>();
        byCase.forEach((name, fields) -> out.put(name, new Case(name, fields)));
        return out;
    }

    /** Asserts equal shapes and every element within {@code tol * (1 + |expected|)}. */
    static void assertClose(String what, Array actual, Array expected, double tol) {
        assertThat(actual.shape()).as("%s: shape", what).isEqualTo(expected.shape());
        double[] got = actual.toDoubleArray(), want = expected.toDoubleArray();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).as("%s: element %d of %s", what, i, Arrays.toString(expected.shape()))
                    .isCloseTo(want[i], Offset.offset(tol * (1 + Math.abs(want[i]))));
        }
    }
}
