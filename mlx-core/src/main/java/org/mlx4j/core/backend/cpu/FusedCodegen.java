package org.mlx4j.core.backend.cpu;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static java.lang.constant.ConstantDescs.INIT_NAME;
import static java.lang.constant.ConstantDescs.MTD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.Elementwise;
import org.mlx4j.core.graph.LaneFormula;
import org.mlx4j.core.primitives.Compiled;

/**
 * Generates a {@link FusedKernel} class for a float32 or float64 {@link Compiled} program with the JDK
 * ClassFile API, defined as a hidden class (unloadable once nothing references it).
 *
 * <p>The generated {@code run} is one method holding the whole loop: contiguous inputs are loaded with
 * {@code fromMemorySegment}, scalar inputs are broadcast once before the loop, each unary or binary op is
 * emitted from its {@link LaneFormula} (the op's description), one {@code lanewise}, {@code compare},
 * {@code test}, {@code blend} or mask call per formula node (booleans live in {@code VectorMask}s; a node
 * used twice is stored in a local once), and the result is stored with {@code intoMemorySegment}; the tail
 * is one masked iteration. No helper method takes or returns a vector, so once the JIT compiles {@code run}
 * every vector stays in registers. The formulas are those of the unfused vector loops, so fused and unfused
 * results agree (checked for every op).
 *
 * <p>Programs with other dtypes (float16, bfloat16, integers, boolean inputs or outputs) or ops without a
 * formula run on {@link FusedInterpreter} instead.
 */
final class FusedCodegen {
    private FusedCodegen() {}

    /** The vector family a program computes in. */
    private enum Lane {
        F32(DType.FLOAT32, FloatVector.class, float.class, "JAVA_FLOAT_UNALIGNED", ValueLayout.OfFloat.class, 2,
                FloatVector.SPECIES_PREFERRED.length()),
        F64(DType.FLOAT64, DoubleVector.class, double.class, "JAVA_DOUBLE_UNALIGNED", ValueLayout.OfDouble.class, 3,
                DoubleVector.SPECIES_PREFERRED.length());

        final DType dtype;
        final ClassDesc vec;
        final ClassDesc elem;
        final String layoutField;
        final ClassDesc layout;
        final int shift;
        final int lanes;

        Lane(DType dtype, Class<?> vec, Class<?> elem, String layoutField, Class<?> layout, int shift, int lanes) {
            this.dtype = dtype;
            this.vec = desc(vec);
            this.elem = desc(elem);
            this.layoutField = layoutField;
            this.layout = desc(layout);
            this.shift = shift;
            this.lanes = lanes;
        }
    }

    private static final ClassDesc CD_KERNEL = desc(FusedKernel.class);
    private static final ClassDesc CD_SEGMENT = desc(MemorySegment.class);
    private static final ClassDesc CD_VALUE_LAYOUT = desc(ValueLayout.class);
    private static final ClassDesc CD_BYTE_ORDER = desc(ByteOrder.class);
    private static final ClassDesc CD_VECTOR = desc(Vector.class);
    private static final ClassDesc CD_MASK = desc(VectorMask.class);
    private static final ClassDesc CD_SPECIES = desc(VectorSpecies.class);
    private static final ClassDesc CD_OPERATORS = desc(VectorOperators.class);
    private static final MethodTypeDesc MTD_RUN = MethodTypeDesc.of(CD_void, desc(MemorySegment[].class), desc(long[].class),
            CD_SEGMENT, CD_long, CD_long);

    private static ClassDesc desc(Class<?> c) { return c.describeConstable().orElseThrow(); }

    /** True when {@code c} runs as a generated class: float32/float64 values (and masks) and ops with a vector formula. */
    static boolean supports(Compiled c) {
        Lane lane = lane(c);
        if (lane == null) return false;
        for (int j = 0; j < c.instrs().size(); j++) if (!supported(c, c.instrs().get(j), lane.dtype)) return false;
        return true;
    }

    private static Lane lane(Compiled c) {
        DType t = c.outputType();
        Lane lane = t == DType.FLOAT32 ? Lane.F32 : t == DType.FLOAT64 ? Lane.F64 : null;
        if (lane == null) return null;
        for (DType in : c.inputTypes()) if (in != t) return null;
        for (Compiled.Instr i : c.instrs()) if (i.dtype() != t && i.dtype() != DType.BOOL) return null;
        return lane;
    }

