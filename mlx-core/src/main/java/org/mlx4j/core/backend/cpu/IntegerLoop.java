package org.mlx4j.core.backend.cpu;

import org.mlx4j.core.graph.BinaryOp;

/**
 * The binary ops the integer vector kernels ({@link BinaryInt8} to {@link BinaryInt64}) have loops for:
 * the cheap ops (one or two vector instructions). Those kernels switch over this enum, so the one place
 * that names every {@link BinaryOp} for them is {@link #of}; the other ops run on {@link BinaryIntegers}
 * (or never reach an integer kernel: their dtype rule computes integers in float32).
 */
enum IntegerLoop {
    ADD, SUBTRACT, MULTIPLY, MAXIMUM, MINIMUM, EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL,
    LOGICAL_AND, LOGICAL_OR, BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT;

    /** The loop of {@code op}, or null when the integer vector kernels have none. */
    static IntegerLoop of(BinaryOp op) {
        return switch (op) {
            case ADD -> ADD;
            case SUBTRACT -> SUBTRACT;
            case MULTIPLY -> MULTIPLY;
            case MAXIMUM -> MAXIMUM;
            case MINIMUM -> MINIMUM;
            case EQUAL -> EQUAL;
            case NOT_EQUAL -> NOT_EQUAL;
            case LESS -> LESS;
            case LESS_EQUAL -> LESS_EQUAL;
            case GREATER -> GREATER;
            case GREATER_EQUAL -> GREATER_EQUAL;
            case LOGICAL_AND -> LOGICAL_AND;
            case LOGICAL_OR -> LOGICAL_OR;
            case BITWISE_AND -> BITWISE_AND;
            case BITWISE_OR -> BITWISE_OR;
            case BITWISE_XOR -> BITWISE_XOR;
            case LEFT_SHIFT -> LEFT_SHIFT;
            case RIGHT_SHIFT -> RIGHT_SHIFT;
            case DIVIDE, FLOOR_DIVIDE, REMAINDER, POWER, ARCTAN2, LOGADDEXP, LOGICAL_XOR -> null;
        };
    }
}
