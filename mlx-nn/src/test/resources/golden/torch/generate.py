#!/usr/bin/python3
"""Golden values of mlx-nn's layers, activations, losses, optimizers and schedules from PyTorch (CPU, float64).

    /usr/bin/python3 mlx-nn/src/test/resources/golden/torch/generate.py

Run with Debian's python3-torch (1.13). Writes, beside this script, layers.npz, activations.npz, losses.npz,
optimizers.npz and schedules.npz, plus cases.json listing every case with its settings. Every npz entry is keyed
"<case>/<field>", a case is "<kind>-<variant>", and "<case>/args" holds the case's numeric settings (the Java test
TorchReferenceTest builds the mlx-nn object from kind and args). Arrays are in MLX's layouts: channels last (NLC,
NHWC, NDHWC), convolution weights [out, k..., in / groups], batch-first sequences; the conversion from PyTorch's
layout is done here, next to the PyTorch call.

Fields: x, x2, x3 ... the inputs; cot, cot2 the cotangents of the outputs; y, y2 the outputs; gx, gx2 ... the
gradients of sum(y * cot) (+ sum(y2 * cot2)) with respect to the inputs; "p.<name>" the parameters by MLX's dotted
name and "g.<name>" their gradients; "after.<name>" parameters after the forward pass (BatchNorm's running
statistics). Where MLX differs from PyTorch by design the expected values follow MLX's formula, written out here
with PyTorch tensors, and a comment says why.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
torch.manual_seed(0)  # the layers' own initialisation draws from the global generator
GEN = torch.Generator().manual_seed(20261203)


def rnd(*shape, scale=1.0):
    return (torch.rand(tuple(shape), generator=GEN) * 2 - 1) * scale


def np64(t):
    return t.detach().double().numpy().copy()


class Group:
    def __init__(self, name):
        self.name, self.arrays, self.cases = name, {}, {}

    def add(self, case, args, **fields):
        assert case not in self.cases, case
        self.cases[case] = [float(a) for a in args]
        self.arrays[case + "/args"] = np.array(args, dtype=np.float64)
        for k, v in fields.items():
            self.arrays[case + "/" + k.replace("__", ".")] = v if isinstance(v, np.ndarray) else np64(v)

    def put(self, case, key, value):
        self.arrays[case + "/" + key] = value if isinstance(value, np.ndarray) else np64(value)

    def save(self):
        np.savez(os.path.join(HERE, self.name + ".npz"), **self.arrays)
        return self.cases


def channels_last(t):
    return t.permute(0, *range(2, t.dim()), 1)


def channels_first(t):
    return t.permute(0, t.dim() - 1, *range(1, t.dim() - 1))


def run_layer(group, case, args, module, inputs, params, fwd, grads=True, to_mlx_in=None, to_mlx_out=None, extra=None):
    """Runs fwd(*inputs) (PyTorch layouts), records inputs/outputs/gradients in MLX layouts.

    params: {mlx_name: (torch_parameter, to_mlx)}; to_mlx_in/out: per-input/output layout converters."""
    inputs = [i.clone().requires_grad_(i.is_floating_point()) for i in inputs]
    outs = fwd(*inputs)
    outs = list(outs) if isinstance(outs, (tuple, list)) else [outs]
    cots = [rnd(*o.shape) for o in outs]
    total = sum((o * c).sum() for o, c in zip(outs, cots))
    diff = [i for i in inputs if i.requires_grad] + ([p for p, _ in params.values()] if grads else [])
    gs = torch.autograd.grad(total, diff, allow_unused=True)
    conv_in = to_mlx_in or [lambda t: t] * len(inputs)
    conv_out = to_mlx_out or [lambda t: t] * len(outs)
    fields = {}
    gi = iter(gs)
    for n, (i, c) in enumerate(zip(inputs, conv_in)):
        sfx = "" if n == 0 else str(n + 1)
        fields["x" + sfx] = np64(c(i)) if i.is_floating_point() else i.numpy().astype(np.int32)
        if i.requires_grad:
            fields["gx" + sfx] = np64(c(next(gi)))
    for n, (o, ct, c) in enumerate(zip(outs, cots, conv_out)):
        sfx = "" if n == 0 else str(n + 1)
        fields["y" + sfx], fields["cot" + sfx] = np64(c(o)), np64(c(ct))
    for name, (p, conv) in params.items():
        fields["p." + name] = np64(conv(p))
        if grads:
            g = next(gi)
            fields["g." + name] = np64(conv(g if g is not None else torch.zeros_like(p)))
    for k, v in (extra or {}).items():
        fields[k] = v
    group.arrays.update({case + "/" + k: v for k, v in fields.items()})
    group.cases[case] = [float(a) for a in args]
    group.arrays[case + "/args"] = np.array(args, dtype=np.float64)


def same(t):
    return t


def layers():
    g = Group("layers")
    # Linear: weight [out, in] in both.
    for bias in (1, 0):
        m = torch.nn.Linear(5, 7, bias=bool(bias))
        ps = {"weight": (m.weight, same)}
        if bias:
            ps["bias"] = (m.bias, same)
        run_layer(g, "linear-bias%d" % bias, [5, 7, bias], m, [rnd(3, 4, 5)], ps, m)
    # Bilinear: PyTorch's weight [out, in1, in2], MLX's [out, in2, in1].
    m = torch.nn.Bilinear(4, 3, 5)
    run_layer(g, "bilinear-bias1", [4, 3, 5, 1], m, [rnd(2, 6, 4), rnd(2, 6, 3)],
              {"weight": (m.weight, lambda w: w.permute(0, 2, 1)), "bias": (m.bias, same)}, m)
    # Embedding.
    m = torch.nn.Embedding(11, 6)
    ids = torch.randint(0, 11, (3, 5), generator=GEN)
    run_layer(g, "embedding-a", [11, 6], m, [ids], {"weight": (m.weight, same)}, m)
    # Convolutions: input NC... -> N...C; weight [out, in/g, k...] -> [out, k..., in/g].
    conv = {1: torch.nn.Conv1d, 2: torch.nn.Conv2d, 3: torch.nn.Conv3d}
    convt = {1: torch.nn.ConvTranspose1d, 2: torch.nn.ConvTranspose2d, 3: torch.nn.ConvTranspose3d}
    size = {1: 13, 2: 9, 3: 6}
    for d in (1, 2, 3):
        for (cin, cout, k, s, p, dil, grp, bias) in [(4, 6, 3, 1, 0, 1, 1, 1), (4, 6, 3, 2, 1, 1, 2, 1), (3, 4, 2, 1, 2, 2, 1, 0)]:
            m = conv[d](cin, cout, k, stride=s, padding=p, dilation=dil, groups=grp, bias=bool(bias))
            ps = {"weight": (m.weight, channels_last)}
            if bias:
                ps["bias"] = (m.bias, same)
            x = rnd(2, cin, *([size[d]] * d))
            run_layer(g, "conv%dd-k%ds%dp%dd%dg%db%d" % (d, k, s, p, dil, grp, bias), [d, cin, cout, k, s, p, dil, grp, bias],
                      m, [x], ps, m, to_mlx_in=[channels_last], to_mlx_out=[channels_last])
        # Transposed: PyTorch's weight [in, out, k...] -> MLX's [out, k..., in] (no flip: both are conv's gradient).
        for (cin, cout, k, s, p, dil, bias) in [(4, 3, 3, 1, 0, 1, 1), (3, 5, 3, 2, 1, 1, 1), (3, 2, 2, 2, 0, 2, 0)]:
            m = convt[d](cin, cout, k, stride=s, padding=p, dilation=dil, bias=bool(bias))
            ps = {"weight": (m.weight, lambda w: w.permute(1, *range(2, w.dim()), 0))}
            if bias:
                ps["bias"] = (m.bias, same)
            x = rnd(2, cin, *([size[d] - 2] * d))
            run_layer(g, "convtranspose%dd-k%ds%dp%dd%db%d" % (d, k, s, p, dil, bias), [d, cin, cout, k, s, p, dil, 1, bias],
                      m, [x], ps, m, to_mlx_in=[channels_last], to_mlx_out=[channels_last])
    # Grouped transposed convolution: PyTorch's [in, out / g, k...] is, per group, MLX's [out, k..., in / g].
    gr, cin, cout = 2, 4, 6
    m = torch.nn.ConvTranspose2d(cin, cout, 3, stride=2, padding=1, groups=gr)

    def grouped_t(w):
        k = w.shape[2:]
        w = w.reshape(gr, cin // gr, cout // gr, *k)  # [g, in/g, out/g, k...]
        return w.permute(0, 2, 3, 4, 1).reshape(cout, *k, cin // gr)
    run_layer(g, "convtranspose2d-k3s2p1d1g2b1", [2, cin, cout, 3, 2, 1, 1, gr, 1], m, [rnd(2, cin, 5, 5)],
              {"weight": (m.weight, grouped_t), "bias": (m.bias, same)}, m,
              to_mlx_in=[channels_last], to_mlx_out=[channels_last])
    # Pooling (average pooling counts the zero padding, PyTorch's default count_include_pad=True, as MLX).
    maxp = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
    avgp = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}
    for d in (1, 2, 3):
        for (k, s, p) in [(2, 2, 0), (3, 2, 1), (3, 1, 1)]:
            x = rnd(2, 3, *([size[d]] * d))
            run_layer(g, "maxpool%dd-k%ds%dp%d" % (d, k, s, p), [d, k, s, p], None, [x], {},
                      lambda t, d=d, k=k, s=s, p=p: maxp[d](t, k, s, p), to_mlx_in=[channels_last], to_mlx_out=[channels_last])
            run_layer(g, "avgpool%dd-k%ds%dp%d" % (d, k, s, p), [d, k, s, p], None, [x], {},
                      lambda t, d=d, k=k, s=s, p=p: avgp[d](t, k, s, p), to_mlx_in=[channels_last], to_mlx_out=[channels_last])
    # Upsample: nearest, and linear with and without aligned corners (PyTorch's linear/bilinear/trilinear).
    lin = {1: "linear", 2: "bilinear", 3: "trilinear"}
    for d in (1, 2, 3):
        x = rnd(2, 3, *([4] * d))
        for scale in (2, 3):
            run_layer(g, "upsample%dd-nearest%d" % (d, scale), [d, scale, 0, 0], None, [x], {},
                      lambda t, s=scale: F.interpolate(t, scale_factor=s, mode="nearest"),
                      to_mlx_in=[channels_last], to_mlx_out=[channels_last])
            for ac in (0, 1):
                run_layer(g, "upsample%dd-linear%dac%d" % (d, scale, ac), [d, scale, 1, ac], None, [x], {},
                          lambda t, s=scale, d=d, ac=ac: F.interpolate(t, scale_factor=s, mode=lin[d], align_corners=bool(ac)),
                          to_mlx_in=[channels_last], to_mlx_out=[channels_last])
    # Cubic: PyTorch's bicubic (Keys' kernel with a = -0.75, borders clamped), two spatial axes only.
    x = rnd(2, 3, 5, 4)
    for ac in (0, 1):
        run_layer(g, "upsample2d-cubic2ac%d" % ac, [2, 2, 2, ac], None, [x], {},
                  lambda t, ac=ac: F.interpolate(t, scale_factor=2, mode="bicubic", align_corners=bool(ac)),
                  to_mlx_in=[channels_last], to_mlx_out=[channels_last])
    # Normalisations.
    for affine in (1, 0):
        m = torch.nn.LayerNorm(6, eps=1e-5, elementwise_affine=bool(affine))
        if affine:
            with torch.no_grad():
                m.weight.copy_(rnd(6) + 1)
                m.bias.copy_(rnd(6))
        ps = {"weight": (m.weight, same), "bias": (m.bias, same)} if affine else {}
        run_layer(g, "layernorm-affine%d" % affine, [6, 1e-5, affine], m, [rnd(3, 4, 6) * 3], ps, m)
    # RMSNorm: PyTorch 1.13 has none; the plain formula x / sqrt(mean(x^2) + eps) * weight.
    w = (rnd(6) + 1).requires_grad_()
    run_layer(g, "rmsnorm-a", [6, 1e-5], None, [rnd(3, 4, 6) * 2], {"weight": (w, same)},
              lambda t: t * torch.rsqrt((t * t).mean(-1, keepdim=True) + 1e-5) * w)
    # GroupNorm: MLX's pytorch_compatible=True is PyTorch's (groups of consecutive channels).
    m = torch.nn.GroupNorm(3, 6, eps=1e-5)
    with torch.no_grad():
        m.weight.copy_(rnd(6) + 1)
        m.bias.copy_(rnd(6))
    run_layer(g, "groupnorm-torch", [3, 6, 1e-5], m, [rnd(2, 6, 5, 4) * 2],
              {"weight": (m.weight, same), "bias": (m.bias, same)}, m, to_mlx_in=[channels_last], to_mlx_out=[channels_last])
    # InstanceNorm (affine): per sample and channel over the spatial axes.
    m = torch.nn.InstanceNorm2d(4, eps=1e-5, affine=True)
    with torch.no_grad():
        m.weight.copy_(rnd(4) + 1)
        m.bias.copy_(rnd(4))
    run_layer(g, "instancenorm-affine1", [4, 1e-5, 1], m, [rnd(2, 4, 5, 3) * 2],
              {"weight": (m.weight, same), "bias": (m.bias, same)}, m, to_mlx_in=[channels_last], to_mlx_out=[channels_last])
    # BatchNorm, training mode then evaluation mode, from non-trivial running statistics.
    for nd, shape in ((2, (8, 5)), (4, (4, 5, 3, 3))):
        m = torch.nn.BatchNorm1d(5, momentum=0.1) if nd == 2 else torch.nn.BatchNorm2d(5, momentum=0.1)
        with torch.no_grad():
            m.weight.copy_(rnd(5) + 1)
            m.bias.copy_(rnd(5))
            m.running_mean.copy_(rnd(5))
            m.running_var.copy_(rnd(5) * 0.5 + 1)
        rm0, rv0 = m.running_mean.clone(), m.running_var.clone()
        x = rnd(*shape) * 2 + 0.5
        conv = channels_last if nd == 4 else same
        m.train()
        ps = {"weight": (m.weight, same), "bias": (m.bias, same)}
        # MLX moves running_var towards the biased batch variance, PyTorch towards the unbiased one: the expected
        # statistics after the step follow MLX's formula (the mean moves the same way in both).
        axes = [0] + list(range(2, nd))
        xm = x.mean(axes)
        xv = x.var(axes, unbiased=False)
        extra = {"after.running_mean": np64(0.9 * rm0 + 0.1 * xm), "after.running_var": np64(0.9 * rv0 + 0.1 * xv),
                 "p.running_mean": np64(rm0), "p.running_var": np64(rv0)}
        run_layer(g, "batchnorm-train%dd" % nd, [5, 1e-5, 0.1, 1], m, [x], ps, m,
                  to_mlx_in=[conv], to_mlx_out=[conv], extra=extra)
        m.eval()
        with torch.no_grad():
            m.running_mean.copy_(rm0)
            m.running_var.copy_(rv0)
        extra = {"p.running_mean": np64(rm0), "p.running_var": np64(rv0)}
        run_layer(g, "batchnorm-eval%dd" % nd, [5, 1e-5, 0.1, 0], m, [x], ps, m,
                  to_mlx_in=[conv], to_mlx_out=[conv], extra=extra)
    # Recurrent layers, batch first, all hidden states. PyTorch has two biases where MLX has one (b_ih + b_hh;
    # GRU keeps b_hn apart as bhn); gate orders coincide (GRU r, z, n; LSTM i, f, g, o).
    D, H = 4, 5
    x = rnd(2, 6, D)
    m = torch.nn.RNN(D, H, batch_first=True)
    run_layer(g, "rnn-a", [D, H], m, [x], {"Wxh": (m.weight_ih_l0, same), "Whh": (m.weight_hh_l0, same),
                                           "bias": (m.bias_ih_l0, same)}, lambda t: m(t)[0])
    g.put("rnn-a", "p.bias", m.bias_ih_l0 + m.bias_hh_l0)  # the gradient of either bias is the sum's
    m = torch.nn.GRU(D, H, batch_first=True)
    run_layer(g, "gru-a", [D, H], m, [x], {"Wx": (m.weight_ih_l0, same), "Wh": (m.weight_hh_l0, same),
                                           "b": (m.bias_ih_l0, same), "bhn": (m.bias_hh_l0, lambda t: t[2 * H:])},
              lambda t: m(t)[0])
    g.put("gru-a", "p.b", torch.cat([m.bias_ih_l0[:2 * H] + m.bias_hh_l0[:2 * H], m.bias_ih_l0[2 * H:]]))
    m = torch.nn.LSTM(D, H, batch_first=True)
    # PyTorch returns the last cell state only: the cell states of every step come from stepping one at a time.

    def lstm_all(t):
        h = c = torch.zeros(1, t.shape[0], H)
        hs, cs_ = [], []
        for i in range(t.shape[1]):
            _, (h, c) = m(t[:, i:i + 1], (h, c))
            hs.append(h[0])
            cs_.append(c[0])
        return torch.stack(hs, 1), torch.stack(cs_, 1)
    run_layer(g, "lstm-a", [D, H], m, [x], {"Wx": (m.weight_ih_l0, same), "Wh": (m.weight_hh_l0, same),
                                            "bias": (m.bias_ih_l0, same)}, lstm_all)
    g.put("lstm-a", "p.bias", m.bias_ih_l0 + m.bias_hh_l0)
    # Multi-head attention without biases (MLX's default): PyTorch's packed in_proj_weight is MLX's three
    # projections; with and without an additive causal mask, keys/values longer than queries.
    E, NH = 8, 2
    m = torch.nn.MultiheadAttention(E, NH, bias=False, batch_first=True)
    q, kv = rnd(2, 5, E), rnd(2, 7, E)
    wq, wk, wv = m.in_proj_weight.chunk(3)
    mha = lambda a, b_, c: m(a, b_, c, need_weights=False)[0]
    for masked in (0, 1):
        mask = torch.triu(torch.full((5, 7), -1e9), 3) if masked else None
        run_layer(g, "mha-mask%d" % masked, [E, NH, masked], m, [q, kv, kv * 0.5 + 0.1],
                  {"out_proj.weight": (m.out_proj.weight, same), "in_proj_weight": (m.in_proj_weight, same)},
                  lambda a, b_, c, mask=mask: m(a, b_, c, need_weights=False, attn_mask=mask)[0])
        case = "mha-mask%d" % masked
        gin = torch.from_numpy(g.arrays[case + "/g.in_proj_weight"])
        del g.arrays[case + "/p.in_proj_weight"], g.arrays[case + "/g.in_proj_weight"]
        for name, w, gw in zip(("query_proj", "key_proj", "value_proj"), (wq, wk, wv), gin.chunk(3)):
            g.put(case, "p.%s.weight" % name, w)
            g.put(case, "g.%s.weight" % name, gw)
        if masked:
            g.put(case, "mask", mask)
    # Transformer encoder/decoder layers, pre-norm (MLX's default norm_first=True) and post-norm, ReLU, no dropout.
    # MLX's attention has no biases: PyTorch's are zeroed (and their gradients not compared).
    F_ = 16
    for nf in (1, 0):
        m = torch.nn.TransformerEncoderLayer(E, NH, F_, dropout=0.0, batch_first=True, norm_first=bool(nf))
        with torch.no_grad():
            m.self_attn.in_proj_bias.zero_()
            m.self_attn.out_proj.bias.zero_()
            for ln in (m.norm1, m.norm2):
                ln.weight.copy_(rnd(E) + 1)
                ln.bias.copy_(rnd(E))
        ps = attention_params("attention", m.self_attn)
        ps.update(linear_params("linear1", m.linear1), **linear_params("linear2", m.linear2),
                  **norm_params("ln1", m.norm1), **norm_params("ln2", m.norm2))
        mask = torch.triu(torch.full((5, 5), -1e9), 1)
        case = "encoderlayer-nf%d" % nf
        run_layer(g, case, [E, NH, F_, nf], m, [rnd(2, 5, E)], ps, lambda t: m(t, src_mask=mask))
        split_in_proj(g, case, "attention")
        g.put(case, "mask", mask)
        m = torch.nn.TransformerDecoderLayer(E, NH, F_, dropout=0.0, batch_first=True, norm_first=bool(nf))
        with torch.no_grad():
            for a in (m.self_attn, m.multihead_attn):
                a.in_proj_bias.zero_()
                a.out_proj.bias.zero_()
            for ln in (m.norm1, m.norm2, m.norm3):
                ln.weight.copy_(rnd(E) + 1)
                ln.bias.copy_(rnd(E))
        ps = attention_params("self_attention", m.self_attn)
        ps.update(attention_params("cross_attention", m.multihead_attn), **linear_params("linear1", m.linear1),
                  **linear_params("linear2", m.linear2), **norm_params("ln1", m.norm1), **norm_params("ln2", m.norm2),
                  **norm_params("ln3", m.norm3))
        case = "decoderlayer-nf%d" % nf
        run_layer(g, case, [E, NH, F_, nf], m, [rnd(2, 5, E), rnd(2, 7, E)], ps,
                  lambda t, mem: m(t, mem, tgt_mask=mask))
        split_in_proj(g, case, "self_attention")
        split_in_proj(g, case, "cross_attention")
        g.put(case, "mask", mask)
    # Stacks: two layers and a final LayerNorm (MLX's TransformerEncoder/Decoder always end with one, pre-norm).
    enc = torch.nn.TransformerEncoder(torch.nn.TransformerEncoderLayer(E, NH, F_, dropout=0.0, batch_first=True,
                                                                       norm_first=True), 2,
                                      norm=torch.nn.LayerNorm(E), enable_nested_tensor=False)
    dec = torch.nn.TransformerDecoder(torch.nn.TransformerDecoderLayer(E, NH, F_, dropout=0.0, batch_first=True,
                                                                       norm_first=True), 2, norm=torch.nn.LayerNorm(E))
    for kind, stack in (("encoder", enc), ("decoder", dec)):
        ps = {}
        with torch.no_grad():
            for i, layer in enumerate(stack.layers):
                attns = [("attention", layer.self_attn)] if kind == "encoder" else \
                    [("self_attention", layer.self_attn), ("cross_attention", layer.multihead_attn)]
                for name, a in attns:
                    a.in_proj_bias.zero_()
                    a.out_proj.bias.zero_()
                    ps.update(attention_params("layers.%d.%s" % (i, name), a))
                norms = [layer.norm1, layer.norm2] + ([layer.norm3] if kind == "decoder" else [])
                for j, ln in enumerate(norms):
                    ln.weight.copy_(rnd(E) + 1)
                    ln.bias.copy_(rnd(E))
                    ps.update(norm_params("layers.%d.ln%d" % (i, j + 1), ln))
                ps.update(linear_params("layers.%d.linear1" % i, layer.linear1),
                          **linear_params("layers.%d.linear2" % i, layer.linear2))
            stack.norm.weight.copy_(rnd(E) + 1)
            stack.norm.bias.copy_(rnd(E))
        ps.update(norm_params("ln", stack.norm))
        case = "%s-stack2" % kind
        if kind == "encoder":
            run_layer(g, case, [2, E, NH, F_], stack, [rnd(2, 5, E)], ps, lambda t: stack(t, mask=mask))
        else:
            run_layer(g, case, [2, E, NH, F_], stack, [rnd(2, 5, E), rnd(2, 7, E)], ps,
                      lambda t, mem: stack(t, mem, tgt_mask=mask))
        for i in range(2):
            for name in (("attention",) if kind == "encoder" else ("self_attention", "cross_attention")):
                split_in_proj(g, case, "layers.%d.%s" % (i, name))
        g.put(case, "mask", mask)
    return g.save()


def attention_params(prefix, a):
    return {prefix + ".in_proj_weight": (a.in_proj_weight, same), prefix + ".out_proj.weight": (a.out_proj.weight, same)}


def linear_params(prefix, lin):
    return {prefix + ".weight": (lin.weight, same), prefix + ".bias": (lin.bias, same)}


def norm_params(prefix, ln):
    return {prefix + ".weight": (ln.weight, same), prefix + ".bias": (ln.bias, same)}


def split_in_proj(g, case, prefix):
    """PyTorch's packed [3E, E] in-projection as MLX's query_proj, key_proj and value_proj."""
    for kind in ("p", "g"):
        packed = g.arrays.pop("%s/%s.%s.in_proj_weight" % (case, kind, prefix))
        for name, part in zip(("query_proj", "key_proj", "value_proj"), np.split(packed, 3)):
            g.arrays["%s/%s.%s.%s.weight" % (case, kind, prefix, name)] = part.copy()


def activations():
    g = Group("activations")
    x = rnd(3, 8, scale=4.0)
    # name -> PyTorch function (or MLX's formula where the two differ by design).
    fns = {
        "sigmoid": torch.sigmoid, "relu": F.relu, "relu6": F.relu6, "leakyrelu": lambda t: F.leaky_relu(t, 0.01),
        "elu": lambda t: F.elu(t, 1.0), "celu": lambda t: F.celu(t, 1.3),
        # MLX's SELU uses the rounded constants 1.67326 and 1.0507 (PyTorch: 1.6732632..., 1.0507009...).
        "selu": lambda t: 1.0507 * F.elu(t, 1.67326),
        "silu": F.silu, "softplus": F.softplus, "softsign": F.softsign, "softshrink": lambda t: F.softshrink(t, 0.5),
        "hardshrink": lambda t: F.hardshrink(t, 0.5), "hardtanh": lambda t: F.hardtanh(t, -1.0, 1.0),
        "hardswish": F.hardswish, "mish": F.mish, "logsigmoid": F.logsigmoid,
        "gelu": F.gelu, "gelutanh": lambda t: F.gelu(t, approximate="tanh"),
        # MLX's "fast" approximation x * sigmoid(1.702 x) has no PyTorch counterpart: MLX's formula.
        "gelufast": lambda t: t * torch.sigmoid(1.702 * t),
        "glu": lambda t: F.glu(t, -1), "tanh": torch.tanh, "softmax": lambda t: F.softmax(t, -1),
        "softmin": lambda t: F.softmin(t, -1), "logsoftmax": lambda t: F.log_softmax(t, -1),
    }
    for name, fn in fns.items():
        run_layer(g, name + "-a", [0], None, [x], {}, fn)
    # Avoid the kinks exactly at the thresholds: none of the random values sits within 1e-6 of one.
    w = torch.tensor([0.25, -0.1, 0.4]).requires_grad_()
    xp = rnd(2, 5, 3, scale=3.0)
    run_layer(g, "prelu-a", [3], None, [xp], {"weight": (w, same)}, lambda t: F.prelu(t.permute(0, 2, 1), w).permute(0, 2, 1))
    return g.save()


def losses():
    g = Group("losses")
    red = {"none": 0, "mean": 1, "sum": 2}

    def loss_case(case, args, inputs, fn, grad_first=True):
        for r, code in red.items():
            ins = [i.clone().requires_grad_(n == 0 and grad_first and i.is_floating_point()) for n, i in enumerate(inputs)]
            y = fn(*ins, r)
            fields = {("x" if n == 0 else "x%d" % (n + 1)): (np64(i) if i.is_floating_point() else i.numpy().astype(np.int32))
                      for n, i in enumerate(ins)}
            cot = rnd(*y.shape)
            fields["y"], fields["cot"] = np64(y), np64(cot)
            if ins[0].requires_grad:
                fields["gx"] = np64(torch.autograd.grad((y * cot).sum(), ins[0])[0])
            g.add("%s-r%d" % (case, code), list(args) + [code], **fields)

    logits, labels = rnd(6, 5, scale=3), torch.randint(0, 5, (6,), generator=GEN)
    for ls in (0.0, 0.2):
        loss_case("crossentropy-ls%d" % int(ls * 10), [ls, 0], [logits, labels],
                  lambda a, t, r, ls=ls: F.cross_entropy(a, t.long(), reduction=r, label_smoothing=ls))
    probs = torch.softmax(rnd(6, 5, scale=2), -1)
    loss_case("crossentropy-probs", [0.0, 1], [logits, probs], lambda a, t, r: F.cross_entropy(a, t, reduction=r))
    loss_case("crossentropy-probsls2", [0.2, 1], [logits, probs],
              lambda a, t, r: F.cross_entropy(a, t, reduction=r, label_smoothing=0.2))
    bl, bt, bw = rnd(4, 3, scale=3), torch.rand(4, 3, generator=GEN), torch.rand(4, 3, generator=GEN) + 0.5
    loss_case("bce-logits", [1, 0], [bl, bt], lambda a, t, r: F.binary_cross_entropy_with_logits(a, t, reduction=r))
    loss_case("bce-logitsweights", [1, 1], [bl, bt, bw],
              lambda a, t, w, r: F.binary_cross_entropy_with_logits(a, t, weight=w, reduction=r))
    bp = torch.sigmoid(bl)
    loss_case("bce-probs", [0, 0], [bp, bt], lambda a, t, r: F.binary_cross_entropy(a, t, reduction=r))
    logp = torch.log_softmax(rnd(6, 5, scale=2), -1)
    loss_case("nll-a", [], [logp, labels], lambda a, t, r: F.nll_loss(a, t.long(), reduction=r))
    # KL divergence: MLX sums over the class axis before reducing (both inputs are log-probabilities).
    logq = torch.log_softmax(rnd(6, 5, scale=2), -1)
    loss_case("kldiv-a", [], [logp, logq],
              lambda a, t, r: reduce_(F.kl_div(a, t, reduction="none", log_target=True).sum(-1), r))
    p, t = rnd(4, 5, scale=2), rnd(4, 5, scale=2)
    loss_case("mse-a", [], [p, t], lambda a, b, r: F.mse_loss(a, b, reduction=r))
    loss_case("l1-a", [], [p, t], lambda a, b, r: F.l1_loss(a, b, reduction=r))
    for beta in (1.0, 0.5):
        loss_case("smoothl1-b%d" % int(beta * 10), [beta], [p, t], lambda a, b, r, beta=beta: F.smooth_l1_loss(a, b, reduction=r, beta=beta))
    for delta in (1.0, 0.7):
        loss_case("huber-d%d" % int(delta * 10), [delta], [p, t], lambda a, b, r, d=delta: F.huber_loss(a, b, reduction=r, delta=d))
    x1, x2, y = rnd(7), rnd(7), torch.tensor([1., -1., 1., 1., -1., -1., 1.])
    for margin in (0.0, 0.3):
        loss_case("marginranking-m%d" % int(margin * 10), [margin], [x1, x2, y],
                  lambda a, b, c, r, m=margin: F.margin_ranking_loss(a, b, c, margin=m, reduction=r))
    # Triplet loss: PyTorch adds eps to the difference, MLX inside the square root: with eps = 0 they coincide.
    a_, pos, neg = rnd(5, 4), rnd(5, 4), rnd(5, 4)
    loss_case("triplet-a", [2, 1.0], [a_, pos, neg],
              lambda a, b, c, r: F.triplet_margin_loss(a, b, c, margin=1.0, p=2, eps=0.0, reduction=r))
    # Cosine similarity (MLX's loss is the similarity itself).
    c1, c2 = rnd(5, 6), rnd(5, 6)
    loss_case("cosine-a", [1e-8], [c1, c2], lambda a, b, r: reduce_(F.cosine_similarity(a, b, dim=-1, eps=1e-8), r))
    # Gaussian NLL: PyTorch's reduction "none" keeps the element shape, as MLX's.
    mu, tg, var = rnd(4, 3), rnd(4, 3), torch.rand(4, 3, generator=GEN) + 0.2
    for full in (0, 1):
        loss_case("gaussiannll-full%d" % full, [full, 1e-6], [mu, tg, var],
                  lambda a, b, v, r, f=full: F.gaussian_nll_loss(a, b, v, full=bool(f), eps=1e-6, reduction=r))
    return g.save()


def reduce_(t, r):
    return t if r == "none" else (t.mean() if r == "mean" else t.sum())


def optimizers():
    g = Group("optimizers")
    steps = 5
    shapes = {"a": (3, 4), "b": (4,)}
    p0 = {k: rnd(*s) for k, s in shapes.items()}
    grads = [{k: rnd(*s) for k, s in shapes.items()} for _ in range(steps)]

    def torch_case(case, args, make):
        ps = {k: v.clone().requires_grad_() for k, v in p0.items()}
        opt = make(list(ps.values()))
        fields = {"p.%s" % k: v for k, v in p0.items()}
        for i, gr in enumerate(grads):
            for k, v in ps.items():
                v.grad = gr[k].clone()
            opt.step()
            for k in shapes:
                fields["g%d.%s" % (i, k)] = gr[k]
                fields["after%d.%s" % (i, k)] = ps[k].detach().clone()
        g.add(case, args, **{k.replace(".", "__"): v for k, v in fields.items()})

    def formula_case(case, args, update):
        """MLX's formula where it differs from PyTorch's: update(p, g, state, t) -> p."""
        ps = {k: v.clone() for k, v in p0.items()}
        states = {k: {} for k in shapes}
        fields = {"p.%s" % k: v for k, v in p0.items()}
        for i, gr in enumerate(grads):
            for k in shapes:
                ps[k] = update(ps[k], gr[k], states[k], i + 1)
                fields["g%d.%s" % (i, k)] = gr[k]
                fields["after%d.%s" % (i, k)] = ps[k].clone()
        g.add(case, args, **{k.replace(".", "__"): v for k, v in fields.items()})

    # args: SGD lr, momentum, weight decay, dampening, nesterov
    for (lr, mom, wd, damp, nest) in [(0.1, 0.0, 0.0, 0.0, 0), (0.1, 0.9, 0.0, 0.0, 0), (0.05, 0.9, 0.01, 0.0, 1),
                                      (0.1, 0.8, 0.02, 0.0, 0)]:
        torch_case("sgd-m%dwd%dn%d" % (mom * 10, wd * 100, nest), [lr, mom, wd, damp, nest],
                   lambda ps, a=(lr, mom, wd, damp, nest): torch.optim.SGD(ps, lr=a[0], momentum=a[1], weight_decay=a[2],
                                                                          dampening=a[3], nesterov=bool(a[4])))

    # Dampening: PyTorch's first step takes the gradient undamped (buffer = g), MLX's velocity starts at zero
    # (v = momentum * 0 + (1 - dampening) g): MLX's formula.
    def sgd_mlx(lr, mom, wd, damp):
        def up(p, gr, st, t):
            gr = gr + wd * p
            st["v"] = mom * st.get("v", torch.zeros_like(p)) + (1 - damp) * gr
            return p - lr * st["v"]
        return up
    formula_case("sgd-dampening", [0.1, 0.9, 0.01, 0.3, 0], sgd_mlx(0.1, 0.9, 0.01, 0.3))
    torch_case("rmsprop-a", [0.01, 0.99, 1e-8], lambda ps: torch.optim.RMSprop(ps, lr=0.01, alpha=0.99, eps=1e-8))
    torch_case("rmsprop-b", [0.05, 0.9, 1e-6], lambda ps: torch.optim.RMSprop(ps, lr=0.05, alpha=0.9, eps=1e-6))
    torch_case("adagrad-a", [0.1, 1e-8], lambda ps: torch.optim.Adagrad(ps, lr=0.1, eps=1e-8))
    torch_case("adadelta-a", [1.0, 0.9, 1e-6], lambda ps: torch.optim.Adadelta(ps, lr=1.0, rho=0.9, eps=1e-6))
    torch_case("adadelta-b", [0.5, 0.95, 1e-5], lambda ps: torch.optim.Adadelta(ps, lr=0.5, rho=0.95, eps=1e-5))
    # Adam/AdamW: PyTorch always corrects the bias, MLX when asked (bias_correction=True); without it MLX's formula.
    torch_case("adam-bc1", [0.01, 0.9, 0.999, 1e-8, 1], lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.9, 0.999), eps=1e-8))
    torch_case("adam-bc1b", [0.05, 0.8, 0.99, 1e-6, 1], lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.8, 0.99), eps=1e-6))

    def adam_mlx(lr, b1, b2, eps, wd):
        def up(p, gr, st, t):
            p = p * (1 - lr * wd)
            st["m"] = b1 * st.get("m", torch.zeros_like(p)) + (1 - b1) * gr
            st["v"] = b2 * st.get("v", torch.zeros_like(p)) + (1 - b2) * gr * gr
            return p - lr * st["m"] / (torch.sqrt(st["v"]) + eps)
        return up
    formula_case("adam-bc0", [0.01, 0.9, 0.999, 1e-8, 0], adam_mlx(0.01, 0.9, 0.999, 1e-8, 0.0))
    torch_case("adamw-bc1", [0.01, 0.9, 0.999, 1e-8, 0.05, 1],
               lambda ps: torch.optim.AdamW(ps, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.05))
    formula_case("adamw-bc0", [0.01, 0.9, 0.999, 1e-8, 0.05, 0], adam_mlx(0.01, 0.9, 0.999, 1e-8, 0.05))

    # Adamax: PyTorch corrects the first moment's bias and adds eps inside the max; MLX does neither
    # (m / (v + eps) with v = max(b2 v, |g|)): MLX's formula.
    def adamax_mlx(lr, b1, b2, eps):
        def up(p, gr, st, t):
            st["m"] = b1 * st.get("m", torch.zeros_like(p)) + (1 - b1) * gr
            st["v"] = torch.maximum(b2 * st.get("v", torch.zeros_like(p)), gr.abs())
            return p - lr * st["m"] / (st["v"] + eps)
        return up
    formula_case("adamax-a", [0.01, 0.9, 0.999, 1e-8], adamax_mlx(0.01, 0.9, 0.999, 1e-8))
    return g.save()


def schedules():
    g = Group("schedules")
    n = 25

    def lrs(make_sched, lr):
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
        s = make_sched(opt)
        out = []
        for _ in range(n):
            out.append(opt.param_groups[0]["lr"])
            opt.step()
            s.step()
        return np.array(out)

    import torch.optim.lr_scheduler as S
    g.add("step-a", [0.1, 0.5, 4], y=lrs(lambda o: S.StepLR(o, 4, 0.5), 0.1))
    g.add("exponential-a", [0.1, 0.9], y=lrs(lambda o: S.ExponentialLR(o, 0.9), 0.1))
    # Cosine: PyTorch's recursive CosineAnnealingLR equals the closed form up to rounding, and repeats after
    # T_max where MLX stays at the end value: compare the first decay_steps + 1 values.
    y = lrs(lambda o: S.CosineAnnealingLR(o, 20, eta_min=0.01), 0.1)[:21]
    g.add("cosine-a", [0.1, 20, 0.01], y=y)
    # Linear: PyTorch's LinearLR scales the base rate by start..end factors; MLX goes from init to end.
    g.add("linear-a", [0.1 * 0.2, 0.1, 10], y=lrs(lambda o: S.LinearLR(o, start_factor=0.2, end_factor=1.0, total_iters=10), 0.1))
    # Warm-up joined to a cosine decay: PyTorch's SequentialLR restarts the second scheduler at the milestone, as
    # MLX's join_schedules evaluates it at (step - boundary).
    y = lrs(lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=5),
                                         S.CosineAnnealingLR(o, 15, eta_min=0.001)], milestones=[5]), 0.1)[:21]
    g.add("join-warmupcosine", [0.01, 0.1, 5, 15, 0.001], y=y)
    return g.save()


def main():
    cases = {"torch": torch.__version__, "dtype": "float64"}
    for fn in (layers, activations, losses, optimizers, schedules):
        cases[fn.__name__] = fn()
    with open(os.path.join(HERE, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
