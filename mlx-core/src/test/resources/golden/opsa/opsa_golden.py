"""Reference values for the op-surface tests (OpSurface*Test): NumPy computes each case on random inputs.

Run from this folder: python3 opsa_golden.py  (writes opsa_golden.npz; NumPy 2.x).
Every entry is named <case>_in (or _in0, _in1, ...) for inputs and <case>_out for the expected result.
"""
import numpy as np
from numpy.lib.stride_tricks import as_strided

rng = np.random.default_rng(20261203)
out = {}


def put(name, **arrays):
    for k, v in arrays.items():
        out[f"{name}_{k}"] = np.asarray(v)


# creation
put("tri", out=np.tri(4, 5, 1, dtype=np.float32))
x = rng.standard_normal((3, 4, 5))
for k in (-1, 0, 2):
    put(f"tril_k{k + 1}", inp=x, out=np.tril(x, k))
    put(f"triu_k{k + 1}", inp=x, out=np.triu(x, k))
for m in (0, 1, 2, 7, 12):
    put(f"bartlett{m}", out=np.bartlett(m))
    put(f"hanning{m}", out=np.hanning(m))
    put(f"hamming{m}", out=np.hamming(m))
    put(f"blackman{m}", out=np.blackman(m))
a, b, c = np.arange(3.0), np.arange(4.0) * 2, np.arange(2.0) - 5
for ix in ("xy", "ij"):
    g = np.meshgrid(a, b, c, indexing=ix)
    for i, gi in enumerate(g):
        put(f"meshgrid_{ix}{i}", out=gi)

# element-wise and logic
p = rng.standard_normal(40)
q = p + rng.standard_normal(40) * 1e-6 * rng.integers(0, 3, 40)
p[[3, 5, 7, 9]] = [np.inf, -np.inf, np.nan, np.nan]
q[[3, 5, 7, 9, 11]] = [np.inf, np.inf, np.nan, 1.0, np.inf]
put("isclose", in0=p, in1=q, out=np.isclose(p, q, rtol=1e-5, atol=1e-8))
put("isclose_nan", in0=p, in1=q, out=np.isclose(p, q, rtol=1e-3, atol=1e-4, equal_nan=True))
t = rng.standard_normal(50) * np.array([1e-3, 1, 1e3, 1e7, 1e9] * 10)
t[:4] = [0.5, -0.5, -2.5, 2.5]
put("trunc", inp=t, out=np.trunc(t))
put("trunc32", inp=t.astype(np.float32), out=np.trunc(t.astype(np.float32)))
n2n = np.array([1.0, np.nan, np.inf, -np.inf, -2.0])
put("nan_to_num", inp=n2n, out=np.nan_to_num(n2n))
put("nan_to_num32", inp=n2n.astype(np.float32), out=np.nan_to_num(n2n.astype(np.float32)))
put("nan_to_num_args", inp=n2n, out=np.nan_to_num(n2n, nan=7.0, posinf=100.0, neginf=-100.0))
l0, l1 = rng.integers(-1, 2, (3, 4)), rng.integers(0, 2, (4,))
put("logical_xor", in0=l0, in1=l1, out=np.logical_xor(l0, l1))

# reductions
x = rng.standard_normal((4, 5, 6))
put("median_all", inp=x, out=np.median(x))
put("median_ax1", inp=x, out=np.median(x, axis=1))
put("median_ax02", inp=x, out=np.median(x, axis=(0, 2)))
put("median_ax2k", inp=x, out=np.median(x, axis=2, keepdims=True))
xi = rng.integers(-5, 6, (5, 7))
put("median_int", inp=xi, out=np.median(xi, axis=0))
put("count_nonzero", inp=xi, out=np.count_nonzero(xi, axis=1))
put("count_nonzero_all", inp=xi, out=np.count_nonzero(xi))

