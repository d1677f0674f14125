package org.mlx4j.core.io;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.mlx4j.core.Array;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.graph.BinaryOp;
import org.mlx4j.core.graph.ReduceOp;
import org.mlx4j.core.graph.UnaryOp;
import org.mlx4j.core.primitives.ArgReduce;
import org.mlx4j.core.primitives.AsType;
import org.mlx4j.core.primitives.Binary;
import org.mlx4j.core.primitives.BroadcastTo;
import org.mlx4j.core.primitives.Concatenate;
import org.mlx4j.core.primitives.Copy;
import org.mlx4j.core.primitives.Matmul;
import org.mlx4j.core.primitives.Primitive;
import org.mlx4j.core.primitives.Reduce;
import org.mlx4j.core.primitives.Reshape;
import org.mlx4j.core.primitives.Softmax;
import org.mlx4j.core.primitives.StopGradient;
import org.mlx4j.core.primitives.Transpose;
import org.mlx4j.core.primitives.Unary;
import org.mlx4j.core.primitives.Where;

/**
 * The MLX primitives an {@code .mlxfn} file may hold that mlx4j has, each with its name in the file, how MLX
 * serialises its state (the values of its {@code state()}, in order: integers and enums as int32, bools as one
 * byte, shapes and axis lists as a uint64 count and int32s, a dtype as int32 and uint8 size), the mlx4j op that
 * rebuilds it on import, and the mapping from an mlx4j primitive on export.
 *
 * <p>Enum numbers as MLX defines them: {@code Log::Base} two 0, ten 1, e 2; {@code Reduce::ReduceType} And 0, Or 1,
 * Sum 2, Prod 3, Min 4, Max 5; {@code ArgReduce::ReduceType} ArgMin 0, ArgMax 1; {@code BitwiseBinary::Op} And 0,
 * Or 1, Xor 2, LeftShift 3, RightShift 4.
 */
final class MlxfnOps {
    private MlxfnOps() {}

    /** Reads a primitive's state from the file. */
    interface StateReader {
        Object read(LittleEndianCursor c, String what) throws IOException;
    }

    /** Builds the op over its inputs from its state. */
    interface Builder {
        Array build(List<Array> inputs, Object state);
    }

    /** One importable primitive: its name, its number of inputs (-1: any), its state and how it is rebuilt. */
    record ImportOp(String name, int arity, StateReader state, Builder builder) {}

    /** An exported primitive: its name in the file and its state's bytes. */
    record ExportOp(String name, byte[] state) {}

    private record Elementwise1(String mlx, UnaryOp op, UnaryOperator<Array> fn) {}

    private record Elementwise2(String mlx, BinaryOp op, BinaryOperator<Array> fn) {}

    private static final List<Elementwise1> UNARY = List.of(
            new Elementwise1("Abs", UnaryOp.ABS, Mx::abs), new Elementwise1("Negative", UnaryOp.NEGATIVE, Mx::negative),
            new Elementwise1("Sign", UnaryOp.SIGN, Mx::sign), new Elementwise1("Square", UnaryOp.SQUARE, Mx::square),
            new Elementwise1("Exp", UnaryOp.EXP, Mx::exp), new Elementwise1("Expm1", UnaryOp.EXPM1, Mx::expm1),
            new Elementwise1("Log1p", UnaryOp.LOG1P, Mx::log1p), new Elementwise1("Sin", UnaryOp.SIN, Mx::sin),
            new Elementwise1("Cos", UnaryOp.COS, Mx::cos), new Elementwise1("Tan", UnaryOp.TAN, Mx::tan),
            new Elementwise1("ArcSin", UnaryOp.ARCSIN, Mx::arcsin), new Elementwise1("ArcCos", UnaryOp.ARCCOS, Mx::arccos),
            new Elementwise1("ArcTan", UnaryOp.ARCTAN, Mx::arctan), new Elementwise1("Sinh", UnaryOp.SINH, Mx::sinh),
            new Elementwise1("Cosh", UnaryOp.COSH, Mx::cosh), new Elementwise1("Tanh", UnaryOp.TANH, Mx::tanh),
            new Elementwise1("ArcSinh", UnaryOp.ARCSINH, Mx::arcsinh), new Elementwise1("ArcCosh", UnaryOp.ARCCOSH, Mx::arccosh),
            new Elementwise1("ArcTanh", UnaryOp.ARCTANH, Mx::arctanh), new Elementwise1("Floor", UnaryOp.FLOOR, Mx::floor),
            new Elementwise1("Ceil", UnaryOp.CEIL, Mx::ceil), new Elementwise1("Round", UnaryOp.ROUND, Mx::round),
            new Elementwise1("Erf", UnaryOp.ERF, Mx::erf), new Elementwise1("ErfInv", UnaryOp.ERFINV, Mx::erfinv),
            new Elementwise1("Sigmoid", UnaryOp.SIGMOID, Mx::sigmoid), new Elementwise1("LogicalNot", UnaryOp.LOGICAL_NOT, Mx::logicalNot),
            new Elementwise1("Real", UnaryOp.REAL, Mx::real), new Elementwise1("Imag", UnaryOp.IMAG, Mx::imag),
            new Elementwise1("Conjugate", UnaryOp.CONJUGATE, Mx::conjugate));

