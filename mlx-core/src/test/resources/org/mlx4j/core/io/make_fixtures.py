"""Writes the numpy/safetensors fixtures read by the org.mlx4j.core.io tests.

Element i of every array is ((37 * i + 11) % 101) - 50 (unsigned types: without the - 50; bool: odd),
divided by 4 for floating types, with NaN, +inf, -inf and -0.0 at flat positions 1, 2, 3 and 4 of
floating arrays with more than 4 elements. Run from this directory: python3 make_fixtures.py
"""
import json, struct
import numpy as np

def values(n, kind):
    v = np.array([((37 * i + 11) % 101) for i in range(n)], dtype=np.int64)
    if kind == 'u':
        return v
    if kind == 'b':
        return (v % 2) == 1
    v = v - 50
    if kind == 'i':
        return v
    f = v.astype(np.float64) / 4.0
    if n > 4:
        f[1], f[2], f[3], f[4] = np.nan, np.inf, -np.inf, -0.0
    return f

def make(dtype, shape):
    n = int(np.prod(shape)) if len(shape) else 1
    kind = np.dtype(dtype).kind
    return values(n, 'f' if kind in 'fc' else kind).astype(dtype).reshape(shape)

for name, dt in [('bool', '?'), ('uint8', 'u1'), ('uint16', 'u2'), ('uint32', 'u4'), ('uint64', 'u8'),
                 ('int8', 'i1'), ('int16', 'i2'), ('int32', 'i4'), ('int64', 'i8'),
                 ('float16', 'f2'), ('float32', 'f4'), ('float64', 'f8'), ('complex64', 'c8')]:
    np.save(f'{name}_2x3x5.npy', make('<' + dt if dt not in ('?', 'u1', 'i1') else dt, (2, 3, 5)))

np.save('float32_be_4x3.npy', make('>f4', (4, 3)))
np.save('int64_be_7.npy', make('>i8', (7,)))
np.save('float32_fortran_2x3x4.npy', np.asfortranarray(make('<f4', (2, 3, 4))))
np.save('int32_scalar.npy', make('<i4', ()))
np.save('float32_empty_0x3.npy', make('<f4', (0, 3)))
with open('float32_v2_3x4.npy', 'wb') as f:
    np.lib.format.write_array(f, make('<f4', (3, 4)), version=(2, 0))
with open('float32_v3_3x4.npy', 'wb') as f:
    np.lib.format.write_array(f, make('<f4', (3, 4)), version=(3, 0))
np.savez('pair.npz', weights=make('<f4', (3, 4)), ids=make('<i4', (5,)))
np.savez_compressed('pair_compressed.npz', weights=make('<f4', (3, 4)), ids=make('<i4', (5,)))

def safetensors(path, tensors, metadata):
    header, blobs, off = {}, [], 0
    if metadata:
        header['__metadata__'] = metadata
    for name, (code, shape, raw) in tensors.items():
        header[name] = {'dtype': code, 'shape': list(shape), 'data_offsets': [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))

f32 = make('<f4', (2, 5))
bf16 = (f32.view('<u4') >> 16).astype('<u2')  # exact: every value here has a zero low half
safetensors('model.safetensors',
            {'layer.weight': ('F32', (2, 5), f32.tobytes()),
             'layer.bf16': ('BF16', (2, 5), bf16.tobytes()),
             'step': ('I64', (), make('<i8', ()).tobytes()),
             'mask': ('BOOL', (3,), make('?', (3,)).tobytes())},
            {'format': 'mlx', 'note': 'fixture "quoted" \u00e9'})