# sort and scan
s = np.sort(rng.integers(0, 10, 20)).astype(np.float64)
v = rng.integers(-1, 12, (3, 5)).astype(np.float64)
put("searchsorted_left", in0=s, in1=v, out=np.searchsorted(s, v, side="left"))
put("searchsorted_right", in0=s, in1=v, out=np.searchsorted(s, v, side="right"))
sn = np.array([-1.0, 0.5, 0.5, 2.0, np.nan, np.nan])
vn = np.array([[np.nan, 0.5, 3.0], [-2.0, 2.0, np.inf]])
put("searchsorted_nan_left", in0=sn, in1=vn, out=np.searchsorted(sn, vn, side="left"))
put("searchsorted_nan_right", in0=sn, in1=vn, out=np.searchsorted(sn, vn, side="right"))
x = rng.standard_normal((4, 6))
put("diff1", inp=x, out=np.diff(x))
put("diff2_ax0", inp=x, out=np.diff(x, n=2, axis=0))
put("diff3_pa", inp=x, out=np.diff(x, n=3, axis=1, prepend=x[:, :2], append=1.5))
xb = rng.integers(0, 2, 9).astype(bool)
put("diff_bool", inp=xb, out=np.diff(xb))

# shapes
x = rng.standard_normal((3, 4, 5))
put("flip_all", inp=x, out=np.flip(x))
put("flip_02", inp=x, out=np.flip(x, axis=(0, 2)))
put("roll_3_ax1", inp=x, out=np.roll(x, 3, axis=1))
put("roll_m7_ax2", inp=x, out=np.roll(x, -7, axis=2))
put("roll_flat", inp=x, out=np.roll(x, 11))
put("roll_multi", inp=x, out=np.roll(x, (1, -2), axis=(0, 2)))
put("repeat_ax1", inp=x, out=np.repeat(x, 3, axis=1))
put("repeat_flat", inp=x, out=np.repeat(x, 2))
put("tile_23", inp=x, out=np.tile(x, (2, 3)))
put("tile_2111", inp=x, out=np.tile(x, (2, 1, 1, 2)))
y = rng.standard_normal((3, 4))
for mode in ("edge", "reflect", "symmetric"):
    put(f"pad_{mode}", inp=y, out=np.pad(y, ((2, 7), (5, 1)), mode=mode))
put("pad_constant", inp=y, out=np.pad(y, ((1, 2), (0, 3)), mode="constant", constant_values=2.5))
put("diagonal", inp=x, out=np.diagonal(x))
put("diagonal_o1_21", inp=x, out=np.diagonal(x, offset=1, axis1=2, axis2=1))
put("diagonal_om2_02", inp=x, out=np.diagonal(x, offset=-2, axis1=0, axis2=2))
d1 = rng.standard_normal(4)
put("diag_1d_k2", inp=d1, out=np.diag(d1, 2))
put("diag_1d_km1", inp=d1, out=np.diag(d1, -1))
put("diag_2d_k1", inp=y, out=np.diag(y, 1))
put("trace", inp=x, out=np.trace(x))
put("trace_o1_12", inp=x, out=np.trace(x, offset=1, axis1=1, axis2=2))
e = x.itemsize
put("as_strided", inp=x, out=as_strided(x.reshape(-1), shape=(4, 3), strides=(5 * e, 2 * e))[:, :] + 0)
put("as_strided_off", inp=x, out=as_strided(x.reshape(-1)[7:], shape=(3, 2, 2), strides=(10 * e, 1 * e, 3 * e)) + 0)
f = rng.standard_normal((2, 6)).astype(np.float32)
put("view_i32", inp=f, out=f.view(np.int32))
put("view_u8", inp=f, out=f.view(np.uint8))
put("view_f16", inp=f, out=f.view(np.float16))
h = rng.standard_normal((2, 4)).astype(np.float16)
put("view_f16_to_f32", inp=h, out=h.view(np.float32))

# random: the square root MLX's multivariate_normal takes of a covariance (U sqrt(S) V^T of its SVD)
A = rng.standard_normal((2, 3, 3))
cov = (A @ A.transpose(0, 2, 1) + 0.1 * np.eye(3)).astype(np.float32)
u, sv, vt = np.linalg.svd(cov.astype(np.float64))
put("mvn", cov=cov, root=u @ (np.sqrt(sv)[..., None] * vt))

np.savez("opsa_golden.npz", **out)
print(len(out), "arrays")
