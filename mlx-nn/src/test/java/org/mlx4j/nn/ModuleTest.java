package org.mlx4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.utils.Tree;

class ModuleTest {

    /** A two-level model: an embedding, a list of blocks, a final norm. */
    static final class Block extends Module implements UnaryLayer {
        final Linear proj;

        Block(int dims) {
            proj = register("proj", new Linear(dims, dims, false));
            register("norm", new RMSNorm(dims));
        }

        @Override
        public Array forward(Array x) { return proj.forward(x); }
    }

    static final class Model extends Module {
        Model() {
            register("embed", new Embedding(10, 4));
            register("layers", List.of(new Block(4), new Block(4)));
            register("_cache", Mx.zeros(new int[] {3}, DType.FLOAT32)); // private: not a parameter
        }
    }

    @Test
    void parametersHaveMlxsStructureAndDottedNamesInDeclarationOrder() {
        Map<String, Array> flat = Tree.flatten(new Model().parameters());
        assertThat(flat.keySet()).containsExactly("embed.weight", "layers.0.proj.weight", "layers.0.norm.weight",
                "layers.1.proj.weight", "layers.1.norm.weight");
        assertThat(flat.get("layers.1.proj.weight").shape()).containsExactly(4, 4);
        Map<String, Array> seq = Tree.flatten(new Sequential(new Linear(2, 3, true), new ReLU(), new Linear(3, 1, true)).parameters());
        assertThat(seq.keySet()).containsExactly("layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias");
    }

    @Test
    void aLayerWithoutParametersLeavesAnEmptyMapInTheTree() {
        Sequential s = new Sequential(new Linear(2, 3, true), new ReLU());
        List<?> layers = (List<?>) s.parameters().get("layers");
        assertThat(layers).hasSize(2);
        assertThat((Map<?, ?>) layers.get(1)).isEmpty();
    }

    @Test
    void frozenParametersLeaveTheTrainableTreeAndUnfreezeBringsThemBack() {
        Model m = new Model();
        m.freeze();
        assertThat(Tree.flatten(m.trainableParameters())).isEmpty();
        assertThat(Tree.flatten(m.parameters())).hasSize(5);
        m.unfreeze();
        m.freeze(true, "weight");
        assertThat(Tree.flatten(m.trainableParameters())).isEmpty();
        m.unfreeze();
        ((Module) ((List<?>) m.children().get("layers")).get(0)).freeze();
        assertThat(Tree.flatten(m.trainableParameters()).keySet())
                .containsExactly("embed.weight", "layers.1.proj.weight", "layers.1.norm.weight");
        Linear l = new Linear(2, 2, true);
        l.freeze(false, "bias");
        assertThat(l.trainableParameters().keySet()).containsExactly("weight");
    }

