"""Writes fft_golden.txt: NumPy's numpy.fft transforms of seeded random float32 / complex64 inputs.

Run from this folder with `python3 fft_golden.py`. One case per line, fields separated by ' | ':
  op | s | axes | input dtype | input shape | input real parts | input imaginary parts | result shape | result real | result imag
op is an mx.fft name; s and axes are ','-separated, '-' for None (the 1-d forms store n in s and the axis in
axes, '-' for n meaning the default). Inputs are float32 or complex64 values printed exactly; NumPy computes the
reference in float64 from them. fftshift / ifftshift store their axes and no s; fftfreq / rfftfreq store n in
s and the spacing d in axes, with an empty input.
"""
import numpy as np

rng = np.random.default_rng(9)
lines = []

def fmt(a):
    return ",".join(repr(float(v)) for v in np.asarray(a).ravel())

def shp(shape):
    return ",".join(map(str, shape))

def opt(v):
    return "-" if v is None else ",".join(str(int(x)) for x in v)

def data(shape, complex_in):
    re = rng.standard_normal(shape).astype(np.float32)
    im = rng.standard_normal(shape).astype(np.float32) if complex_in else np.zeros(shape, np.float32)
    return re, im

def case(op, shape, complex_in, s=None, axes=None):
    re, im = data(shape, complex_in)
    x = re.astype(np.float64) + 1j * im.astype(np.float64) if complex_in else re.astype(np.float64)
    f = getattr(np.fft, op)
    if op in ("fft", "ifft", "rfft", "irfft"):
        kw = {}
        if s is not None: kw["n"] = s[0]
        if axes is not None: kw["axis"] = axes[0]
        y = f(x, **kw)
    elif op in ("fftshift", "ifftshift"):
        y = f(x, axes=axes)
    else:
        y = f(x, s=s, axes=axes)
    y = np.asarray(y)
    lines.append(" | ".join([op, opt(s), opt(axes), "c64" if complex_in else "f32", shp(shape), fmt(re), fmt(im),
                             shp(y.shape), fmt(y.real), fmt(np.imag(y) if np.iscomplexobj(y) else np.zeros(y.shape))]))

# one-dimensional, every kind of length: powers of two, mixed radix, primes up to 13, Bluestein (larger primes)
for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17, 30, 49, 64, 97, 100, 128, 169, 243, 360, 1000, 1024, 2018):
    case("fft", (n,), True)
    case("ifft", (n,), True)
    case("rfft", (n,), False)
    if n >= 2:
        case("irfft", (n // 2 + 1,), True, s=[n])
case("irfft", (9,), True)                       # default n = 2 * (m - 1)
case("fft", (5, 12), False, axes=[0])           # real input, other axis
case("fft", (3, 10), True, s=[16])              # zero padding
case("fft", (3, 10), True, s=[7], axes=[0])     # truncation and padding on axis 0
case("ifft", (4, 6, 5), True, s=[8], axes=[1])
case("rfft", (6, 9), False, s=[12], axes=[0])
case("rfft", (4, 11), False, s=[6])
case("irfft", (3, 7), True, s=[11], axes=[0])
case("irfft", (5, 4), True, s=[5])
# n-dimensional
case("fft2", (4, 6), True, axes=[0, 1])
case("fft2", (3, 5, 8), True, axes=[-2, -1])
case("ifft2", (2, 6, 9), True, axes=[-2, -1])
case("fftn", (4, 5, 6), True)
case("fftn", (4, 5, 6), True, s=[8, 3], axes=[2, 0])
case("ifftn", (3, 4, 5), True, axes=[0, 2])
case("rfft2", (6, 10), False, axes=[-2, -1])
case("rfftn", (4, 6, 8), False)
case("rfftn", (5, 6, 7), False, s=[4, 10], axes=[2, 0])
case("irfft2", (6, 6), True, axes=[-2, -1])
case("irfftn", (4, 5, 4), True)
case("irfftn", (4, 5, 4), True, s=[6, 9], axes=[1, 2])
case("irfftn", (6, 3, 5), True, s=[5, 4], axes=[2, 0])
case("fftn", (3, 17, 4), True, axes=[1])
case("rfftn", (2, 3, 4, 5), False, axes=[0, 3])
# shifts
case("fftshift", (7,), False)
case("fftshift", (4, 5), True)
case("fftshift", (4, 5, 6), False, axes=[0, 2])
case("ifftshift", (7,), False)
case("ifftshift", (4, 5), True)
case("ifftshift", (5, 6, 3), False, axes=[1])
# frequencies
for n, d in ((1, 1.0), (8, 1.0), (9, 0.5), (10, 0.1), (15, 2.0)):
    for op in ("fftfreq", "rfftfreq"):
        y = getattr(np.fft, op)(n, d)
        lines.append(" | ".join([op, str(n), repr(d), "f32", "", "", "", shp(y.shape), fmt(y), fmt(np.zeros(y.shape))]))

with open("fft_golden.txt", "w") as f:
    f.write("\n".join(lines) + "\n")
