package org.mlx4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** The NumPy reference values of the op-surface tests: {@code golden/opsa/opsa_golden.npz}, written by {@code opsa_golden.py} beside it. */
final class OpsaGolden {
    private OpsaGolden() {}

    private static Map<String, Array> arrays;

    static synchronized Array get(String name) {
        if (arrays == null) arrays = load();
        Array a = arrays.get(name);
        assertThat(a).as("golden entry %s", name).isNotNull();
        return a;
    }

    private static Map<String, Array> load() {
        try (InputStream in = OpsaGolden.class.getResourceAsStream("/golden/opsa/opsa_golden.npz")) {
            assertThat(in).as("golden/opsa/opsa_golden.npz on the test class path").isNotNull();
            Path tmp = Files.createTempFile("opsa_golden", ".npz");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Map<String, Array> m = Mx.loadArrays(tmp);
                Mx.eval(m);
                return m;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
