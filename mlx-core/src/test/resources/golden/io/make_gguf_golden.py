"""Writes the GGUF golden files of GgufGoldenTest from the GGUF format description, with plain numpy.

gguf_golden.gguf: GGUF v3, general.alignment 64, metadata of every value type, tensors of every type mlx4j
reads (F32, F16, BF16, Q8_0, Q4_0, Q4_1, I8, I16, I32, I64, F64). gguf_golden_expected.npz: for each tensor
`NAME`, `NAME` the values as float32 (quantized blocks dequantised as GGML does), and for each quantized tensor
`NAME.wq`, `NAME.scales`, `NAME.biases` in MLX's affine layout (w = scale * q + bias, q unsigned, 32 / bits values
per little-endian uint32 from the low bits, float16 scales and biases per group of 32).
gguf_small.gguf: a small file for the fuzzers' seed corpus (copied into ../../org/mlx4j/core/io/GgufFuzzTestInputs/gguf/).
Run: python3 make_gguf_golden.py (from this folder).
"""
import struct
import numpy as np

rng = np.random.default_rng(20261203)
ALIGN = 64

def gstr(s):
    b = s.encode("utf-8")
    return struct.pack("<Q", len(b)) + b

# value type numbers of the GGUF description
U8, I8, U16, I16, U32, I32, F32, BOOL, STR, ARR, U64, I64, F64 = range(13)
NP = {U8: "<u1", I8: "<i1", U16: "<u2", I16: "<i2", U32: "<u4", I32: "<i4", F32: "<f4", BOOL: "<u1",
      U64: "<u8", I64: "<i8", F64: "<f8"}

metadata = [
    ("general.alignment", U32, ALIGN),
    ("general.architecture", STR, "llama"),
    ("general.name", STR, "golden \u00e9\u4e2d"),
    ("t.u8", U8, 200), ("t.i8", I8, -100), ("t.u16", U16, 60000), ("t.i16", I16, -30000),
    ("t.u32", U32, 4000000000), ("t.i32", I32, -2000000000), ("t.f32", F32, 1.5), ("t.bool", BOOL, 1),
    ("t.u64", U64, 2**63 + 5), ("t.i64", I64, -(2**62)), ("t.f64", F64, -2.25),
    ("t.arr_i32", (ARR, I32), [1, -2, 3, 2**31 - 1]),
    ("t.arr_f32", (ARR, F32), [0.5, -1.25, 3.0]),
    ("t.arr_bool", (ARR, BOOL), [1, 0, 1]),
    ("tokenizer.ggml.tokens", (ARR, STR), ["<s>", "</s>", "hello", "\u2581world", ""]),
]

def encode_value(t, v):
    if t == STR:
        return struct.pack("<I", STR) + gstr(v)
    if isinstance(t, tuple):
        _, et = t
        out = struct.pack("<IIQ", ARR, et, len(v))
        if et == STR:
            return out + b"".join(gstr(s) for s in v)
        return out + np.array(v, dtype=NP[et]).tobytes()
    return struct.pack("<I", t) + np.array(v, dtype=NP[t]).tobytes()

# GGML type numbers and block layouts
GF32, GF16, GQ4_0, GQ4_1, GQ8_0 = 0, 1, 2, 3, 8
GI8, GI16, GI32, GI64, GF64, GBF16 = 24, 25, 26, 27, 28, 30

def f16(x):
    return np.asarray(x, dtype=np.float16)

def quant_blocks(kind, nblocks):
    """Random blocks: (file bytes, float32 values, q values per element, scale f16, bias f16)."""
    d = f16(rng.uniform(0.01, 0.2, nblocks) * rng.choice([-1, 1], nblocks))
    if kind == GQ8_0:
        q = rng.integers(-128, 128, (nblocks, 32)).astype(np.int8)
        raw = b"".join(d[b:b + 1].tobytes() + q[b].tobytes() for b in range(nblocks))
        vals = q.astype(np.float32) * d.astype(np.float32)[:, None]
        qu = q.astype(np.int64) + 128
        return raw, vals, qu, d, (f16(-128) * d).astype(np.float16)
    q = rng.integers(0, 16, (nblocks, 32)).astype(np.uint8)
    packed = (q[:, :16] | (q[:, 16:] << 4)).astype(np.uint8)  # element j low nibble, j + 16 high nibble of byte j
    if kind == GQ4_0:
        raw = b"".join(d[b:b + 1].tobytes() + packed[b].tobytes() for b in range(nblocks))
        vals = (q.astype(np.float32) - 8) * d.astype(np.float32)[:, None]
        return raw, vals, q.astype(np.int64), d, (f16(-8) * d).astype(np.float16)
    m = f16(rng.uniform(-1, 1, nblocks))
    raw = b"".join(d[b:b + 1].tobytes() + m[b:b + 1].tobytes() + packed[b].tobytes() for b in range(nblocks))
    vals = q.astype(np.float32) * d.astype(np.float32)[:, None] + m.astype(np.float32)[:, None]
    return raw, vals, q.astype(np.int64), d, m

