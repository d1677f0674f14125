"""Writes along_axis_golden.txt: NumPy's take_along_axis / put_along_axis on seeded random inputs.

Run from this folder with `python3 along_axis_golden.py`. Line format (fields separated by ' | '):
  take   | axis | src shape | src values | indices shape | indices values | result shape | result values
  put    | axis | src shape | src values | indices shape | indices values | values shape | values | result shape | result values
  putadd | (as put; repeated indices accumulate, as np.add.at)
Shapes and values are ','-separated; floats are float32 values printed exactly (repr of the float64 they widen to).
"""
import numpy as np

rng = np.random.default_rng(11)

def ints(a):
    return ",".join(str(int(v)) for v in np.asarray(a).ravel())

def shp(a):
    return ",".join(map(str, np.asarray(a).shape))

def flts(a):
    return ",".join(repr(float(v)) for v in np.asarray(a, dtype=np.float32).ravel())

def src(shape):
    return rng.uniform(-5, 5, size=shape).astype(np.float32)

def along_axis_index(idx, axis, ndim):
    """The full fancy-index tuple that addresses a[..., idx[...], ...] along axis (for np.add.at)."""
    grids = list(np.indices(idx.shape, sparse=True))
    grids[axis] = idx
    return tuple(grids)

lines = []
# take_along_axis: (source shape, indices shape, axis, index range allows negatives)
take_cases = [
    ((6,), (4,), 0, True),
    ((3, 5), (3, 2), 1, False),
    ((3, 5), (3, 7), -1, True),
    ((4, 3), (2, 3), 0, False),
    ((4, 3), (6, 1), 0, True),      # indices broadcast along the other axis
    ((3, 4), (1, 2), 1, False),     # indices broadcast along the other axis
    ((2, 3, 4), (2, 5, 4), 1, True),
    ((2, 3, 4), (2, 3, 2), 2, False),
    ((2, 3, 4), (1, 3, 1), 0, True),
]
for shape, ishape, axis, neg in take_cases:
    a = src(shape)
    n = shape[axis]
    idx = rng.integers(-n if neg else 0, n, size=ishape)
    out = np.take_along_axis(a, idx, axis=axis)
    lines.append(f"take | {axis} | {shp(a)} | {flts(a)} | {shp(idx)} | {ints(idx)} | {shp(out)} | {flts(out)}")

# put_along_axis: distinct indices per lane (NumPy leaves the winner of repeated writes unspecified)
put_cases = [
    ((6,), (3,), 0),
    ((3, 5), (3, 2), 1),
    ((4, 3), (2, 3), 0),
    ((2, 3, 4), (2, 2, 4), 1),
    ((2, 3, 4), (2, 3, 4), -1),
]
for shape, ishape, axis in put_cases:
    a = src(shape)
    ax = axis % len(shape)
    n = shape[ax]
    k = ishape[ax]
    lanes = np.moveaxis(np.zeros(ishape, dtype=np.int64), ax, -1)
    for pos in np.ndindex(lanes.shape[:-1]):
        lanes[pos] = rng.permutation(n)[:k]
    idx = np.moveaxis(lanes, -1, ax)
    vals = src(ishape)
    out = a.copy()
    np.put_along_axis(out, idx, vals, axis=axis)
    lines.append(f"put | {axis} | {shp(a)} | {flts(a)} | {shp(idx)} | {ints(idx)} | {shp(vals)} | {flts(vals)} | {shp(out)} | {flts(out)}")

# scatter-add along an axis, repeated indices included
add_cases = [
    ((5,), (8,), 0),
    ((3, 4), (3, 6), 1),
    ((4, 3), (5, 3), 0),
    ((2, 3, 4), (2, 5, 4), 1),
]
for shape, ishape, axis in add_cases:
    a = src(shape)
    idx = rng.integers(0, shape[axis], size=ishape)
    vals = src(ishape)
    out = a.astype(np.float64)
    np.add.at(out, along_axis_index(idx, axis, len(shape)), vals.astype(np.float64))
    lines.append(f"putadd | {axis} | {shp(a)} | {flts(a)} | {shp(idx)} | {ints(idx)} | {shp(vals)} | {flts(vals)} | {shp(out)} | {','.join(repr(float(v)) for v in out.ravel())}")

with open("along_axis_golden.txt", "w") as f:
    f.write("\n".join(lines) + "\n")
