"""Writes random_golden.txt: MLX's random distributions for fixed keys, derived from the raw bits.

Run from this folder with `python3 random_golden.py` (NumPy only). The script reproduces
mlx/random.cpp step by step on top of `random.bits`:

  bits       threefry2x32 (20 rounds) in MLX's block layout; checked below against values MLX printed
  uniform    u = min(float32(bits) / float32(2^32 - 1), below_one(dtype)) in float32, cast to dtype,
             then (high - low) * u + low in dtype (below_one: the largest value under 1 of the dtype)
  normal     u = uniform(nextafter(-1f, 0), 1f) in float32, sqrt(2) * erfinv(u) (scale, loc in dtype)
  truncated  u = uniform(erf(lower / sqrt 2), erf(upper / sqrt 2)), sqrt 2 * erfinv(u), clipped
  gumbel     -log(-log(uniform(0, 1)))
  bernoulli  float32(bits) < p * nextafter(float32(2^32 - 1), inf), compared in float32
  randint    low + bits mod (high - low) in uint64 (64-bit dtypes: two draws of split(key), hi << 32 | lo)
  categorical argmax(logits + gumbel) along the axis (uint32)
  permutation argsort(bits([n]))

Element-wise functions whose rounding is implementation-defined (erf, erfinv, log) are computed in
float64 from the exact float32 inputs, so the Java test compares those cases with a tolerance and the
others exactly. Half types round per operation, as MLX computes them in float32 and rounds each result.

Line format (fields separated by ' | '): case name | dtype | shape | values (repr of each element).
"""
import math
import numpy as np

M32 = 0xFFFFFFFF
PARITY = 0x1BD11BDA


def rotl(v, r):
    return ((v << r) | (v >> (32 - r))) & M32


def threefry2x32(k0, k1, c0, c1):
    ks = [k0, k1, k0 ^ k1 ^ PARITY]
    rot = [[13, 15, 26, 6], [17, 29, 16, 24]]
    x, y = (c0 + k0) & M32, (c1 + k1) & M32
    for i in range(5):
        for r in rot[i % 2]:
            x = (x + y) & M32
            y = rotl(y, r) ^ x
        x = (x + ks[(i + 1) % 3]) & M32
        y = (y + ks[(i + 2) % 3] + i + 1) & M32
    return x, y


def key(seed):
    return (seed >> 32) & M32, seed & M32


def bits(shape, k, width=4):
    """MLX's RandomBits for one key: W words, pairs (j, j + H + W%2), an odd middle word from (H, 0)."""
    n = int(np.prod(shape, dtype=np.int64))
    nbytes = n * width
    words = (nbytes + 3) // 4
    half, shift = words // 2, words // 2 + words % 2
    w = [0] * words
    for j in range(half):
        a, b = threefry2x32(k[0], k[1], j, j + shift)
        w[j], w[j + shift] = a, b
    if words % 2:
        w[half] = threefry2x32(k[0], k[1], half, 0)[0]
    raw = np.array(w, dtype='<u4').tobytes()[:nbytes]
    dt = {4: '<u4', 2: '<u2', 1: 'u1'}[width]
    return np.frombuffer(raw, dtype=dt).reshape(shape).copy()


def split(k, num=2):
    b = bits((num, 2), k)
    return [(int(b[i, 0]), int(b[i, 1])) for i in range(num)]


# the bits are MLX's: values printed by MLX for key(0) and key(1) (also asserted by RandomTest)
assert bits((3, 1), key(0)).ravel().tolist() == [4146024105, 1351547692, 2718843009]
assert bits((), key(0)).item() == 1797259609 and bits((), key(1)).item() == 507451445
assert bits((5,), key(0), 2).tolist() == [20137, 63263, 64300, 20622, 16513]
assert split(key(0)) == [(4146024105, 967050713), (2718843009, 1272950319)]

# ------------------------------------------------------------------ dtypes


