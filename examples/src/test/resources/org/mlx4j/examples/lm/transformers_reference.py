"""Loads models/kjv-llama with transformers (as any Hugging Face checkpoint) and writes what it computes, so that
a test can check that mlx4j's trained model is a Hugging Face model: transformers reads the directory as it is.

    python3 examples/src/test/resources/org/mlx4j/examples/lm/transformers_reference.py   (repository root; torch, transformers)

Writes kjv_llama_transformers.npz beside this file: `ids` (the prompt encoded by transformers' tokenizer, int32),
`logits` (float32 [len(ids), vocab], one forward pass in float32 with eager attention on the CPU) and `greedy`
(int32, 24 argmax tokens continuing the prompt, by transformers' generate without sampling).
"""
import os

import numpy as np
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "..", "..", "..", "..", "..", "..", "..", "models", "kjv-llama")
PROMPT = "And the LORD said unto Moses,"


@torch.no_grad()
def main():
    tokenizer = AutoTokenizer.from_pretrained(MODEL)
    model = AutoModelForCausalLM.from_pretrained(MODEL, torch_dtype=torch.float32, attn_implementation="eager").eval()
    encoded = tokenizer(PROMPT, return_tensors="pt")
    ids = encoded["input_ids"]
    logits = model(ids).logits[0].numpy()
    # the attention mask given, and a pad id that is not BOS (0): generate would otherwise mask the BOS token out
    out = model.generate(ids, attention_mask=encoded["attention_mask"], max_new_tokens=24, do_sample=False,
                         eos_token_id=None, pad_token_id=1)
    greedy = out[0, ids.shape[1]:].numpy()
    np.savez(os.path.join(HERE, "kjv_llama_transformers.npz"), ids=ids[0].numpy().astype(np.int32),
             logits=logits.astype(np.float32), greedy=greedy.astype(np.int32))
    print(ids[0].tolist(), greedy.tolist(), repr(tokenizer.decode(greedy)))


if __name__ == "__main__":
    main()
