"""Golden values for LinalgGoldenTest: random inputs and NumPy's results (float64), in linalg.npz.

Run from this folder: python3 generate.py (NumPy 2.x). Decompositions that are unique only up to signs or
phases are stored normalised (see the comments); LU uses the textbook partial-pivoting algorithm below, which
picks the same pivots as LAPACK's getrf on inputs without ties.
"""
import numpy as np

rng = np.random.default_rng(20261203)
out = {}


def put(name, value):
    out[name] = np.asarray(value)


def lu_reference(a):
    a = a.copy()
    m, n = a.shape
    k = min(m, n)
    rows = np.arange(m)
    pivots = np.zeros(k, dtype=np.uint32)
    for j in range(k):
        p = j + int(np.argmax(np.abs(a[j:, j])))
        pivots[j] = p
        a[[j, p]] = a[[p, j]]
        rows[[j, p]] = rows[[p, j]]
        if a[j, j] != 0:
            a[j + 1:, j] /= a[j, j]
            a[j + 1:, j + 1:] -= np.outer(a[j + 1:, j], a[j, j + 1:])
    p = np.empty(m, dtype=np.uint32)
    p[rows] = np.arange(m)  # a == L[p] @ U
    return a, pivots, p


def positive_columns(v):
    """Each column's sign flipped so that its largest-magnitude component is positive."""
    idx = np.argmax(np.abs(v), axis=-2)
    s = np.sign(np.take_along_axis(v, idx[..., None, :], axis=-2))
    return v * s


def spd(shape):
    x = rng.standard_normal(shape)
    return x @ np.swapaxes(x, -1, -2) + shape[-1] * np.eye(shape[-1])


# shapes: a single matrix, a batch, tall and wide
square = {"s4": (4, 4), "b3x5": (2, 3, 5, 5), "s1": (1, 1)}
rect = {"t6x4": (6, 4), "w3x5": (3, 5), "bt2x7x3": (2, 7, 3)}

for name, shape in {**square, **rect}.items():
    a = rng.standard_normal(shape)
    put(f"{name}.a", a)
    # norms over the last two axes (matrix) and the last axis (vector)
    for ordname, o in [("fro", "fro"), ("nuc", "nuc"), ("1", 1), ("m1", -1), ("2", 2), ("m2", -2), ("inf", np.inf),
                       ("minf", -np.inf)]:
        put(f"{name}.norm.{ordname}", np.linalg.norm(a, o, axis=(-2, -1)))
    for ordname, o in [("0", 0), ("1", 1), ("2", 2), ("3", 3), ("half", 0.5), ("inf", np.inf), ("minf", -np.inf)]:
        put(f"{name}.vnorm.{ordname}", np.linalg.norm(a, o, axis=-1))
    put(f"{name}.norm.all", np.linalg.norm(a.reshape(-1)))
    # QR, normalised so that diag(r) >= 0
    q, r = np.linalg.qr(a)
    d = np.sign(np.diagonal(r, axis1=-2, axis2=-1))
    d[d == 0] = 1
    put(f"{name}.qr.q", q * d[..., None, :])
    put(f"{name}.qr.r", r * d[..., :, None])
    put(f"{name}.svd.s", np.linalg.svd(a, compute_uv=False))
    put(f"{name}.pinv", np.linalg.pinv(a))
    lus = [lu_reference(x) for x in a.reshape(-1, *shape[-2:])]
    put(f"{name}.lu.lu", np.stack([x[0] for x in lus]).reshape(shape))
    put(f"{name}.lu.pivots", np.stack([x[1] for x in lus]).reshape(*shape[:-2], -1))
    put(f"{name}.lu.p", np.stack([x[2] for x in lus]).reshape(*shape[:-2], -1))

for name, shape in square.items():
    a = out[f"{name}.a"]
    n = shape[-1]
    put(f"{name}.inv", np.linalg.inv(a))
    put(f"{name}.det", np.linalg.det(a))
    sign, logdet = np.linalg.slogdet(a)
    put(f"{name}.slogdet.sign", sign)
    put(f"{name}.slogdet.logabsdet", logdet)
    b = rng.standard_normal(shape[:-1] + (3,))
    put(f"{name}.b", b)
    put(f"{name}.solve", np.linalg.solve(a, b))
    bv = rng.standard_normal(shape[:-1])
    put(f"{name}.bv", bv)
    put(f"{name}.solve.v", np.linalg.solve(a, bv[..., None])[..., 0])
    lower = np.tril(a)
    put(f"{name}.tri_inv.lower", np.linalg.inv(lower))
    put(f"{name}.tri_inv.upper", np.linalg.inv(np.triu(a)))
    put(f"{name}.solve_triangular.lower", np.linalg.solve(lower, b))
    put(f"{name}.solve_triangular.upper", np.linalg.solve(np.triu(a), b))
    s = spd(shape)
    # only one triangle is read: garbage in the other
    put(f"{name}.spd_lower", np.tril(s) + np.triu(rng.standard_normal(shape), 1))
    put(f"{name}.spd_upper", np.triu(s) + np.tril(rng.standard_normal(shape), -1))
    chol = np.linalg.cholesky(s)
    put(f"{name}.cholesky", chol)
    put(f"{name}.cholesky_inv", np.linalg.inv(s))
    w, v = np.linalg.eigh(s)
    put(f"{name}.eigh.w", w)
    put(f"{name}.eigh.v", positive_columns(v))
    ev = np.linalg.eigvals(a)
    put(f"{name}.eigvals.sorted_re", np.sort_complex(ev).real)
    put(f"{name}.eigvals.sorted_im", np.sort_complex(ev).imag)

# cross products: 3-vectors, 2-vectors padded, broadcasting, another axis
x3, y3 = rng.standard_normal((4, 3)), rng.standard_normal((2, 1, 3))
put("cross.x3", x3)
put("cross.y3", y3)
put("cross.xy3", np.cross(x3, y3))
x2, y2 = rng.standard_normal((5, 2)), rng.standard_normal((5, 2))
put("cross.x2", x2)
put("cross.y2", y2)
put("cross.xy2", np.cross(np.pad(x2, ((0, 0), (0, 1))), np.pad(y2, ((0, 0), (0, 1)))))
xa, ya = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
put("cross.xa", xa)
put("cross.ya", ya)
put("cross.xya", np.cross(xa, ya, axis=0))

np.savez("linalg.npz", **out)