    private static final List<Elementwise2> BINARY = List.of(
            new Elementwise2("Add", BinaryOp.ADD, Mx::add), new Elementwise2("Subtract", BinaryOp.SUBTRACT, Mx::subtract),
            new Elementwise2("Multiply", BinaryOp.MULTIPLY, Mx::multiply), new Elementwise2("Divide", BinaryOp.DIVIDE, Mx::divide),
            new Elementwise2("Remainder", BinaryOp.REMAINDER, Mx::remainder), new Elementwise2("Power", BinaryOp.POWER, Mx::power),
            new Elementwise2("Maximum", BinaryOp.MAXIMUM, Mx::maximum), new Elementwise2("Minimum", BinaryOp.MINIMUM, Mx::minimum),
            new Elementwise2("NotEqual", BinaryOp.NOT_EQUAL, Mx::notEqual), new Elementwise2("Less", BinaryOp.LESS, Mx::less),
            new Elementwise2("LessEqual", BinaryOp.LESS_EQUAL, Mx::lessEqual), new Elementwise2("Greater", BinaryOp.GREATER, Mx::greater),
            new Elementwise2("GreaterEqual", BinaryOp.GREATER_EQUAL, Mx::greaterEqual),
            new Elementwise2("LogicalAnd", BinaryOp.LOGICAL_AND, Mx::logicalAnd), new Elementwise2("LogicalOr", BinaryOp.LOGICAL_OR, Mx::logicalOr),
            new Elementwise2("ArcTan2", BinaryOp.ARCTAN2, Mx::arctan2), new Elementwise2("LogAddExp", BinaryOp.LOGADDEXP, Mx::logaddexp));

    private static final List<UnaryOp> LOG_BASES = List.of(UnaryOp.LOG2, UnaryOp.LOG10, UnaryOp.LOG);
    private static final List<ReduceOp> REDUCE_TYPES = List.of(ReduceOp.ALL, ReduceOp.ANY, ReduceOp.SUM, ReduceOp.PROD, ReduceOp.MIN, ReduceOp.MAX);
    private static final List<BinaryOp> BITWISE = List.of(BinaryOp.BITWISE_AND, BinaryOp.BITWISE_OR, BinaryOp.BITWISE_XOR, BinaryOp.LEFT_SHIFT,
            BinaryOp.RIGHT_SHIFT);

    private static final StateReader NONE = (c, w) -> null;
    private static final StateReader INTS = (c, w) -> MlxfnFormat.readInts(c, w);
    private static final StateReader INT = (c, w) -> c.u32(w);
    private static final StateReader BOOL = (c, w) -> c.bool(w);

    private static final Map<String, ImportOp> IMPORTS = imports();

