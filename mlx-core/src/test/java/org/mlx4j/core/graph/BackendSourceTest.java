package org.mlx4j.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every op's GPU source expressions are present and well formed: each parses as a C expression over
 * its operands ({@code x}, and {@code y} for binary ops, both used), the element type {@code T}, numeric
 * literals and the math functions of the language (CUDA's overloads; Metal's {@code metal::} functions
 * and the backend prelude's {@code erf}, {@code erfinv}, {@code conj}), with nothing left over.
 */
class BackendSourceTest {
    private static final Set<String> CUDA_FUNCTIONS = Set.of("abs", "sqrt", "rsqrt", "exp", "expm1", "log", "log2",
            "log10", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh",
            "atanh", "floor", "ceil", "trunc", "rint", "erf", "erfinv", "isnan", "isinf", "isfinite", "conj", "pow", "max", "min",
            "atan2");
    private static final Set<String> MSL_PRELUDE = Set.of("erf", "erfinv", "conj");
    private static final Set<String> MEMBERS = Set.of("real", "imag");

    @Test
    void everyUnaryOpHasWellFormedCudaAndMetalSource() {
        for (UnaryOp op : UnaryOp.values()) {
            checkBoth(op.toString(), op.source(), Set.of("x"));
        }
    }

    @Test
    void everyBinaryOpHasWellFormedCudaAndMetalSource() {
        for (BinaryOp op : BinaryOp.values()) {
            checkBoth(op.toString(), op.source(), Set.of("x", "y"));
        }
    }

    @Test
    void theParserRejectsMalformedExpressions() {
        for (String bad : List.of("exp(x", "x +", "foo(x)", "x y", "exp(z)", "(x))", "x ? y", "metal::exp(x)", "")) {
            assertThatThrownBy(() -> new Parser(bad, false, Set.of("x", "y")).parse()).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Parser("exp(x)", true, Set.of("x")).parse()).isInstanceOf(IllegalArgumentException.class);
    }

    private static void checkBoth(String op, BackendSource source, Set<String> operands) {
        for (boolean msl : new boolean[] {false, true}) {
            String text = msl ? source.msl() : source.cuda();
            assertThat(text).as(op + (msl ? " msl" : " cuda")).isNotBlank();
            Set<String> used;
            try {
                used = new Parser(text, msl, operands).parse();
            } catch (IllegalArgumentException e) {
                throw new AssertionError(op + (msl ? " msl" : " cuda") + ": " + e.getMessage() + " in: " + text, e);
            }
            assertThat(used).as(op + (msl ? " msl" : " cuda") + " uses its operands").isEqualTo(operands);
        }
    }

    /** A recursive-descent parser of C expressions (ternary down to postfix member calls), strict about names. */
    private static final class Parser {
        private final List<String> tokens = new ArrayList<>();
        private final boolean msl;
        private final Set<String> operands;
        private final Set<String> used = new HashSet<>();
        private int pos;

        Parser(String text, boolean msl, Set<String> operands) {
            this.msl = msl;
            this.operands = operands;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) { i++; continue; }
                int j = i;
                if (Character.isLetter(c) || c == '_') {
                    while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                            || text.startsWith("::", j))) j += text.startsWith("::", j) ? 2 : 1;
                } else if (Character.isDigit(c) || c == '.' && j + 1 < text.length() && Character.isDigit(text.charAt(j + 1))) {
                    while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '.'
                            || (text.charAt(j) == '-' && (text.charAt(j - 1) == 'e')))) j++;
                } else {
                    String two = text.substring(i, Math.min(i + 2, text.length()));
                    j += List.of("&&", "||", "==", "!=", "<=", ">=", "<<", ">>").contains(two) ? 2 : 1;
                }
                tokens.add(text.substring(i, j));
                i = j;
            }
        }

        Set<String> parse() {
            if (tokens.isEmpty()) throw new IllegalArgumentException("empty expression");
            ternary();
            if (pos != tokens.size()) throw new IllegalArgumentException("unexpected '" + tokens.get(pos) + "'");
            return used;
        }

        private String peek() { return pos < tokens.size() ? tokens.get(pos) : ""; }

        private void expect(String t) {
            if (!peek().equals(t)) throw new IllegalArgumentException("expected '" + t + "', got '" + peek() + "'");
            pos++;
        }

        private void ternary() {
            binary(0);
            if (peek().equals("?")) {
                pos++;
                ternary();
                expect(":");
                ternary();
            }
        }

        private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"), List.of("|"), List.of("^"),
                List.of("&"), List.of("==", "!="), List.of("<", "<=", ">", ">="), List.of("<<", ">>"), List.of("+", "-"),
                List.of("*", "/", "%"));

        private void binary(int level) {
            if (level == LEVELS.size()) { unary(); return; }
            binary(level + 1);
            while (LEVELS.get(level).contains(peek())) {
                pos++;
                binary(level + 1);
            }
        }

        private void unary() {
            if (List.of("-", "!", "~").contains(peek())) {
                pos++;
                unary();
                return;
            }
            primary();
            while (peek().equals(".")) {
                pos++;
                String member = peek();
                if (!MEMBERS.contains(member)) throw new IllegalArgumentException("unknown member " + member);
                pos++;
                expect("(");
                expect(")");
            }
        }

        private void primary() {
            String t = peek();
            if (t.isEmpty()) throw new IllegalArgumentException("unexpected end");
            pos++;
            if (t.equals("(")) {
                ternary();
                expect(")");
            } else if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.') {
                try {
                    Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad number " + t);
                }
            } else if (t.equals("T")) {
                expect("(");
                ternary();
                expect(")");
            } else if (operands.contains(t)) {
                used.add(t);
            } else if (peek().equals("(")) {
                if (!function(t)) throw new IllegalArgumentException("unknown function " + t);
                pos++;
                if (!peek().equals(")")) {
                    ternary();
                    while (peek().equals(",")) { pos++; ternary(); }
                }
                expect(")");
            } else {
                throw new IllegalArgumentException("unknown name " + t);
            }
        }

        private boolean function(String name) {
            if (!msl) return CUDA_FUNCTIONS.contains(name);
            if (MSL_PRELUDE.contains(name)) return true;
            String bare = name.startsWith("metal::precise::") ? name.substring(16) : name.startsWith("metal::") ? name.substring(7) : null;
            return bare != null && CUDA_FUNCTIONS.contains(bare) && !bare.equals("expm1") && !bare.equals("log1p");
        }
    }
}
