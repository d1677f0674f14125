"""Writes an .mlxfn file as MLX's mx.export_function lays it out (mlx/export.cpp's serialization, described in
mlx4j's MlxfnFormat), with plain numpy, and the expected outputs for MlxFunctionsTest.

mlxfn_golden.mlxfn holds two traces of one function:
  1. positional x [2, 3] float32, y [3] float32 -> seven outputs (exp, broadcast, multiply, a constant, add,
     sum-reduce, squeeze, reshape, matmul, softmax, log, abs, rsqrt, astype, greater, select, argmax, equal);
  2. positional x [2, 3] float32 and keyword "scale" [] float32 -> x * scale + c, reusing trace 1's constant
     (written once in the file, as MLX does).
mlxfn_golden_expected.npz: the inputs (x, y, scale) and the outputs (t1_0 .. t1_6, t2_0), computed in numpy.
Run: python3 make_mlxfn_golden.py (from this folder).
"""
import struct
import numpy as np

rng = np.random.default_rng(7)

def u8(v): return struct.pack("<B", v)
def i32(v): return struct.pack("<i", v)
def u64(v): return struct.pack("<Q", v)
def gstr(s):
    b = s.encode("utf-8")
    return u64(len(b)) + b
def ints(v): return u64(len(v)) + b"".join(i32(x) for x in v)
def ids(v): return u64(len(v)) + b"".join(u64(x) for x in v)

# MLX's Dtype::Val numbers and sizes
DT = {"bool": (0, 1), "uint32": (3, 4), "float16": (9, 2), "float32": (10, 4)}
def dtype(name):
    v, size = DT[name]
    return i32(v) + u8(size)

STREAM = i32(0) + i32(0) + i32(0)  # stream 0, device type cpu (0), device 0

def prim(id_, inputs, name, state, shape, dt):
    return u64(id_) + u8(1) + ids(inputs) + STREAM + gstr(name) + state + u64(0) + ints(shape) + dtype(dt)

def input_entry(id_):
    return u64(id_) + u8(0) + u8(0)

def constant_entry(id_, arr=None):
    out = u64(id_) + u8(0) + u8(1)
    if arr is not None:
        out += ints(arr.shape) + dtype(str(arr.dtype)) + arr.astype("<" + arr.dtype.str[1:]).tobytes()
    return out

base = 140_000_000_000  # MLX's ids are array addresses: large and arbitrary
X, Y, E, B, M, C, A, R, S, RY, MM, SM, LG, AB, RS, H, GT, SEL, AM, EQ = (base + 16 * k for k in range(20))
x = rng.standard_normal((2, 3)).astype(np.float32)
y = rng.standard_normal(3).astype(np.float32)
c = rng.standard_normal((2, 3)).astype(np.float32)

t1 = ids([]) + ids([X, Y]) + u64(2) + ints([2, 3]) + dtype("float32") + ints([3]) + dtype("float32")
t1 += ids([S, MM, LG, RS, H, SEL, AM])
tape = [
    input_entry(X), input_entry(Y),
    prim(E, [X], "Exp", b"", [2, 3], "float32"),
    prim(B, [Y], "Broadcast", ints([2, 3]), [2, 3], "float32"),
    prim(M, [E, B], "Multiply", b"", [2, 3], "float32"),
    constant_entry(C, c),
    prim(A, [M, C], "Add", b"", [2, 3], "float32"),
    prim(R, [A], "Reduce", i32(2) + ints([1]), [2, 1], "float32"),          # ReduceType Sum = 2
    prim(S, [R], "Squeeze", ints([1]), [2], "float32"),
    prim(RY, [Y], "Reshape", ints([3, 1]), [3, 1], "float32"),
    prim(MM, [X, RY], "Matmul", b"", [2, 1], "float32"),
    prim(SM, [X], "Softmax", u8(0), [2, 3], "float32"),                    # precise = false
    prim(LG, [SM], "Log", i32(2), [2, 3], "float32"),                      # Log::Base e = 2
    prim(AB, [X], "Abs", b"", [2, 3], "float32"),
    prim(RS, [AB], "Sqrt", u8(1), [2, 3], "float32"),                      # recip = true: rsqrt
    prim(H, [A], "AsType", dtype("float16"), [2, 3], "float16"),
    prim(GT, [X, C], "Greater", b"", [2, 3], "bool"),
    prim(SEL, [GT, X, C], "Select", b"", [2, 3], "float32"),
    prim(AM, [X], "ArgReduce", i32(1) + i32(1), [2, 1], "uint32"),         # ArgMax = 1, axis 1
    prim(EQ, [X, X], "Equal", u8(0), [2, 3], "bool"),
]
t1 += u64(len(tape)) + b"".join(tape)

SC, BS, O, O2 = (base + 1000 + 16 * k for k in range(4))
scale = np.float32(1.75)
t2 = u64(1) + gstr("scale")  # one keyword argument
t2 += ids([X, SC]) + u64(2) + ints([2, 3]) + dtype("float32") + ints([]) + dtype("float32") + ids([O2])
tape2 = [
    input_entry(X), input_entry(SC),
    prim(BS, [SC], "Broadcast", ints([2, 3]), [2, 3], "float32"),
    prim(O, [X, BS], "Multiply", b"", [2, 3], "float32"),
    constant_entry(C),  # saved in the first trace: only its id and flags here
    prim(O2, [O, C], "Add", b"", [2, 3], "float32"),
]
t2 += u64(len(tape2)) + b"".join(tape2)

with open("mlxfn_golden.mlxfn", "wb") as f:
    f.write(gstr("0.31.0") + i32(2) + u8(0) + t1 + t2)

a = np.exp(x) * y + c
sm = np.exp(x - x.max(axis=1, keepdims=True))
sm = sm / sm.sum(axis=1, keepdims=True)
np.savez("mlxfn_golden_expected.npz", x=x, y=y, scale=np.array(scale),
         t1_0=a.sum(axis=1), t1_1=x @ y.reshape(3, 1), t1_2=np.log(sm), t1_3=1 / np.sqrt(np.abs(x)),
         t1_4=a.astype(np.float16), t1_5=np.where(x > c, x, c), t1_6=x.argmax(axis=1).reshape(2, 1).astype(np.uint32),
         t2_0=x * scale + c)
