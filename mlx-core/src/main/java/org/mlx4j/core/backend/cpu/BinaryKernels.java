package org.mlx4j.core.backend.cpu;
import org.mlx4j.core.graph.BinaryOp;
public final class BinaryKernels {
    public static void apply(BinaryOp op, StridedView a, StridedView b, StridedView out) {
        for (long i = 0; i < out.size(); i++) {
            double x = Idx.get(a, i), y = Idx.get(b, i);
            double r = switch (op) {
                case ADD -> x + y; case SUBTRACT -> x - y; case MULTIPLY -> x * y; case DIVIDE -> x / y;
                case POWER -> Math.pow(x, y); case MAXIMUM -> Math.max(x, y); case MINIMUM -> Math.min(x, y);
                case FLOOR_DIVIDE -> Math.floor(x / y); case REMAINDER -> x - Math.floor(x / y) * y;
                case EQUAL -> x == y ? 1 : 0; case NOT_EQUAL -> x != y ? 1 : 0; case LESS -> x < y ? 1 : 0;
                case LESS_EQUAL -> x <= y ? 1 : 0; case GREATER -> x > y ? 1 : 0; case GREATER_EQUAL -> x >= y ? 1 : 0;
                case LOGICAL_AND -> (x != 0 && y != 0) ? 1 : 0; case LOGICAL_OR -> (x != 0 || y != 0) ? 1 : 0;
                case ARCTAN2 -> Math.atan2(x, y); case LOGADDEXP -> Math.max(x, y) + Math.log1p(Math.exp(-Math.abs(x - y)));
                default -> throw new IllegalArgumentException("scratch " + op);
            };
            Idx.set(out, i, r);
        }
    }
}