    /** What a value is in generated code: a vector of the lane type, or a mask (a bool value). */
    private enum Kind { VEC, MASK }

    private static Kind[] argKinds(Compiled c, Compiled.Instr ins, DType t) {
        Kind[] args = new Kind[ins.args().length];
        for (int k = 0; k < args.length; k++) args[k] = c.typeOf(ins.arg(k)) == t ? Kind.VEC : Kind.MASK;
        return args;
    }

    private static boolean supported(Compiled c, Compiled.Instr ins, DType t) {
        Kind out = ins.dtype() == t ? Kind.VEC : Kind.MASK;
        Kind[] args = argKinds(c, ins, t);
        return switch (Elementwise.require(ins.op())) {
            case Elementwise.OfUnary u -> u.op().formula() != null && kind(u.op().formula(), args) == out;
            case Elementwise.OfBinary b -> b.op().formula() != null && kind(b.op().formula(), args) == out;
            case Elementwise.Select s -> args[0] == Kind.MASK && args[1] == Kind.VEC && args[2] == Kind.VEC && out == Kind.VEC;
            case Elementwise.Convert v -> args[0] != out;
        };
    }

    /** The kind a formula produces given its operands' kinds, or null when it does not type-check. */
    private static Kind kind(LaneFormula f, Kind[] args) {
        return switch (f) {
            case LaneFormula.Arg a -> a.index() < args.length ? args[a.index()] : null;
            case LaneFormula.Const k -> Kind.VEC;
            case LaneFormula.Lanewise l -> kind(l.a(), args) == Kind.VEC ? Kind.VEC : null;
            case LaneFormula.Lanewise2 l -> kind(l.a(), args) == Kind.VEC && kind(l.b(), args) == Kind.VEC ? Kind.VEC : null;
            case LaneFormula.Compare m -> kind(m.a(), args) == Kind.VEC && kind(m.b(), args) == Kind.VEC ? Kind.MASK : null;
            case LaneFormula.Test m -> kind(m.a(), args) == Kind.VEC ? Kind.MASK : null;
            case LaneFormula.Blend m -> kind(m.base(), args) == Kind.VEC && kind(m.other(), args) == Kind.VEC
                    && kind(m.mask(), args) == Kind.MASK ? Kind.VEC : null;
            case LaneFormula.Truth m -> kind(m.a(), args) != null ? Kind.MASK : null;
            case LaneFormula.MaskOp m -> kind(m.a(), args) == Kind.MASK
                    && (m.b() == null || kind(m.b(), args) == Kind.MASK) ? Kind.MASK : null;
        };
    }

    private static java.util.List<LaneFormula> children(LaneFormula f) {
        return switch (f) {
            case LaneFormula.Arg a -> java.util.List.of();
            case LaneFormula.Const k -> java.util.List.of();
            case LaneFormula.Lanewise l -> java.util.List.of(l.a());
            case LaneFormula.Lanewise2 l -> java.util.List.of(l.a(), l.b());
            case LaneFormula.Compare m -> java.util.List.of(m.a(), m.b());
            case LaneFormula.Test m -> java.util.List.of(m.a());
            case LaneFormula.Blend m -> java.util.List.of(m.base(), m.other(), m.mask());
            case LaneFormula.Truth m -> java.util.List.of(m.a());
            case LaneFormula.MaskOp m -> m.b() == null ? java.util.List.of(m.a()) : java.util.List.of(m.a(), m.b());
        };
    }

    private static void collectConstants(LaneFormula f, java.util.Set<Double> out) {
        if (f instanceof LaneFormula.Const k) out.add(k.value());
        for (LaneFormula child : children(f)) collectConstants(child, out);
    }

    /** Bytecode size above which HotSpot never JIT-compiles a method (and Vector API code interpreted is slow). */
    private static final int HUGE_METHOD = 8000;

