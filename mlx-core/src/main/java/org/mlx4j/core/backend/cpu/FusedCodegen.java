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
import java.util.Map;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.mlx4j.core.DType;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.UnaryOp;
import org.mlx4j.core.primitives.AsType;
import org.mlx4j.core.primitives.Binary;
import org.mlx4j.core.primitives.Compiled;
import org.mlx4j.core.primitives.Unary;
import org.mlx4j.core.primitives.Where;

/**
 * Generates a {@link FusedKernel} class for a float32 or float64 {@link Compiled} program with the JDK
 * ClassFile API, defined as a hidden class (unloadable once nothing references it).
 *
 * <p>The generated {@code run} is one method holding the whole loop: contiguous inputs are loaded with
 * {@code fromMemorySegment}, scalar inputs are broadcast once before the loop, each instruction is a
 * {@code lanewise}, {@code compare}, {@code test} or {@code blend} call (booleans live in
 * {@code VectorMask}s), and the result is stored with {@code intoMemorySegment}; the tail is one masked
 * iteration. No helper method takes or returns a vector, so once the JIT compiles {@code run} every vector
 * stays in registers. Formulas match the unfused kernels ({@link UnaryFloat32}, {@link UnaryFloat64}), so
 * fused and unfused results agree.
 *
 * <p>Programs with other dtypes (float16, bfloat16, integers, boolean inputs or outputs) or ops without a
 * vector form here (floor, erf, remainder, ...) run on {@link FusedInterpreter} instead.
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

    /** True when {@code c} runs as a generated class: float32/float64 values (and masks) and supported ops. */
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

    private static boolean supported(Compiled c, Compiled.Instr ins, DType t) {
        boolean vec0 = c.typeOf(ins.arg(0)) == t;
        boolean toVec = ins.dtype() == t;
        return switch (ins.op()) {
            case Unary u -> switch (u.op()) {
                case ISNAN, ISINF, ISFINITE -> vec0;
                case LOGICAL_NOT -> true;
                default -> toVec && vec0 && unaryOperator(u.op()) != null;
            };
            case Binary b -> {
                boolean vec1 = c.typeOf(ins.arg(1)) == t;
                if (toVec) yield vec0 && vec1 && binaryOperator(b.op()) != null;
                if (b.op() == BinaryOp.LOGICAL_AND || b.op() == BinaryOp.LOGICAL_OR) yield !vec0 && !vec1;
                yield vec0 && vec1 && comparison(b.op()) != null;
            }
            case Where w -> !vec0 && toVec;
            case AsType a -> vec0 != toVec;
            default -> false;
        };
    }

    /** The Vector API operator of a unary op, or a marker for ops composed here; null if unsupported. */
    private static String unaryOperator(UnaryOp op) {
        return switch (op) {
            case ABS -> "ABS";
            case NEGATIVE -> "NEG";
            case SQRT -> "SQRT";
            case EXP -> "EXP";
            case EXPM1 -> "EXPM1";
            case LOG -> "LOG";
            case LOG10 -> "LOG10";
            case LOG1P -> "LOG1P";
            case SIN -> "SIN";
            case COS -> "COS";
            case TAN -> "TAN";
            case ARCSIN -> "ASIN";
            case ARCCOS -> "ACOS";
            case ARCTAN -> "ATAN";
            case SINH -> "SINH";
            case COSH -> "COSH";
            case TANH -> "TANH";
            case SQUARE, RECIPROCAL, RSQRT, SIGMOID, SIGN -> "composed";
            default -> null;
        };
    }

    private static String binaryOperator(BinaryOp op) {
        return switch (op) {
            case ADD -> "ADD";
            case SUBTRACT -> "SUB";
            case MULTIPLY -> "MUL";
            case DIVIDE -> "DIV";
            case MAXIMUM -> "MAX";
            case MINIMUM -> "MIN";
            case POWER -> "POW";
            case ARCTAN2 -> "ATAN2";
            default -> null;
        };
    }

    private static String comparison(BinaryOp op) {
        return switch (op) {
            case EQUAL -> "EQ";
            case NOT_EQUAL -> "NE";
            case LESS -> "LT";
            case LESS_EQUAL -> "LE";
            case GREATER -> "GT";
            case GREATER_EQUAL -> "GE";
            default -> null;
        };
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
            for (double k : new double[] {0, 1, -1}) {
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
            switch (ins.op()) {
                case Unary u -> unary(u.op(), x, vec0);
                case Binary b -> {
                    Runnable y = value(ins.arg(1));
                    if (ins.dtype() == lane.dtype) bin(binaryOperator(b.op()), x, y);
                    else if (b.op() == BinaryOp.LOGICAL_AND) maskOp("and", x, y);
                    else if (b.op() == BinaryOp.LOGICAL_OR) maskOp("or", x, y);
                    else cmp(comparison(b.op()), x, y);
                }
                case Where w -> blend(value(ins.arg(2)), value(ins.arg(1)), x); // cond ? x : y = y.blend(x, cond)
                case AsType a -> {
                    if (vec0) cmp("NE", x, konst(0)); // to bool: non-zero (NaN included) is true
                    else blend(konst(0), konst(1), x);
                }
                default -> throw new IllegalStateException("FusedCodegen: " + ins);
            }
        }

        private void unary(UnaryOp op, Runnable x, boolean vecArg) {
            Runnable zero = konst(0), one = konst(1);
            switch (op) {
                case ISNAN -> test("IS_NAN", x);
                case ISINF -> test("IS_INFINITE", x);
                case ISFINITE -> test("IS_FINITE", x);
                case LOGICAL_NOT -> {
                    if (vecArg) cmp("EQ", x, zero);
                    else { x.run(); code.invokevirtual(CD_MASK, "not", MethodTypeDesc.of(CD_MASK)); }
                }
                case SQUARE -> bin("MUL", x, x);
                case RECIPROCAL -> bin("DIV", one, x);
                case RSQRT -> bin("DIV", one, () -> un("SQRT", x));
                case SIGMOID -> { // as UnaryFloat32: e = exp(-|x|), q = 1/(1+e), x < 0 ? e*q : q
                    Runnable e = temp(() -> un("EXP", () -> un("NEG", () -> un("ABS", x))));
                    Runnable q = temp(() -> bin("DIV", one, () -> bin("ADD", e, one)));
                    blend(q, () -> bin("MUL", e, q), () -> cmp("LT", x, zero));
                }
                case SIGN -> // 0, then 1 where x > 0, -1 where x < 0 (NaN gives 0, as MLX's (x > 0) - (x < 0))
                        blend(() -> blend(zero, one, () -> cmp("GT", x, zero)), konst(-1), () -> cmp("LT", x, zero));
                default -> un(unaryOperator(op), x);
            }
        }

        private Runnable value(int v) { return () -> code.aload(valueSlot[v]); }

        private Runnable konst(double k) {
            int slot = constSlot.get(k);
            return () -> code.aload(slot);
        }

        /** Evaluates {@code r} once into a fresh local and returns a loader of it. */
        private Runnable temp(Runnable r) {
            int slot = code.allocateLocal(TypeKind.REFERENCE);
            r.run();
            code.astore(slot);
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
