"""Builds tiny random Hugging Face model directories, one per architecture mlx-lm supports, with reference
outputs computed by transformers (torch, float32, eager attention, CPU).

Run from the repository root on a machine with torch >= 2.4, transformers 5 and tokenizers:
    python3 mlx-lm/src/test/resources/golden/models/generate.py OUT_DIR
It writes OUT_DIR/<name>/ for each model below: config.json, model.safetensors (or shards with
model.safetensors.index.json), tokenizer.json, tokenizer_config.json, chat_template.jinja,
generation_config.json, and
  reference.npz   logits: float32 [len(ids), vocab] for the ids of reference.json, one forward pass
  reference.json  ids, greedy (the argmax continuation of `greedy_steps` tokens, recomputed by full forward
                  passes), logit_scale (max |logit|), encodings of a few strings, the rendered chat template
Tokenizers are trained here with HF `tokenizers` on the first lines of the King James Bible shipped in the
examples module, so every directory is complete and self-contained.
"""
import gzip
import json
import os
import shutil
import sys

import numpy as np
import torch
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
from transformers import (AutoModelForCausalLM, Gemma2Config, LlamaConfig, MistralConfig, Phi3Config, Qwen2Config,
                          Qwen3Config, PreTrainedTokenizerFast)

VOCAB = 384
CORPUS = "examples/src/main/resources/org/mlx4j/examples/lm/kjv.txt.gz"
LLAMA3_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                r"|\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
               r"|\s*[\r\n]+|\s+(?!\S)|\s+")

TEMPLATES = {
    "llama3": "{{ bos_token }}{% for m in messages %}<|start_header_id|>{{ m['role'] }}<|end_header_id|>\n\n"
              "{{ m['content'] | trim }}<|eot_id|>{% endfor %}"
              "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}",
    "chatml": "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
              "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}",
    "mistral": "{{ bos_token }}{% for m in messages %}{% if m['role'] == 'user' %}[INST] {{ m['content'] }} [/INST]"
               "{% elif m['role'] == 'assistant' %}{{ m['content'] }}{{ eos_token }}"
               "{% else %}{{ raise_exception('Only user and assistant roles are supported') }}{% endif %}{% endfor %}",
    "gemma": "{{ bos_token }}{% for m in messages %}{% set role = 'model' if m['role'] == 'assistant' else m['role'] %}"
             "<start_of_turn>{{ role }}\n{{ m['content'] | trim }}<end_of_turn>\n{% endfor %}"
             "{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}",
}
MESSAGES = [{"role": "user", "content": "Who made the heaven and the earth?"},
            {"role": "assistant", "content": "In the beginning God created them."},
            {"role": "user", "content": "And then?  Tell me – in 3 words. 👍"}]
STRINGS = ["In the beginning God created the heaven and the earth.",
           "  Whitespace   runs\tand\nnewlines\n\n", "Unicode: naïve café, 東京, emoji 🙂👍🏽, I'm, you'll, 12345",
           ""]


def corpus_lines(limit=4000):
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        return [line.rstrip("\n") for _, line in zip(range(limit), f)]


def byte_level_tokenizer(regex, specials, bos):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(regex), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=VOCAB, special_tokens=specials,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(corpus_lines(), trainer)
    tok.post_processor = (processors.TemplateProcessing(single=f"{bos} $A", pair=f"{bos} $A {bos} $B",
                                                        special_tokens=[(bos, tok.token_to_id(bos))])
                          if bos else processors.ByteLevel(trim_offsets=False))
    return tok


def metaspace_tokenizer(prepend, specials, bos):
    tok = Tokenizer(models.BPE(byte_fallback=True, unk_token="<unk>", fuse_unk=True))
    steps = [normalizers.Prepend("\u2581")] if prepend else []
    tok.normalizer = normalizers.Sequence(steps + [normalizers.Replace(" ", "\u2581")])
    dec = [decoders.Replace("\u2581", " "), decoders.ByteFallback(), decoders.Fuse()]
    tok.decoder = decoders.Sequence(dec + ([decoders.Strip(" ", 1, 0)] if prepend else []))
    byte_tokens = [f"<0x{i:02X}>" for i in range(256)]
    trainer = trainers.BpeTrainer(vocab_size=VOCAB + 256, special_tokens=specials + byte_tokens, show_progress=False)
    tok.train_from_iterator(corpus_lines(), trainer)
    tok.post_processor = processors.TemplateProcessing(single=f"{bos} $A", pair=f"{bos} $A {bos} $B",
                                                       special_tokens=[(bos, tok.token_to_id(bos))])
    return tok


def tokenizers_by_style():
    return {
        "llama3": (byte_level_tokenizer(LLAMA3_REGEX, ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>",
                                                       "<|end_header_id|>", "<|eot_id|>"], "<|begin_of_text|>"),
                   "<|begin_of_text|>", "<|eot_id|>", "llama3"),
        "qwen2": (byte_level_tokenizer(QWEN2_REGEX, ["<|endoftext|>", "<|im_start|>", "<|im_end|>"], None),
                  None, "<|im_end|>", "chatml"),
        "llama2": (metaspace_tokenizer(True, ["<unk>", "<s>", "</s>"], "<s>"), "<s>", "</s>", "mistral"),
        "gemma": (metaspace_tokenizer(False, ["<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>"],
                                      "<bos>"), "<bos>", "<end_of_turn>", "gemma"),
    }