def bf16(x):
    """float32 -> bfloat16 (round to nearest even), returned as float32 values."""
    a = np.asarray(x, dtype=np.float32)
    u = a.view(np.uint32).astype(np.uint64)
    r = ((u + 0x7FFF + ((u >> 16) & 1)) >> 16) << 16
    out = r.astype(np.uint32).view(np.float32)
    return np.where(np.isnan(a), a, out).astype(np.float32)


def cast(x, dtype):
    """Rounds float32 values to dtype; returns float32 arrays holding the dtype's values (exact)."""
    x = np.asarray(x, dtype=np.float32)
    if dtype == 'float32':
        return x
    if dtype == 'float16':
        return x.astype(np.float16).astype(np.float32)
    if dtype == 'bfloat16':
        return bf16(x)
    raise ValueError(dtype)


def op(f, dtype, *args):
    """One element-wise op of MLX in dtype: computed in float32, rounded to dtype."""
    return cast(f(*[np.asarray(a, dtype=np.float32) for a in args]), dtype)


BELOW_ONE = {
    'float32': np.nextafter(np.float32(1), np.float32(0)),
    'float16': np.float32(np.frombuffer(np.uint16(0x3BFF).tobytes(), np.float16)[0]),
    'bfloat16': np.uint32(0x3F7F0000).view(np.float32),
}

UINT32_MAX_F = np.float32(4294967295.0)  # rounds to 2^32, as MLX's array(uint32 max, float32)


def uniform(low, high, shape, dtype, k):
    lo = cast(low, dtype)
    hi = cast(high, dtype)
    rng = op(np.subtract, dtype, hi, lo)
    u = bits(shape, k).astype(np.float32) / UINT32_MAX_F
    u = cast(np.minimum(u, BELOW_ONE[dtype]), dtype)
    return op(np.add, dtype, op(np.multiply, dtype, rng, u), lo)


# ------------------------------------------------------------------ float64 special functions

def erfinv(y):
    """Inverse error function in float64 (Newton on erf / erfc from a bisection start)."""
    y = float(y)
    if y == 0:
        return 0.0
    s, a = (1.0, y) if y > 0 else (-1.0, -y)
    lo, hi = 0.0, 10.0
    for _ in range(60):  # bisection on the tail-accurate form erfc(x) = 1 - a
        mid = 0.5 * (lo + hi)
        if (math.erfc(mid) > 1 - a) if a > 0.5 else (math.erf(mid) < a):
            lo = mid
        else:
            hi = mid
    x = 0.5 * (lo + hi)
    for _ in range(3):
        f = (1 - a - math.erfc(x)) if a > 0.5 else (math.erf(x) - a)
        x -= f / (2 / math.sqrt(math.pi) * math.exp(-x * x))
    return s * x


def f32(x):
    return float(np.float32(x))


# ------------------------------------------------------------------ cases

cases = []


def case(name, dtype, values):
    values = np.asarray(values)
    cases.append((name, dtype, values.shape, values.ravel()))


case('bits_u32', 'uint32', bits((2, 3), key(0)))
case('bits_u8', 'uint8', bits((7,), key(1), 1))

# uniform: float32 over [-2.5, 3), float16 over [0, 1), bfloat16 over [-1, 2)
case('uniform_f32', 'float32', uniform(-2.5, 3.0, (4, 5), 'float32', key(1)))
case('uniform_f16', 'float16', uniform(0.0, 1.0, (16,), 'float16', key(2)))
case('uniform_bf16', 'bfloat16', uniform(-1.0, 2.0, (16,), 'bfloat16', key(3)))

# normal: float32 standard, float16 with loc 1.5 and scale 0.25
LOW = np.nextafter(np.float32(-1), np.float32(0))
u = uniform(LOW, np.float32(1), (64,), 'float32', key(4))
case('normal_f32', 'float32', np.array([f32(float(np.float32(math.sqrt(2))) * f32(erfinv(v))) for v in u]))
u = uniform(LOW, np.float32(1), (2, 8), 'float32', key(5))
scale16 = op(np.multiply, 'float16', cast(math.sqrt(2), 'float16'), cast(0.25, 'float16'))
e16 = cast(np.array([erfinv(v) for v in u.ravel()]).reshape(2, 8), 'float16')
case('normal_f16_loc_scale', 'float16', op(np.add, 'float16', cast(1.5, 'float16'), op(np.multiply, 'float16', scale16, e16)))

