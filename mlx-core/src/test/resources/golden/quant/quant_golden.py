"""Golden values for mlx4j's quantization (QuantizationGoldenTest), written from MLX's description of its formats.

Run from this folder: python3 quant_golden.py > quant_golden.txt   (numpy only)

Affine (mlx.core.quantize, mode "affine"): per group of `gs` values along the last axis, in float32,
    scale = max((max - min) / (2^bits - 1), 1e-7), negated unless |min| > |max|;
    edge = min if |min| > |max| else max; q0 = rint(edge / scale);
    if q0 != 0: scale = edge / q0, bias = edge, else bias = 0;
    code = clip(rint((w - bias) / scale), 0, 2^bits - 1); scales and biases stored in w's dtype.
Packing: 2, 4, 8 bits: 32/bits codes per uint32 word, code k at shift k*bits; 3 and 5 bits: 8 codes per
3 (resp. 5) little-endian bytes, 6 bits: 4 codes per 3 bytes, code k at bit k*bits of the pack; the bytes
of the row read as little-endian uint32 words.
mxfp4 / mxfp8: scale exponent e = rint(log2(max|w| / m)) (m = 6 for fp4, 448 for fp8; e = 0 for a zero
group), stored as e + 127 (E8M0); values w / 2^e encoded as FP4 E2M1 (the nearest of the 16 values, the first
on ties in the order +0, 0.5, ..., 6, -0, ..., -6) or FP8 E4M3. nvfp4: scale = to_fp8(max|w| / 6) (E4M3),
values w / from_fp8(scale) as FP4 E2M1. FP4 codes are packed as 4-bit codes, FP8 codes as 8-bit ones.
FP8 E4M3 (to_fp8): nearest representable value, ties to the even code; magnitudes >= 464, inf and nan
give the largest finite (0x7E) with the sign. Dequantized values: scale * code + bias (affine), value * scale.
"""
import numpy as np

rng = np.random.default_rng(20261203)
F32 = np.float32
FP4 = np.array([0, .5, 1, 1.5, 2, 3, 4, 6, -0., -.5, -1, -1.5, -2, -3, -4, -6], dtype=F32)


def fp8_value(b):
    s = -1.0 if b & 0x80 else 1.0
    e, m = (b >> 3) & 0xF, b & 7
    if e == 0:
        return s * m * 2.0 ** -9
    if e == 15 and m == 7:
        return float('nan')
    return s * (1 + m / 8) * 2.0 ** (e - 7)


FP8 = np.array([fp8_value(b) for b in range(256)])
POS = [(FP8[b], b) for b in range(127)]  # finite non-negative codes 0x00..0x7E, increasing


def to_fp8(x):
    x = float(F32(x))
    sign = 0x80 if np.signbit(x) else 0
    a = abs(x)
    if not a < 464.0:
        return sign | 0x7E
    best = None
    for v, b in POS:
        d = abs(v - a)
        if best is None or d < best[0] or (d == best[0] and b % 2 == 0):
            best = (d, b)
    return sign | best[1]


def pack(codes, bits):
    codes = [int(c) for c in codes]
    out = bytearray()
    if bits in (2, 4, 8):
        per = 32 // bits
        for i in range(0, len(codes), per):
            word = 0
            for k in range(per):
                word |= codes[i + k] << (k * bits)
            out += word.to_bytes(4, 'little')
    else:
        per, nbytes = (8, 3) if bits == 3 else (8, 5) if bits == 5 else (4, 3)
        for i in range(0, len(codes), per):
            v = 0
            for k in range(per):
                v |= codes[i + k] << (k * bits)
            out += v.to_bytes(nbytes, 'little')
    return np.frombuffer(bytes(out), dtype='<u4')


def affine(w, gs, bits):
    n_bins = F32((1 << bits) - 1)
    rows = w.reshape(-1, gs)
    wq, scales, biases, deq = [], [], [], []
    for g in rows:
        wmax, wmin = F32(g.max()), F32(g.min())
        mask = abs(wmin) > abs(wmax)
        scale = max(F32((wmax - wmin) / n_bins), F32(1e-7))
        scale = scale if mask else -scale
        edge = wmin if mask else wmax
        q0 = np.rint(F32(edge / scale))
        bias = F32(0)
        if q0 != 0:
            scale = F32(edge / q0)
            bias = edge
        codes = np.clip(np.rint((g.astype(F32) - bias) / F32(scale)), 0, n_bins).astype(np.int64)
        wq.append(codes)
        s_out, b_out = w.dtype.type(scale), w.dtype.type(bias)
        scales.append(s_out)
        biases.append(b_out)
        deq.append(codes.astype(F32) * F32(s_out) + F32(b_out))
    k = w.shape[-1]
    codes = np.concatenate(wq).reshape(-1, k)
    packed = np.concatenate([pack(r, bits) for r in codes])
    return packed, np.array(scales, dtype=F32), np.array(biases, dtype=F32), np.concatenate(deq).astype(F32)


