package org.mlx4j.core.graph;

/** Element-wise functions of two arrays (already broadcast and promoted), evaluated by the {@code Binary} primitive. */
public enum BinaryOp {
    ADD, SUBTRACT, MULTIPLY, DIVIDE, FLOOR_DIVIDE, REMAINDER, POWER, MAXIMUM, MINIMUM,
    EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL,
    LOGICAL_AND, LOGICAL_OR,
    BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT,
    ARCTAN2, LOGADDEXP;

    public String opName() { return OpNames.camel(name()); }

    /** Comparisons and logical ops produce BOOL. */
    public boolean producesBool() { return ordinal() >= EQUAL.ordinal() && ordinal() <= LOGICAL_OR.ordinal(); }

    /** Ops defined only for integer and bool inputs. */
    public boolean isBitwise() { return ordinal() >= BITWISE_AND.ordinal() && ordinal() <= RIGHT_SHIFT.ordinal(); }
}
