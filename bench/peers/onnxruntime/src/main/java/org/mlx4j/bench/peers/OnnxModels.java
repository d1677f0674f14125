package org.mlx4j.bench.peers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds small ONNX models as protobuf bytes, without the onnx package: just the handful of fields of
 * {@code onnx.proto} that a graph of standard operators with fixed-shape float inputs needs.
 */
final class OnnxModels {

    private static final int IR_VERSION = 8;
    private static final int OPSET = 17;
    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT

    /** One node of the graph: {@code outputs = opType(inputs)}. */
    record Node(String opType, List<String> inputs, String output) {
    }

    private OnnxModels() {
    }

    /** {@code Y = MatMul(A, B)} for {@code n x n} float matrices. */
    static byte[] matmul(int n) {
        long[] shape = {n, n};
        return model("matmul", List.of(new Node("MatMul", List.of("A", "B"), "Y")),
                List.of("A", "B"), shape, "Y", shape);
    }

    /** {@code Y = Add(A, B)} over float vectors of length {@code length}. */
    static byte[] add(long length) {
        long[] shape = {length};
        return model("add", List.of(new Node("Add", List.of("A", "B"), "Y")), List.of("A", "B"), shape, "Y", shape);
    }

    /** {@code Y = Exp(Add(Mul(A, B), C))} over float vectors of length {@code length}. */
    static byte[] expMulAdd(long length) {
        long[] shape = {length};
        return model("exp_mul_add", List.of(
                        new Node("Mul", List.of("A", "B"), "AB"),
                        new Node("Add", List.of("AB", "C"), "ABC"),
                        new Node("Exp", List.of("ABC"), "Y")),
                List.of("A", "B", "C"), shape, "Y", shape);
    }

    static byte[] model(String name, List<Node> nodes, List<String> inputs, long[] inputShape, String output,
                        long[] outputShape) {
        Proto graph = new Proto();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            Proto n = new Proto();
            node.inputs().forEach(in -> n.string(1, in));
            n.string(2, node.output());
            n.string(3, node.opType().toLowerCase() + "_" + i);
            n.string(4, node.opType());
            graph.message(1, n);
        }
        graph.string(2, name);
        inputs.forEach(in -> graph.message(11, valueInfo(in, inputShape)));
        graph.message(12, valueInfo(output, outputShape));

        Proto opset = new Proto().string(1, "").varint(2, OPSET);
        return new Proto()
                .varint(1, IR_VERSION)
                .string(2, "mlx4j-bench")
                .message(7, graph)
                .message(8, opset)
                .bytes();
    }

    /** ValueInfoProto{name, type: TypeProto{tensor_type: {elem_type: FLOAT, shape: {dim: [dim_value...]}}}}. */
    static Proto valueInfo(String name, long[] shape) {
        Proto dims = new Proto();
        for (long d : shape) {
            dims.message(1, new Proto().varint(1, d));
        }
        Proto tensorType = new Proto().varint(1, FLOAT).message(2, dims);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** A protobuf message being written: varint and length-delimited fields only. */
    static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            tag(field, 0);
            writeVarint(value);
            return this;
        }

        Proto string(int field, String value) {
            return lengthDelimited(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return lengthDelimited(field, value.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private Proto lengthDelimited(int field, byte[] value) {
            tag(field, 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        private void tag(int field, int wireType) {
            writeVarint(((long) field << 3) | wireType);
        }

        private void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        }
    }
}
