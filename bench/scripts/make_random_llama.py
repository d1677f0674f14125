#!/usr/bin/env python3
"""Writes a random Hugging Face Llama directory of a given shape (default SmolLM-135M's: hidden 576, 30 layers,
9 heads, 3 key/value heads, intermediate 1536, vocabulary 49152, tied embeddings) for speed comparisons:
config.json, model.safetensors (float32, N(0, 0.02)) and a byte-level BPE tokenizer.json of exactly the
vocabulary size (the 256 GPT-2 byte symbols, two special tokens, and merges of byte pairs), plus
tokenizer_config.json. Needs numpy and safetensors (the /work/venv of the project has both).

usage: make_random_llama.py OUT_DIR [--layers 30] [--hidden 576] [--heads 9] [--kv-heads 3]
                            [--intermediate 1536] [--vocab 49152] [--seed 0]
"""
import argparse
import json
import os

import numpy as np
from safetensors.numpy import save_file


def byte_symbols():
    """GPT-2's byte-to-unicode table: printable bytes map to themselves, the rest to U+0100 onwards."""
    printable = list(range(ord('!'), ord('~') + 1)) + list(range(ord('\u00a1'), ord('\u00ac') + 1)) + list(range(ord('\u00ae'), ord('\u00ff') + 1))
    table, n = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + n)
            n += 1
    return [table[b] for b in range(256)]


def tokenizer(vocab_size):
    base = byte_symbols()
    vocab = {s: i for i, s in enumerate(base)}
    specials = ['<|endoftext|>', '<|im_start|>']
    merges = []
    need = vocab_size - len(base) - len(specials)
    for a in base:
        for b in base:
            if len(merges) == need:
                break
            merges.append(f'{a} {b}')
            vocab[a + b] = len(vocab)
    added = [{'id': len(vocab) + i, 'content': s, 'single_word': False, 'lstrip': False, 'rstrip': False,
              'normalized': False, 'special': True} for i, s in enumerate(specials)]
    return {
        'version': '1.0', 'truncation': None, 'padding': None, 'added_tokens': added, 'normalizer': None,
        'pre_tokenizer': {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': True},
        'post_processor': None, 'decoder': {'type': 'ByteLevel', 'add_prefix_space': True, 'trim_offsets': True, 'use_regex': True},
        'model': {'type': 'BPE', 'dropout': None, 'unk_token': None, 'continuing_subword_prefix': None,
                  'end_of_word_suffix': None, 'fuse_unk': False, 'byte_fallback': False, 'vocab': vocab, 'merges': merges},
    }, specials


def main():
    p = argparse.ArgumentParser()
    p.add_argument('out')
    p.add_argument('--layers', type=int, default=30)
    p.add_argument('--hidden', type=int, default=576)
    p.add_argument('--heads', type=int, default=9)
    p.add_argument('--kv-heads', type=int, default=3)
    p.add_argument('--intermediate', type=int, default=1536)
    p.add_argument('--vocab', type=int, default=49152)
    p.add_argument('--seed', type=int, default=0)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = np.random.default_rng(a.seed)
    hd = a.hidden // a.heads

    def normal(*shape):
        return (rng.standard_normal(shape, dtype=np.float32) * 0.02).astype(np.float32)

    w = {'model.embed_tokens.weight': normal(a.vocab, a.hidden), 'model.norm.weight': np.ones(a.hidden, np.float32)}
    for l in range(a.layers):
        pre = f'model.layers.{l}.'
        w[pre + 'input_layernorm.weight'] = np.ones(a.hidden, np.float32)
        w[pre + 'post_attention_layernorm.weight'] = np.ones(a.hidden, np.float32)
        w[pre + 'self_attn.q_proj.weight'] = normal(a.heads * hd, a.hidden)
        w[pre + 'self_attn.k_proj.weight'] = normal(a.kv_heads * hd, a.hidden)
        w[pre + 'self_attn.v_proj.weight'] = normal(a.kv_heads * hd, a.hidden)
        w[pre + 'self_attn.o_proj.weight'] = normal(a.hidden, a.heads * hd)
        w[pre + 'mlp.gate_proj.weight'] = normal(a.intermediate, a.hidden)
        w[pre + 'mlp.up_proj.weight'] = normal(a.intermediate, a.hidden)
        w[pre + 'mlp.down_proj.weight'] = normal(a.hidden, a.intermediate)
    save_file(w, os.path.join(a.out, 'model.safetensors'), metadata={'format': 'pt'})
    tok, specials = tokenizer(a.vocab)
    config = {
        'architectures': ['LlamaForCausalLM'], 'model_type': 'llama', 'hidden_size': a.hidden,
        'num_hidden_layers': a.layers, 'num_attention_heads': a.heads, 'num_key_value_heads': a.kv_heads,
        'intermediate_size': a.intermediate, 'vocab_size': a.vocab, 'max_position_embeddings': 2048,
        'rms_norm_eps': 1e-5, 'rope_theta': 10000.0, 'tie_word_embeddings': True, 'hidden_act': 'silu',
        'bos_token_id': a.vocab - 2, 'eos_token_id': a.vocab - 2, 'torch_dtype': 'float32',
    }
    with open(os.path.join(a.out, 'config.json'), 'w') as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(a.out, 'tokenizer.json'), 'w', encoding='utf-8') as f:
        json.dump(tok, f, ensure_ascii=False)
    with open(os.path.join(a.out, 'tokenizer_config.json'), 'w') as f:
        json.dump({'bos_token': specials[0], 'eos_token': specials[0], 'add_bos_token': False}, f)
    print(a.out)


if __name__ == '__main__':
    main()