def floats(w, mode):
    gs = 16 if mode == 'nvfp4' else 32
    bits = 8 if mode == 'mxfp8' else 4
    maxval = F32(6.0 if bits == 4 else 448.0)
    codes, scodes, deq = [], [], []
    for g in w.reshape(-1, gs).astype(F32):
        s = F32(np.abs(g).max() / maxval)
        if mode == 'nvfp4':
            sc = to_fp8(s)
            sv = F32(FP8[sc])
            v = g / sv
        else:
            e = 0 if s == 0 else int(np.rint(np.log2(s)))
            sc = e + 127
            sv = F32(2.0 ** e)
            v = g / sv
        scodes.append(sc)
        if bits == 4:
            c = [int(np.argmin(np.abs(F32(x) - FP4))) for x in v]
            vals = FP4[c]
        else:
            c = [to_fp8(x) for x in v]
            vals = FP8[c].astype(F32)
        codes += c
        dscale = F32(FP8[sc]) if mode == 'nvfp4' else F32(2.0 ** (sc - 127))
        deq.append(vals * dscale)
    k = w.shape[-1]
    packed = np.concatenate([pack(r, bits) for r in np.array(codes).reshape(-1, k)])
    return packed, np.array(scodes), np.concatenate(deq).astype(F32)


def fl(a):  # Java's Float.parseFloat spellings
    names = {'inf': 'Infinity', '-inf': '-Infinity', 'nan': 'NaN'}
    return ','.join(names.get(repr(float(v)), repr(float(v))) for v in np.asarray(a, dtype=F32).ravel())


def it(a):
    return ','.join(str(int(v)) for v in np.asarray(a).ravel())


def sh(s):
    return ','.join(str(d) for d in s)


for dtype in ('float32', 'float16'):
    for gs in (32, 64, 128):
        for bits in (2, 3, 4, 5, 6, 8):
            shape = (3, 2 * gs) if (gs + bits) % 2 else (2, 2, gs)
            w = (rng.standard_normal(shape) * rng.uniform(0.1, 3)).astype(dtype)
            if bits == 4 and gs == 64:
                w.reshape(-1, gs)[0] = 0  # a zero group: q0 == 0, bias 0
                w.reshape(-1, gs)[1] = np.abs(w.reshape(-1, gs)[1])  # non-negative group
            if dtype == 'float16' and gs != 64:
                continue
            packed, scales, biases, deq = affine(w, gs, bits)
            print(' | '.join(['affine', dtype, sh(shape), str(gs), str(bits), fl(w), it(packed), fl(scales), fl(biases), fl(deq)]))

for mode in ('mxfp4', 'nvfp4', 'mxfp8'):
    for shape in ((2, 64), (3, 2, 32)):
        w = (rng.standard_normal(shape) * rng.uniform(0.01, 40)).astype(F32)
        if mode != 'nvfp4':
            w.reshape(-1, 32)[1] = 0  # a zero group: exponent 0
        packed, scodes, deq = floats(w, mode)
        print(' | '.join([mode, 'float32', sh(shape), fl(w), it(packed), it(scodes), fl(deq)]))

special = [0.0, -0.0, 448.0, 464.0, 463.9, 500.0, -1e9, float('inf'), float('nan'), 2.0 ** -9, 2.0 ** -10,
           3 * 2.0 ** -10, 2.0 ** -6, 1.0625, 1.1875, 240.0, 232.0, 0.01, -0.3]
x = np.concatenate([np.array(special, dtype=F32), (rng.standard_normal(200) * 10).astype(F32),
                    (rng.standard_normal(100) * 0.01).astype(F32)])
codes = [to_fp8(v) for v in x]
print(' | '.join(['fp8', fl(x), it(codes), ','.join(repr(float(FP8[c])) for c in codes)]))