    /**
     * A new instance of the generated kernel for {@code c} with the given scalar inputs, or null when its
     * loop would be too big for the JIT to compile (very long chains), so the caller interprets instead.
     */
    static FusedKernel generate(Compiled c, boolean[] scalar) {
        Lane lane = lane(c);
        if (lane == null || !supports(c)) throw new IllegalArgumentException("FusedCodegen: no vector form for " + c);
        byte[] bytes = ClassFile.of().build(ClassDesc.of(FusedCodegen.class.getPackageName() + ".FusedLoop"), cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withInterfaceSymbols(CD_KERNEL);
            cb.withMethodBody(INIT_NAME, MTD_void, ClassFile.ACC_PUBLIC,
                    code -> code.aload(0).invokespecial(CD_Object, INIT_NAME, MTD_void).return_());
            cb.withMethodBody("run", MTD_RUN, ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL,
                    code -> new Emitter(code, c, scalar, lane).emit());
        });
        int size = ClassFile.of().parse(bytes).methods().stream().filter(m -> m.methodName().equalsString("run"))
                .mapToInt(m -> m.findAttribute(java.lang.classfile.Attributes.code()).map(a -> a.codeLength()).orElse(0)).sum();
        if (size > HUGE_METHOD) return null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return (FusedKernel) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("FusedCodegen: could not define the kernel class for " + c, e);
        }
    }

    /** Writes the body of {@code run(MemorySegment[] in, long[] off, MemorySegment out, long outOff, long n)}. */
    private static final class Emitter {
        private static final int IN = 1, OFF = 2, OUT = 3, OUT_OFF = 4, COUNT = 6;

        private final CodeBuilder code;
        private final Compiled c;
        private final boolean[] scalar;
        private final Lane lane;
        private final int[] valueSlot;
        private final int[] segSlot;
        private final int[] offSlot;
        private final Map<Double, Integer> constSlot = new HashMap<>();
        private int order, index, upper, mask;

        Emitter(CodeBuilder code, Compiled c, boolean[] scalar, Lane lane) {
            this.code = code;
            this.c = c;
            this.scalar = scalar;
            this.lane = lane;
            this.valueSlot = new int[c.numInputs() + c.instrs().size()];
            this.segSlot = new int[c.numInputs()];
            this.offSlot = new int[c.numInputs()];
        }

        void emit() {
            order = code.allocateLocal(TypeKind.REFERENCE);
            code.invokestatic(CD_BYTE_ORDER, "nativeOrder", MethodTypeDesc.of(CD_BYTE_ORDER)).astore(order);
            for (int v = 0; v < valueSlot.length; v++) valueSlot[v] = code.allocateLocal(TypeKind.REFERENCE);
            for (int j = 0; j < c.numInputs(); j++) {
                if (scalar[j]) { // broadcast once: vec = Vec.broadcast(S, in[j].get(LAYOUT, off[j]))
                    species();
                    code.aload(IN).loadConstant(j).aaload();
                    code.getstatic(CD_VALUE_LAYOUT, lane.layoutField, lane.layout);
                    code.aload(OFF).loadConstant(j).laload();
                    code.invokeinterface(CD_SEGMENT, "get", MethodTypeDesc.of(lane.elem, lane.layout, CD_long));
                    code.invokestatic(lane.vec, "broadcast", MethodTypeDesc.of(lane.vec, CD_SPECIES, lane.elem));
                    code.astore(valueSlot[j]);
                } else {
                    segSlot[j] = code.allocateLocal(TypeKind.REFERENCE);
                    offSlot[j] = code.allocateLocal(TypeKind.LONG);
                    code.aload(IN).loadConstant(j).aaload().astore(segSlot[j]);
                    code.aload(OFF).loadConstant(j).laload().lstore(offSlot[j]);
                }
            }
            java.util.TreeSet<Double> constants = new java.util.TreeSet<>(java.util.List.of(0.0, 1.0));
            for (Compiled.Instr ins : c.instrs()) {
                LaneFormula f = switch (Elementwise.require(ins.op())) {
                    case Elementwise.OfUnary u -> u.op().formula();
                    case Elementwise.OfBinary b -> b.op().formula();
                    case Elementwise.Select s -> null;
                    case Elementwise.Convert v -> null;
                };
                if (f != null) collectConstants(f, constants);
            }
            for (double k : constants) {
                int slot = code.allocateLocal(TypeKind.REFERENCE);
                species();
                if (lane == Lane.F32) code.loadConstant((float) k); else code.loadConstant(k);
                code.invokestatic(lane.vec, "broadcast", MethodTypeDesc.of(lane.vec, CD_SPECIES, lane.elem)).astore(slot);
                constSlot.put(k, slot);
            }
            upper = code.allocateLocal(TypeKind.LONG);
            index = code.allocateLocal(TypeKind.LONG);
            mask = code.allocateLocal(TypeKind.REFERENCE);
            species();
            code.lload(COUNT).invokeinterface(CD_SPECIES, "loopBound", MethodTypeDesc.of(CD_long, CD_long)).lstore(upper);
            code.loadConstant(0L).lstore(index);
            Label head = code.newLabel(), tail = code.newLabel(), end = code.newLabel();
            code.labelBinding(head);
            code.lload(index).lload(upper).lcmp().ifge(tail);
            body(false);
            code.lload(index).loadConstant((long) lane.lanes).ladd().lstore(index).goto_(head);
            code.labelBinding(tail);
            code.lload(index).lload(COUNT).lcmp().ifge(end);
            species();
            code.lload(index).lload(COUNT)
                    .invokeinterface(CD_SPECIES, "indexInRange", MethodTypeDesc.of(CD_MASK, CD_long, CD_long)).astore(mask);
            body(true);
            code.labelBinding(end);
            code.return_();
        }

        private void species() { code.getstatic(lane.vec, "SPECIES_PREFERRED", CD_SPECIES); }

        /** Pushes {@code base + (index << shift)}. */
        private void byteOffset(int baseSlot) {
            code.lload(baseSlot).lload(index).loadConstant(lane.shift).lshl().ladd();
        }

        private void body(boolean masked) {
            for (int j = 0; j < c.numInputs(); j++) {
                if (scalar[j]) continue;
                species();
                code.aload(segSlot[j]);
                byteOffset(offSlot[j]);
                code.aload(order);
                if (masked) {
                    code.aload(mask).invokestatic(lane.vec, "fromMemorySegment",
                            MethodTypeDesc.of(lane.vec, CD_SPECIES, CD_SEGMENT, CD_long, CD_BYTE_ORDER, CD_MASK));
                } else {
                    code.invokestatic(lane.vec, "fromMemorySegment",
                            MethodTypeDesc.of(lane.vec, CD_SPECIES, CD_SEGMENT, CD_long, CD_BYTE_ORDER));
                }
                code.astore(valueSlot[j]);
            }
            for (int k = 0; k < c.instrs().size(); k++) {
                instr(c.instrs().get(k));
                code.astore(valueSlot[c.numInputs() + k]);
            }
            code.aload(valueSlot[valueSlot.length - 1]).aload(OUT);
            byteOffset(OUT_OFF);
            code.aload(order);
            if (masked) {
                code.aload(mask).invokevirtual(lane.vec, "intoMemorySegment",
                        MethodTypeDesc.of(CD_void, CD_SEGMENT, CD_long, CD_BYTE_ORDER, CD_MASK));
            } else {
                code.invokevirtual(lane.vec, "intoMemorySegment", MethodTypeDesc.of(CD_void, CD_SEGMENT, CD_long, CD_BYTE_ORDER));
            }
        }

        /** Pushes the result of one instruction (a vector, or a mask for BOOL values). */
        private void instr(Compiled.Instr ins) {
            Runnable x = value(ins.arg(0));
            boolean vec0 = c.typeOf(ins.arg(0)) == lane.dtype;
            switch (Elementwise.require(ins.op())) {
                case Elementwise.OfUnary u -> formula(u.op().formula(), ins);
                case Elementwise.OfBinary b -> formula(b.op().formula(), ins);
                case Elementwise.Select s -> blend(value(ins.arg(2)), value(ins.arg(1)), x); // cond ? x : y = y.blend(x, cond)
                case Elementwise.Convert a -> {
                    if (vec0) cmp("NE", x, konst(0)); // to bool: non-zero (NaN included) is true
                    else blend(konst(0), konst(1), x);
                }
            }
        }

        /** Emits an op's formula over the instruction's operands; a node used twice is computed once. */
        private void formula(LaneFormula f, Compiled.Instr ins) {
            IdentityHashMap<LaneFormula, Integer> uses = new IdentityHashMap<>();
            countUses(f, uses);
            new FormulaEmitter(ins, uses).emit(f);
        }

        private static void countUses(LaneFormula f, IdentityHashMap<LaneFormula, Integer> uses) {
            if (uses.merge(f, 1, Integer::sum) > 1) return;
            for (LaneFormula child : children(f)) countUses(child, uses);
        }

        /** Emits one formula, one Vector API call per node; a shared node goes to a fresh local on first use. */
        private final class FormulaEmitter {
            private final Compiled.Instr ins;
            private final Kind[] args;
            private final IdentityHashMap<LaneFormula, Integer> uses;
            private final IdentityHashMap<LaneFormula, Integer> slots = new IdentityHashMap<>();

            FormulaEmitter(Compiled.Instr ins, IdentityHashMap<LaneFormula, Integer> uses) {
                this.ins = ins;
                this.args = argKinds(c, ins, lane.dtype);
                this.uses = uses;
            }

            void emit(LaneFormula f) {
                Integer slot = slots.get(f);
                if (slot != null) { code.aload(slot); return; }
                boolean shared = uses.get(f) > 1 && !(f instanceof LaneFormula.Arg) && !(f instanceof LaneFormula.Const);
                node(f);
                if (shared) {
                    int s = code.allocateLocal(TypeKind.REFERENCE);
                    code.astore(s);
                    slots.put(f, s);
                    code.aload(s);
                }
            }

            private Runnable of(LaneFormula f) { return () -> emit(f); }

            private void node(LaneFormula f) {
                switch (f) {
                    case LaneFormula.Arg a -> code.aload(valueSlot[ins.arg(a.index())]);
                    case LaneFormula.Const k -> konst(k.value()).run();
                    case LaneFormula.Lanewise l -> un(l.op(), of(l.a()));
                    case LaneFormula.Lanewise2 l -> bin(l.op(), of(l.a()), of(l.b()));
                    case LaneFormula.Compare m -> cmp(m.op(), of(m.a()), of(m.b()));
                    case LaneFormula.Test m -> test(m.op(), of(m.a()));
                    case LaneFormula.Blend m -> blend(of(m.base()), of(m.other()), of(m.mask()));
                    case LaneFormula.Truth m -> {
                        if (kind(m.a(), args) == Kind.MASK) emit(m.a());
                        else cmp("NE", of(m.a()), konst(0));
                    }
                    case LaneFormula.MaskOp m -> {
                        if (m.b() == null) {
                            emit(m.a());
                            code.invokevirtual(CD_MASK, m.op(), MethodTypeDesc.of(CD_MASK));
                        } else {
                            maskOp(m.op(), of(m.a()), of(m.b()));
                        }
                    }
                }
            }
        }

        private Runnable value(int v) { return () -> code.aload(valueSlot[v]); }

        private Runnable konst(double k) {
            int slot = constSlot.get(k);
            return () -> code.aload(slot);
        }

        private void operator(String name) {
            try {
                code.getstatic(CD_OPERATORS, name, desc(VectorOperators.class.getField(name).getType()));
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("FusedCodegen: no VectorOperators." + name, e);
            }
        }

        private void un(String op, Runnable x) {
            x.run();
            operator(op);
            code.invokevirtual(lane.vec, "lanewise", MethodTypeDesc.of(lane.vec, desc(VectorOperators.Unary.class)));
        }

        private void bin(String op, Runnable a, Runnable b) {
            a.run();
            operator(op);
            b.run();
            code.invokevirtual(lane.vec, "lanewise", MethodTypeDesc.of(lane.vec, desc(VectorOperators.Binary.class), CD_VECTOR));
        }

        private void cmp(String op, Runnable a, Runnable b) {
            a.run();
            operator(op);
            b.run();
            code.invokevirtual(lane.vec, "compare", MethodTypeDesc.of(CD_MASK, desc(VectorOperators.Comparison.class), CD_VECTOR));
        }

        private void test(String op, Runnable a) {
            a.run();
            operator(op);
            code.invokevirtual(lane.vec, "test", MethodTypeDesc.of(CD_MASK, desc(VectorOperators.Test.class)));
        }

        /** {@code base.blend(other, mask)}: other where the mask is set. */
        private void blend(Runnable base, Runnable other, Runnable m) {
            base.run();
            other.run();
            m.run();
            code.invokevirtual(lane.vec, "blend", MethodTypeDesc.of(lane.vec, CD_VECTOR, CD_MASK));
        }

        private void maskOp(String name, Runnable a, Runnable b) {
            a.run();
            b.run();
            code.invokevirtual(CD_MASK, name, MethodTypeDesc.of(CD_MASK, CD_MASK));
        }
    }
}