def mlx_pack(q, bits):
    per = 32 // bits
    q = q.reshape(-1, per)
    shifts = (np.arange(per) * bits).astype(np.uint64)
    return (q.astype(np.uint64) << shifts).sum(axis=1).astype(np.uint32)

tensors = []  # (name, mlx shape, ggml type, raw bytes)
expected = {}

def plain(name, shape, gtype, arr):
    tensors.append((name, shape, gtype, arr.tobytes()))

a = rng.standard_normal((3, 5)).astype(np.float32); plain("t.f32", (3, 5), GF32, a); expected["t.f32"] = a
a = rng.standard_normal((2, 4)).astype(np.float16); plain("t.f16", (2, 4), GF16, a); expected["t.f16"] = a.astype(np.float32)
bits = (rng.standard_normal(7).astype(np.float32).view(np.uint32) >> 16).astype(np.uint16)
plain("t.bf16", (7,), GBF16, bits); expected["t.bf16"] = (bits.astype(np.uint32) << 16).view(np.float32)
for name, shape, dt, g in [("t.i8", (2, 3), np.int8, GI8), ("t.i16", (5,), np.int16, GI16), ("t.i32", (2, 2, 3), np.int32, GI32),
                           ("t.i64", (3,), np.int64, GI64)]:
    info = np.iinfo(dt)
    v = rng.integers(info.min, info.max, shape, dtype=dt, endpoint=True)
    plain(name, shape, g, v); expected[name] = v
a = rng.standard_normal((2, 1, 3)); plain("t.f64", (2, 1, 3), GF64, a); expected["t.f64"] = a

for name, shape, kind, bits_ in [("blk.0.q8.weight", (3, 64), GQ8_0, 8), ("blk.0.q4_0.weight", (2, 2, 96), GQ4_0, 4),
                                 ("blk.0.q4_1.weight", (4, 32), GQ4_1, 4), ("output_q4_0", (64,), GQ4_0, 4)]:
    n = int(np.prod(shape)); nb = n // 32
    raw, vals, q, s, b = quant_blocks(kind, nb)
    tensors.append((name, shape, kind, raw))
    expected[name] = vals.reshape(shape)
    last = shape[-1]
    expected[name + ".wq"] = mlx_pack(q.reshape(-1), bits_).reshape(shape[:-1] + (last * bits_ // 32,))
    expected[name + ".scales"] = s.reshape(shape[:-1] + (last // 32,))
    expected[name + ".biases"] = b.reshape(shape[:-1] + (last // 32,))

def align(n):
    return (n + ALIGN - 1) // ALIGN * ALIGN

header = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(metadata))
for key, t, v in metadata:
    header += gstr(key) + encode_value(t, v)
offset = 0
offsets = []
for name, shape, gtype, raw in tensors:
    ne = list(reversed(shape))
    header += gstr(name) + struct.pack("<I", len(ne)) + b"".join(struct.pack("<Q", d) for d in ne)
    header += struct.pack("<IQ", gtype, offset)
    offsets.append(offset)
    offset = align(offset + len(raw))
data = bytearray(offset)
for (name, shape, gtype, raw), off in zip(tensors, offsets):
    data[off:off + len(raw)] = raw
with open("gguf_golden.gguf", "wb") as f:
    f.write(header + b"\0" * (align(len(header)) - len(header)) + bytes(data))
np.savez("gguf_golden_expected.npz", **expected)

# A small file (default alignment 32) for the fuzzers' seed corpus: one string, one Q4_0 block, one F16 pair.
raw, _, _, _, _ = quant_blocks(GQ4_0, 1)
small = b"GGUF" + struct.pack("<IQQ", 3, 2, 1) + gstr("general.architecture") + encode_value(STR, "t")
small += gstr("w") + struct.pack("<IQIQ", 1, 32, GQ4_0, 0) + gstr("b") + struct.pack("<IQIQ", 1, 2, GF16, 32)
small += b"\0" * ((32 - len(small) % 32) % 32)
with open("gguf_small.gguf", "wb") as f:
    f.write(small + raw + b"\0" * (32 - len(raw)) + f16([1.5, -2]).tobytes())