    @Test
    void updateReplacesArraysByPathAndRejectsUnknownKeys() {
        Model m = new Model();
        Array w = Mx.ones(new int[] {4, 4}, DType.FLOAT32);
        m.update(Tree.unflatten(Map.of("layers.1.proj.weight", w)));
        assertThat(Tree.flatten(m.parameters()).get("layers.1.proj.weight")).isSameAs(w);
        assertThatThrownBy(() -> m.update(Map.of("nope", w)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> m.update(Map.of("embed", Map.of("weight", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
        m.update(Map.of("nope", w), false); // not strict: ignored
    }

    @Test
    void childrenLeafModulesAndNamedModulesWalkTheHierarchy() {
        Model m = new Model();
        assertThat(m.children().keySet()).containsExactly("embed", "layers");
        assertThat(m.namedModules().keySet()).containsExactly("", "embed", "layers.0", "layers.0.proj", "layers.0.norm",
                "layers.1", "layers.1.proj", "layers.1.norm");
        Map<String, Object> leaves = m.leafModules();
        assertThat(leaves.get("embed")).isInstanceOf(Embedding.class);
        assertThat(((Map<?, ?>) ((List<?>) leaves.get("layers")).get(0)).get("proj")).isInstanceOf(Linear.class);
    }

    @Test
    void trainAndEvalReachEveryModule() {
        Model m = new Model();
        assertThat(m.modules()).allMatch(Module::training);
        m.eval();
        assertThat(m.modules()).noneMatch(Module::training);
        m.train(true);
        assertThat(m.modules()).allMatch(Module::training);
    }

    @Test
    void setDtypeCastsFloatingParametersOnly() {
        Model m = new Model();
        m.setDtype(DType.BFLOAT16);
        assertThat(Tree.flatten(m.parameters()).values()).allMatch(a -> a.dtype() == DType.BFLOAT16);
        assertThat(new Model().apply(a -> a.multiply(0.0)).parameters()).isNotNull();
    }

    @Test
    void weightsRoundTripThroughSafetensorsAndNpz(@TempDir Path dir) {
        for (String name : List.of("w.safetensors", "w.npz")) {
            Model a = new Model();
            Path file = dir.resolve(name);
            a.saveWeights(file);
            Model b = new Model();
            b.loadWeights(file, true);
            Map<String, Array> fa = Tree.flatten(a.parameters()), fb = Tree.flatten(b.parameters());
            fa.forEach((k, v) -> assertThat(fb.get(k).toFloatArray()).as(k).containsExactly(v.toFloatArray()));
        }
        assertThatThrownBy(() -> new Model().saveWeights(dir.resolve("w.bin")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".safetensors");
    }

    @Test
    void strictLoadingNamesTheMissingExtraOrMismatchedKey() {
        Map<String, Array> good = Tree.flatten(new Model().parameters());
        Map<String, Array> missing = new java.util.LinkedHashMap<>(good);
        missing.remove("layers.1.norm.weight");
        assertThatThrownBy(() -> new Model().loadWeights(missing, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing").hasMessageContaining("layers.1.norm.weight");
        Map<String, Array> extra = new java.util.LinkedHashMap<>(good);
        extra.put("head.weight", Mx.zeros(new int[] {1}, DType.FLOAT32));
        assertThatThrownBy(() -> new Model().loadWeights(extra, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head.weight");
        Map<String, Array> shape = new java.util.LinkedHashMap<>(good);
        shape.put("embed.weight", Mx.zeros(new int[] {10, 5}, DType.FLOAT32));
        assertThatThrownBy(() -> new Model().loadWeights(shape, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embed.weight").hasMessageContaining("[10, 5]");
        Map<String, Array> dtype = new java.util.LinkedHashMap<>(good);
        dtype.put("embed.weight", Mx.zeros(new int[] {10, 4}, DType.INT32));
        assertThatThrownBy(() -> new Model().loadWeights(dtype, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embed.weight").hasMessageContaining("INT32");
        Model partial = new Model();
        partial.loadWeights(Map.of("embed.weight", Mx.ones(new int[] {10, 4}, DType.FLOAT32)), false);
        assertThat(Tree.flatten(partial.parameters()).get("embed.weight").toFloatArray()).containsOnly(1f);
    }

    @Test
    void aModuleIsATreeForEval() {
        Model m = new Model();
        Mx.eval(m);
        assertThat(Tree.flatten(m).keySet()).contains("embed.weight");
    }

    @Test
    void sequentialRejectsLayersWithSeveralInputs() {
        assertThatThrownBy(() -> new Sequential(new Linear(2, 2, true), new Bilinear(2, 2, 2, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Bilinear");
    }

    @Test
    void toStringShowsTheSettingsAndChildren() {
        String s = new Sequential(new Linear(4, 8, true), new ReLU()).toString();
        assertThat(s).contains("Sequential(").contains("(layers.0): Linear(input_dims=4, output_dims=8, bias=true)")
                .contains("(layers.1): ReLU()");
    }
}
