"""Trains the byte-level BPE tokenizer of the kjv-llama model with Hugging Face `tokenizers`.

    python3 models/kjv-llama/train_tokenizer.py      (from the repository root; needs `pip install tokenizers transformers`)

Writes tokenizer.json and tokenizer_config.json beside this file: 4,096 tokens, the Llama 3 pre-tokenizer
regex, byte-level, `<|begin_of_text|>` added in front of every encoded text, `<|end_of_text|>` as EOS.
"""
import gzip
import json
import os

from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import PreTrainedTokenizerFast

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "examples/src/main/resources/org/mlx4j/examples/lm/kjv.txt.gz")
LLAMA3_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                r"|\s*[\r\n]+|\s+(?!\S)|\s+")
BOS, EOS = "<|begin_of_text|>", "<|end_of_text|>"


def set_tokenizer_class(path):
    """Names the class every transformers version knows (transformers 5 writes its own backend's name)."""
    with open(path) as f:
        config = json.load(f)
    config["tokenizer_class"] = "PreTrainedTokenizerFast"
    with open(path, "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def main():
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        verses = f.read().splitlines()
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(LLAMA3_REGEX), behavior="isolated"),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=4096, special_tokens=[BOS, EOS],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator((v + "\n" for v in verses), trainer)
    tok.post_processor = processors.TemplateProcessing(single=f"{BOS} $A", pair=f"{BOS} $A {BOS} $B",
                                                       special_tokens=[(BOS, tok.token_to_id(BOS))])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=BOS, eos_token=EOS, model_max_length=256)
    fast.save_pretrained(HERE)
    set_tokenizer_class(os.path.join(HERE, "tokenizer_config.json"))
    for leftover in ("special_tokens_map.json",):
        path = os.path.join(HERE, leftover)
        if os.path.exists(path):
            os.remove(path)
    ids = fast("In the beginning God created the heaven and the earth.\n")["input_ids"]
    print(len(tok.get_vocab()), "tokens;", ids, repr(fast.decode(ids)))
    total = sum(len(tok.encode(v + "\n", add_special_tokens=False).ids) for v in verses)
    print(total, "tokens in", len(verses), "verses")


if __name__ == "__main__":
    main()
