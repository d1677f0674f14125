package org.mlx4j.core.primitives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mlx4j.core.Array;
import org.mlx4j.core.graph.Handles;
import org.mlx4j.core.DType;
import org.mlx4j.core.Mx;
import org.mlx4j.core.VjpResult;

/**
 * A fused element-wise region made by {@code compile}: a straight-line program over the node's inputs,
 * evaluated in one pass that keeps no intermediate array.
 *
 * <p>Value {@code i < inputTypes.size()} is input {@code i}; value {@code inputTypes.size() + j} is the
 * result of instruction {@code j}; the last instruction is the output. Inputs may have any shapes that
 * broadcast (NumPy rules) to the output shape, and are read with that broadcast; every instruction
 * works at the output shape. Instructions are element-wise primitives ({@link Unary}, {@link Binary},
 * {@link Where}, {@link AsType}) whose operands already have the dtypes the primitive expects, exactly
 * as in the graph that was fused. Equal programs are equal records, so kernels are cached by structure
 * (ops and dtypes), never by shape.
 */
public record Compiled(List<DType> inputTypes, List<Instr> instrs) implements Primitive {

    /** One element-wise step: {@code op} applied to earlier values, producing {@code dtype}. */
    public record Instr(Primitive op, int[] args, DType dtype) {
        public Instr {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(dtype, "dtype");
            args = args.clone();
            int arity = switch (op) {
                case Unary u -> 1;
                case AsType a -> 1;
                case Binary b -> 2;
                case Where w -> 3;
                case Reduce _, ArgReduce _, Softmax _, LogSumExp _, Matmul _, Reshape _, Transpose _,
                        BroadcastTo _, Slice _, SliceUpdate _, Concatenate _, Copy _, StopGradient _, Full _,
                        Arange _, DivMod _, Scan _, Sort _, ArgSort _, Partition _, Gather _, Scatter _, Take _,
                        TakeAlongAxis _, PutAlongAxis _, CustomVjp _, Placeholder _, RandomBits _, Compiled _,
                        View _, SearchSorted _, QuantPack _, QuantUnpack _, QuantMatmul _, QuantToFp8 _,
                        Convolution _, Fft _, FastPrimitive _, LinalgFactor _
                        -> throw new IllegalArgumentException("Compiled: " + op.name() + " is not element-wise");
            };
            if (args.length != arity) {
                throw new IllegalArgumentException("Compiled: " + op.name() + " takes " + arity + " operands, got " + args.length);
            }
        }

        @Override
        public int[] args() { return args.clone(); }

        /** Operand {@code k} (a value index), without copying the array. */
        public int arg(int k) { return args[k]; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Instr i && i.op.equals(op) && Arrays.equals(i.args, args) && i.dtype == dtype;
        }

        @Override
        public int hashCode() { return (op.hashCode() * 31 + Arrays.hashCode(args)) * 31 + dtype.hashCode(); }

        @Override
        public String toString() { return op.name() + Arrays.toString(args) + ":" + dtype.mlxName(); }
    }

    public Compiled {
        inputTypes = List.copyOf(inputTypes);
        instrs = List.copyOf(instrs);
        if (instrs.isEmpty()) throw new IllegalArgumentException("Compiled: needs at least one instruction");
        for (int j = 0; j < instrs.size(); j++) {
            for (int a : instrs.get(j).args) {
                if (a < 0 || a >= inputTypes.size() + j) {
                    throw new IllegalArgumentException("Compiled: instruction " + j + " reads value " + a
                            + ", which is not defined before it");
                }
            }
        }
    }

    @Override
    public String name() { return "Compiled"; }

    public int numInputs() { return inputTypes.size(); }

    /** The dtype of value {@code v} (an input or an instruction's result). */
    public DType typeOf(int v) {
        return v < inputTypes.size() ? inputTypes.get(v) : instrs.get(v - inputTypes.size()).dtype;
    }

    public DType outputType() { return instrs.get(instrs.size() - 1).dtype; }

    /**
     * The region rebuilt as ordinary (unfused) nodes over {@code inputs}, each broadcast to {@code shape}:
     * what the fused kernel computes. Used for gradients and as a reference.
     */
    public Array unfused(List<Array> inputs, int[] shape) {
        if (inputs.size() != inputTypes.size()) {
            throw new IllegalArgumentException("Compiled: " + inputs.size() + " inputs given for " + inputTypes.size());
        }
        List<Array> values = new ArrayList<>(inputs.size() + instrs.size());
        for (Array in : inputs) values.add(Mx.broadcastTo(in, shape));
        for (Instr ins : instrs) {
            Array[] operands = new Array[ins.args.length];
            for (int k = 0; k < operands.length; k++) operands[k] = values.get(ins.args[k]);
            values.add(Handles.make(ins.op, shape, ins.dtype, operands));
        }
        return values.get(values.size() - 1);
    }

    /** The vjp of the unfused region, rebuilt on the primal inputs and differentiated op by op. */
    @Override
    public List<Array> vjp(List<Array> primals, List<Array> cotangents, int[] argnums, List<Array> outputs) {
        int[] shape = outputs.get(0).shape();
        VjpResult r = Mx.vjp(xs -> List.of(unfused(xs, shape)), primals, cotangents);
        Array[] grads = new Array[argnums.length];
        for (int i = 0; i < argnums.length; i++) grads[i] = r.vjps().get(argnums[i]);
        return List.of(grads);
    }

    /**
     * Forward mode through the program: each instruction's jvp rule applied in order to the unfused values
     * (broadcast to the output shape) and the tangents of its operands.
     */
    @Override
    public List<Array> jvp(List<Array> primals, List<Array> tangents, List<Array> outputs) {
        int[] shape = outputs.get(0).shape();
        List<Array> values = new ArrayList<>(primals.size() + instrs.size());
        List<Array> valueTangents = new ArrayList<>(primals.size() + instrs.size());
        for (int i = 0; i < primals.size(); i++) {
            values.add(Mx.broadcastTo(primals.get(i), shape));
            Array t = tangents.get(i);
            valueTangents.add(t == null ? null : Mx.broadcastTo(t, shape));
        }
        for (Instr ins : instrs) {
            List<Array> operands = new ArrayList<>(ins.args.length), operandTangents = new ArrayList<>(ins.args.length);
            for (int a : ins.args) {
                operands.add(values.get(a));
                operandTangents.add(valueTangents.get(a));
            }
            Array value = Handles.make(ins.op, shape, ins.dtype, operands.toArray(new Array[0]));
            values.add(value);
            boolean reached = operandTangents.stream().anyMatch(Objects::nonNull);
            valueTangents.add(reached && ins.dtype.isInexact() ? ins.op.jvp(operands, operandTangents, List.of(value)).get(0) : null);
        }
        return Tangents.one(valueTangents.get(valueTangents.size() - 1));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Compiled(");
        for (int i = 0; i < inputTypes.size(); i++) sb.append(i == 0 ? "" : ", ").append(inputTypes.get(i).mlxName());
        sb.append(") {");
        for (int j = 0; j < instrs.size(); j++) sb.append(j == 0 ? " " : "; ").append('%').append(inputTypes.size() + j)
                .append(" = ").append(instrs.get(j));
        return sb.append(" }").toString();
    }
}
