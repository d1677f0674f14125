"""Writes einsum_paths.txt: NumPy's optimal einsum contraction orders for ProductsTest.

Each line: subscripts|shape;shape;...|i,j;i,j;...  (the pairs of numpy.einsum_path(..., optimize="optimal"),
positions in the shrinking operand list, NumPy's convention). Run: python3 einsum_paths.py > einsum_paths.txt
"""
import numpy as np

CASES = [
    ("ij,jk,kl->il", [(2, 100), (100, 2), (2, 100)]),
    ("ij,jk,kl->il", [(100, 2), (2, 100), (100, 2)]),
    ("ab,bc,cd,de->ae", [(4, 50), (50, 3), (3, 60), (60, 5)]),
    ("abc,cd,bde->ae", [(6, 7, 8), (8, 9), (7, 9, 10)]),
    ("ea,fb,abcd,gc,hd->efgh", [(10, 10), (10, 10), (10, 10, 10, 10), (10, 10), (10, 10)]),
    ("bhqd,bhkd,bhkv->bhqv", [(2, 4, 16, 8), (2, 4, 32, 8), (2, 4, 32, 8)]),
    ("ab,cd,bc,de,ef,fa->", [(5, 6), (7, 8), (6, 7), (8, 9), (9, 10), (10, 5)]),
]

for subs, shapes in CASES:
    ops = [np.zeros(s) for s in shapes]
    path, _ = np.einsum_path(subs, *ops, optimize="optimal")
    assert all(len(step) == 2 for step in path[1:]), (subs, path)  # pairwise orders only, as mlx4j's
    pairs = ";".join(",".join(str(i) for i in step) for step in path[1:])
    print(subs + "|" + ";".join(",".join(str(d) for d in s) for s in shapes) + "|" + pairs)