    private static Map<String, ImportOp> imports() {
        Map<String, ImportOp> m = new LinkedHashMap<>();
        for (Elementwise1 e : UNARY) m.put(e.mlx(), new ImportOp(e.mlx(), 1, NONE, (in, s) -> e.fn().apply(in.get(0))));
        for (Elementwise2 e : BINARY) m.put(e.mlx(), new ImportOp(e.mlx(), 2, NONE, (in, s) -> e.fn().apply(in.get(0), in.get(1))));
        List<ImportOp> ops = List.of(
                new ImportOp("Equal", 2, BOOL, (in, s) -> (Boolean) s ? Mx.logicalOr(Mx.equal(in.get(0), in.get(1)),
                        Mx.logicalAnd(Mx.isnan(in.get(0)), Mx.isnan(in.get(1)))) : Mx.equal(in.get(0), in.get(1))),
                new ImportOp("Log", 1, (c, w) -> enumValue(c, w, 3), (in, s) -> switch ((Integer) s) {
                    case 0 -> Mx.log2(in.get(0));
                    case 1 -> Mx.log10(in.get(0));
                    default -> Mx.log(in.get(0));
                }),
                new ImportOp("Sqrt", 1, BOOL, (in, s) -> (Boolean) s ? Mx.rsqrt(in.get(0)) : Mx.sqrt(in.get(0))),
                new ImportOp("BitwiseBinary", 2, (c, w) -> enumValue(c, w, BITWISE.size()), (in, s) -> bitwise(BITWISE.get((Integer) s), in.get(0), in.get(1))),
                new ImportOp("Reduce", 1, (c, w) -> new Object[] {enumValue(c, w, REDUCE_TYPES.size()), MlxfnFormat.readInts(c, w)},
                        (in, s) -> reduce(REDUCE_TYPES.get((Integer) ((Object[]) s)[0]), in.get(0), (int[]) ((Object[]) s)[1])),
                new ImportOp("ArgReduce", 1, (c, w) -> new int[] {enumValue(c, w, 2), c.u32(w)},
                        (in, s) -> ((int[]) s)[0] == 1 ? Mx.argmax(in.get(0), ((int[]) s)[1], true) : Mx.argmin(in.get(0), ((int[]) s)[1], true)),
                new ImportOp("Softmax", 1, BOOL, (in, s) -> Mx.softmax(in.get(0), -1)),
                new ImportOp("Matmul", 2, NONE, (in, s) -> Mx.matmul(in.get(0), in.get(1))),
                new ImportOp("Broadcast", 1, INTS, (in, s) -> Mx.broadcastTo(in.get(0), (int[]) s)),
                new ImportOp("Reshape", 1, INTS, (in, s) -> Mx.reshape(in.get(0), (int[]) s)),
                new ImportOp("Transpose", 1, INTS, (in, s) -> Mx.transpose(in.get(0), (int[]) s)),
                new ImportOp("Squeeze", 1, INTS, (in, s) -> Mx.squeeze(in.get(0), (int[]) s)),
                new ImportOp("ExpandDims", 1, INTS, (in, s) -> Mx.expandDims(in.get(0), (int[]) s)),
                new ImportOp("AsType", 1, (c, w) -> MlxfnFormat.readDtype(c, w), (in, s) -> in.get(0).astype((DType) s)),
                new ImportOp("Select", 3, NONE, (in, s) -> Mx.where(in.get(0), in.get(1), in.get(2))),
                new ImportOp("Concatenate", -1, INT, (in, s) -> Mx.concatenate(in, (Integer) s)),
                new ImportOp("Copy", 1, NONE, (in, s) -> Mx.copy(in.get(0))),
                new ImportOp("StopGradient", 1, NONE, (in, s) -> Mx.stopGradient(in.get(0))));
        for (ImportOp o : ops) m.put(o.name(), o);
        return m;
    }

    /** The import op of MLX primitive {@code name}, or null if mlx4j has none. */
    static ImportOp importOp(String name) {
        return IMPORTS.get(name);
    }

    static String importable() {
        return String.join(", ", IMPORTS.keySet());
    }

    private static int enumValue(LittleEndianCursor c, String what, int count) throws IOException {
        int v = c.u32(what);
        if (v < 0 || v >= count) throw new IOException("corrupt .mlxfn file: " + what + " holds the enum value " + v + " (valid: 0 to " + (count - 1) + ")");
        return v;
    }