def common(vocab):
    return dict(vocab_size=vocab, hidden_size=64, intermediate_size=96, num_hidden_layers=2, num_attention_heads=4,
                num_key_value_heads=2, max_position_embeddings=256, rms_norm_eps=1e-5)


def configs(vocab):
    """name -> (config, tokenizer style, save options)."""
    llama3_rope = dict(rope_theta=500000.0, rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                                                          "high_freq_factor": 4.0,
                                                          "original_max_position_embeddings": 32})
    return {
        "llama3": (LlamaConfig(**common(vocab["llama3"]), **llama3_rope, tie_word_embeddings=False), "llama3",
                   {"max_shard_size": "100KB"}),
        "llama3-tied": (LlamaConfig(**{**common(vocab["llama3"]), "num_key_value_heads": 1}, tie_word_embeddings=True),
                        "llama3", {}),
        "llama2": (LlamaConfig(**{**common(vocab["llama2"]), "num_key_value_heads": 4}, rope_theta=10000.0),
                   "llama2", {}),
        "mistral": (MistralConfig(**common(vocab["llama2"]), rope_theta=1000000.0, sliding_window=None), "llama2", {}),
        "qwen2": (Qwen2Config(**common(vocab["qwen2"]), rope_theta=1000000.0, tie_word_embeddings=True), "qwen2",
                  {"bfloat16": True}),
        "qwen3": (Qwen3Config(**common(vocab["qwen2"]), head_dim=24, rope_theta=1000000.0, tie_word_embeddings=True),
                  "qwen2", {}),
        "phi3": (Phi3Config(**{**common(vocab["llama2"]), "num_key_value_heads": 4}, rope_theta=10000.0,
                            pad_token_id=0), "llama2", {}),
        "gemma2": (Gemma2Config(**common(vocab["gemma"]), head_dim=16, query_pre_attn_scalar=24, sliding_window=4,
                                attn_logit_softcapping=50.0, final_logit_softcapping=30.0,
                                hidden_activation="gelu_pytorch_tanh", pad_token_id=0), "gemma", {}),
    }


def legacy_config(config_json):
    """The same configuration in the older style most hub checkpoints use (rope_theta + rope_scaling)."""
    cfg = dict(config_json)
    params = dict(cfg.pop("rope_parameters", None) or {})
    cfg["rope_theta"] = params.pop("rope_theta", 10000.0)
    rope_type = params.pop("rope_type", "default")
    params.pop("partial_rotary_factor", None)
    cfg["rope_scaling"] = {"rope_type": rope_type, **params} if rope_type != "default" else None
    return cfg


@torch.no_grad()
def reference(model, vocab, greedy_steps=8):
    gen = torch.Generator().manual_seed(7)
    ids = torch.randint(3, vocab, (1, 12), generator=gen)
    logits = model(ids).logits[0].float().numpy()
    seq = ids
    for _ in range(greedy_steps):
        nxt = model(seq).logits[0, -1].argmax().reshape(1, 1)
        seq = torch.cat([seq, nxt], dim=1)
    return ids[0].tolist(), logits, seq[0, ids.shape[1]:].tolist()


def main(out):
    torch.manual_seed(0)
    styles = tokenizers_by_style()
    vocab = {k: t[0].get_vocab_size() for k, t in styles.items()}
    for name, (config, style, options) in configs(vocab).items():
        tok, bos, eos, template = styles[style]
        d = os.path.join(out, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        config.bos_token_id = tok.token_to_id(bos) if bos else None
        config.eos_token_id = tok.token_to_id(eos)
        model = AutoModelForCausalLM.from_config(config, attn_implementation="eager").eval()
        for p in model.parameters():  # larger than the default 0.02 init so that the logits differ visibly
            p.data.normal_(0.0, 0.2)
        if options.get("bfloat16"):
            model = model.to(torch.bfloat16)
            model.save_pretrained(d)
            model = model.float()
        else:
            model.save_pretrained(d, **({"max_shard_size": options["max_shard_size"]} if "max_shard_size" in options
                                        else {}))
        fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=bos, eos_token=eos,
                                       unk_token="<unk>" if style in ("llama2", "gemma") else None,
                                       chat_template=TEMPLATES[template])
        fast.save_pretrained(d)
        with open(os.path.join(d, "config.json")) as f:
            config_json = json.load(f)
        with open(os.path.join(d, "config_legacy.json"), "w") as f:
            json.dump(legacy_config(config_json), f, indent=2)
        ids, logits, greedy = reference(model, config.vocab_size)
        np.savez(os.path.join(d, "reference.npz"), logits=logits.astype(np.float32))
        ref = {"ids": ids, "greedy": greedy, "logit_scale": float(np.abs(logits).max()),
               "dtype": "bfloat16" if options.get("bfloat16") else "float32",
               "encodings": [{"text": s, "ids": fast(s)["input_ids"],
                              "ids_no_special": fast(s, add_special_tokens=False)["input_ids"]} for s in STRINGS],
               "chat": fast.apply_chat_template(MESSAGES[:1], tokenize=False, add_generation_prompt=True)
               if template != "mistral" else fast.apply_chat_template(MESSAGES[:1], tokenize=False),
               "chat_messages": MESSAGES[:1]}
        with open(os.path.join(d, "reference.json"), "w") as f:
            json.dump(ref, f, indent=1, ensure_ascii=False)
        print(name, "vocab", config.vocab_size, "params", sum(p.numel() for p in model.parameters()),
              "logit scale", ref["logit_scale"], "greedy", greedy, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