# truncated normal on [-1, 0.5] in float32
sq2 = np.float32(math.sqrt(2))
a = f32(math.erf(f32(np.float32(-1.0) / sq2)))
b = f32(math.erf(f32(np.float32(0.5) / sq2)))
u = uniform(a, b, (32,), 'float32', key(6))
t = np.array([f32(sq2 * f32(erfinv(v))) for v in u], dtype=np.float32)
case('truncated_normal_f32', 'float32', np.maximum(np.minimum(np.float32(0.5), t), np.float32(-1.0)))

# gumbel in float32
u = uniform(0.0, 1.0, (32,), 'float32', key(7))
case('gumbel_f32', 'float32', np.array([-math.log(f32(-math.log(v))) for v in u]))

# bernoulli: a scalar p and a per-element p
upper = np.nextafter(UINT32_MAX_F, np.float32(np.inf))
case('bernoulli_scalar', 'bool', bits((64,), key(8)).astype(np.float32) < np.float32(0.3) * upper)
p = (np.arange(16, dtype=np.float32) / np.float32(15)).reshape(4, 4)
case('bernoulli_array', 'bool', bits((4, 4), key(9)).astype(np.float32) < p * upper)

# randint: int32 [-5, 17), uint8 [3, 250), int64 [-2^40, 2^40 + 3)
r = bits((40,), key(10)).astype(np.uint64) % np.uint64(22)
case('randint_i32', 'int32', (r.astype(np.int64) - 5).astype(np.int32))
r = bits((3, 5), key(11)).astype(np.uint64) % np.uint64(247)
case('randint_u8', 'uint8', (r + np.uint64(3)).astype(np.uint8))
k1, k2 = split(key(12))
lo_b, hi_b = bits((10,), k1).astype(np.uint64), bits((10,), k2).astype(np.uint64)
raw = (hi_b << np.uint64(32)) | lo_b
low64, high64 = -(1 << 40), (1 << 40) + 3
off = raw % np.uint64(high64 - low64)
case('randint_i64', 'int64', (np.uint64(low64 & 0xFFFFFFFFFFFFFFFF) + off).view(np.int64))

# categorical over the last axis of [3, 5] logits and over axis 0
logits = np.log(np.array([[1, 2, 3, 4, 5], [5, 1, 1, 1, 1], [1, 1, 8, 1, 1]], dtype=np.float32)).astype(np.float32)


def categorical(logits, axis, k):
    gshape = logits.shape
    u = uniform(0.0, 1.0, gshape, 'float32', k)
    g = np.array([-math.log(-math.log(float(v))) for v in u.ravel()]).reshape(gshape)
    z = g + logits.astype(np.float64)
    top = np.sort(z, axis=axis)
    margin = np.min(np.take(top, -1, axis=axis) - np.take(top, -2, axis=axis))
    assert margin > 1e-4, margin  # no near ties: float32 rounding cannot change the argmax
    return np.argmax(z, axis=axis).astype(np.uint32)


case('categorical_last', 'uint32', categorical(logits, 1, key(13)))
case('categorical_first', 'uint32', categorical(logits, 0, key(14)))

# permutations
case('permutation_n', 'uint32', np.argsort(bits((20,), key(15)), kind='stable').astype(np.uint32))
rows = np.arange(12, dtype=np.float32).reshape(4, 3)
case('permutation_rows', 'float32', rows[np.argsort(bits((4,), key(16)), kind='stable')])

with open('random_golden.txt', 'w') as out:
    for name, dtype, shape, values in cases:
        if dtype == 'bool':
            vals = ','.join('1' if v else '0' for v in values)
        elif dtype.startswith(('int', 'uint')):
            vals = ','.join(str(int(v)) for v in values)
        else:
            vals = ','.join(repr(float(v)) for v in values)
        out.write(f"{name} | {dtype} | {','.join(map(str, shape))} | {vals}\n")
print(f"wrote {len(cases)} cases")