    private static Array reduce(ReduceOp op, Array a, int[] axes) {
        return switch (op) {
            case SUM -> Mx.sum(a, axes, true);
            case PROD -> Mx.prod(a, axes, true);
            case MAX -> Mx.max(a, axes, true);
            case MIN -> Mx.min(a, axes, true);
            case ALL -> Mx.all(a, axes, true);
            case ANY -> Mx.any(a, axes, true);
        };
    }

    private static Array bitwise(BinaryOp op, Array a, Array b) {
        return switch (op) {
            case BITWISE_AND -> Mx.bitwiseAnd(a, b);
            case BITWISE_OR -> Mx.bitwiseOr(a, b);
            case BITWISE_XOR -> Mx.bitwiseXor(a, b);
            case LEFT_SHIFT -> Mx.leftShift(a, b);
            default -> Mx.rightShift(a, b);
        };
    }

    /** The MLX name and state of an mlx4j primitive, or null if MLX's format has no such primitive. */
    static ExportOp exportOp(Primitive p) {
        LittleEndianWriter s = new LittleEndianWriter();
        String name = switch (p) {
            case Unary u when u.op() == UnaryOp.SQRT || u.op() == UnaryOp.RSQRT -> {
                s.u8(u.op() == UnaryOp.RSQRT ? 1 : 0);
                yield "Sqrt";
            }
            case Unary u when LOG_BASES.contains(u.op()) -> {
                s.u32(LOG_BASES.indexOf(u.op()));
                yield "Log";
            }
            case Unary u -> UNARY.stream().filter(e -> e.op() == u.op()).map(Elementwise1::mlx).findFirst().orElse(null);
            case Binary b when b.op() == BinaryOp.EQUAL -> {
                s.u8(0);
                yield "Equal";
            }
            case Binary b when BITWISE.contains(b.op()) -> {
                s.u32(BITWISE.indexOf(b.op()));
                yield "BitwiseBinary";
            }
            case Binary b -> BINARY.stream().filter(e -> e.op() == b.op()).map(Elementwise2::mlx).findFirst().orElse(null);
            case Reduce r -> {
                s.u32(REDUCE_TYPES.indexOf(r.op()));
                MlxfnFormat.writeInts(s, r.axes());
                yield "Reduce";
            }
            case ArgReduce r -> {
                s.u32(r.isMax() ? 1 : 0);
                s.u32(r.axis());
                yield "ArgReduce";
            }
            case Softmax x -> {
                s.u8(0);
                yield "Softmax";
            }
            case Matmul x -> "Matmul";
            case BroadcastTo b -> {
                MlxfnFormat.writeInts(s, b.shape());
                yield "Broadcast";
            }
            case Reshape r -> {
                MlxfnFormat.writeInts(s, r.shape());
                yield "Reshape";
            }
            case Transpose t -> {
                MlxfnFormat.writeInts(s, t.axes());
                yield "Transpose";
            }
            case AsType t -> {
                MlxfnFormat.writeDtype(s, t.dtype());
                yield "AsType";
            }
            case Where w -> "Select";
            case Concatenate c -> {
                s.u32(c.axis());
                yield "Concatenate";
            }
            case Copy c -> "Copy";
            case StopGradient g -> "StopGradient";
            default -> null;
        };
        return name == null ? null : new ExportOp(name, s.toByteArray());
    }

    static String exportable() {
        return Arrays.stream(new String[] {"Unary (" + UNARY.stream().map(e -> e.op().opName()).collect(Collectors.joining(", "))
                + ", sqrt, rsqrt, log, log2, log10)", "Binary (" + BINARY.stream().map(e -> e.op().opName()).collect(Collectors.joining(", "))
                + ", equal, bitwise ops)", "Reduce", "ArgReduce", "Softmax", "Matmul", "BroadcastTo", "Reshape", "Transpose", "AsType", "Where",
                "Concatenate", "Copy", "StopGradient"}).collect(Collectors.joining(", "));
    }
}
