"""Writes indexing_golden.txt: NumPy's results for get / set / at-add on arange arrays.

Run from this folder with `python3 indexing_golden.py`. Line format (fields separated by ' | '):
  kind | source shape | index items | value (set/add only, else -) | result shape | result values
Items are ';'-separated: i:<int>, s:<start>:<stop>:<step> (empty = None), N (new axis), E (ellipsis),
a:<shape>:<values> (integer array), m:<shape>:<0/1 values> (boolean mask).
"""
import numpy as np

def enc_items(items):
    out = []
    for it in items:
        if it is None:
            out.append("N")
        elif it is Ellipsis:
            out.append("E")
        elif isinstance(it, int):
            out.append(f"i:{it}")
        elif isinstance(it, slice):
            f = lambda v: "" if v is None else str(v)
            out.append(f"s:{f(it.start)}:{f(it.stop)}:{f(it.step)}")
        elif isinstance(it, np.ndarray) and it.dtype == bool:
            out.append("m:" + ",".join(map(str, it.shape)) + ":" + ",".join(str(int(v)) for v in it.ravel()))
        else:
            a = np.asarray(it)
            out.append("a:" + ",".join(map(str, a.shape)) + ":" + ",".join(str(int(v)) for v in a.ravel()))
    return ";".join(out)

def fmt(a):
    a = np.asarray(a)
    return ",".join(map(str, a.shape)) + " | " + ",".join(repr(float(v)) for v in a.ravel())

rng = np.random.default_rng(3)
cases = [
    ((5,), (1,)), ((5,), (-1,)), ((5,), (slice(1, 4),)), ((5,), (slice(None, None, -1),)),
    ((5,), (slice(None, None, -2),)), ((5,), (slice(-2, None),)), ((5,), (slice(10, 20),)),
    ((3, 4), (1,)), ((3, 4), (slice(None), 2)), ((3, 4), (Ellipsis, 1)), ((3, 4), (None, 1)),
    ((3, 4), (slice(None), None, slice(1, 3))), ((3, 4), (slice(None, None, -1), slice(None, None, 2))),
    ((2, 3, 4), (Ellipsis, None)), ((2, 3, 4), (1, Ellipsis, slice(1, 3))), ((2, 3, 4), (slice(None), -1, slice(None, None, -1))),
    ((5,), (np.array([0, 3, -1, 3]),)), ((4, 3), (np.array([[0, 1], [3, 2]]),)),
    ((4, 3), (slice(1, None), np.array([0, 2]))), ((4, 3), (np.array([0, 2]), np.array([1, 0]))),
    ((2, 3, 4), (np.array([0, 1]), slice(None), np.array([3, 0]))),
    ((2, 3, 4), (slice(None), np.array([2, 0]), np.array([1, 1]))),
    ((2, 3, 4), (1, slice(None), np.array([0, 2]))), ((2, 3, 4), (Ellipsis, np.array([[0], [3]]))),
    ((3, 4), (None, np.array([0, 2]))), ((4,), (np.array([True, False, True, True]),)),
    ((3, 4), (np.array([True, False, True]), slice(1, 3))),
]
with open("indexing_golden.txt", "w") as f:
    for shape, items in cases:
        x = np.arange(np.prod(shape), dtype=np.float32).reshape(shape)
        f.write(f"get | {','.join(map(str, shape))} | {enc_items(items)} | - | {fmt(x[items])}\n")
    for shape, items in cases[:24]:
        x = np.arange(np.prod(shape), dtype=np.float32).reshape(shape)
        target = x[items].shape
        value = rng.integers(-9, 9, size=target[-1:] if len(target) else ()).astype(np.float32)
        y = x.copy()
        y[items] = value
        f.write(f"set | {','.join(map(str, shape))} | {enc_items(items)} | {fmt(value)} | {fmt(y)}\n")
    for shape, items in [((5,), (np.array([0, 3, 3, 1, 3]),)), ((4, 3), (np.array([0, 0, 2]), slice(None)))]:
        x = np.arange(np.prod(shape), dtype=np.float32).reshape(shape)
        value = np.float32(1.5)
        y = x.copy()
        np.add.at(y, items, value)
        f.write(f"add | {','.join(map(str, shape))} | {enc_items(items)} | {fmt(value)} | {fmt(y)}\n")
