#!/usr/bin/env python3
"""Encoding speed of mlx4j's Tokenizer against HF tokenizers (Rust), one thread each, on the same text.

Trains three tokenizers with HF tokenizers on Python's standard library sources (byte-level BPE with the Llama 3
split regex, metaspace BPE with byte fallback laid out as Llama 2's, WordPiece as BERT's; 32k vocabularies), writes
documents of the same sources (a different part) to one file, then times encoding every document without special
tokens: HF with encode_batch under RAYON_NUM_THREADS=1 (W warm-up calls, R timed calls) and mlx4j's JMH
TokenizerBench in sample mode (time-based warm-up, then 2 s iterations). Checks that both produce the same ids
(count and sum), prints each median in ms, MB/s and the ratio HF / mlx4j (> 1: mlx4j is faster). See
bench/README.md "Tokenizer encoding".

    bench/scripts/compare_tokenizer.py [--mb 4] [--warmup 3] [--repeats 10] [--skip-build]

Run with a Python that has tokenizers (e.g. /work/venv/bin/python).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import sysconfig
import tempfile
import time

os.environ["RAYON_NUM_THREADS"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LLAMA3_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                r"\s*[\r\n]+|\s+(?!\S)|\s+")
SEPARATOR = "\u001e"


def sources(mb):
    files = sorted(glob.glob(os.path.join(sysconfig.get_paths()["stdlib"], "**", "*.py"), recursive=True))
    train, docs, size, train_size = [], [], 0, 0
    for i, f in enumerate(files):
        try:
            text = open(f, encoding="utf-8").read().replace(SEPARATOR, " ")
        except (UnicodeDecodeError, OSError):
            continue
        if i % 2 == 0:
            if train_size < 6e6:  # 6 MB of training text
                train.append(text)
                train_size += len(text)
        elif size < mb * 1e6:
            lines = text.splitlines(keepends=True)
            for k in range(0, len(lines), 40):  # documents of 40 lines
                docs.append("".join(lines[k:k + 40]))
                size += len(docs[-1].encode("utf-8"))
    return train, docs


def build(kind, train):
    if kind == "llama3-bpe":
        tok = Tokenizer(models.BPE(ignore_merges=True))
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(LLAMA3_REGEX), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=32000, special_tokens=["<|begin_of_text|>"],
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
        tok.train_from_iterator(train, trainer)
        return tok
    if kind == "llama2-metaspace":
        byte_tokens = ["<0x%02X>" % b for b in range(256)]
        tok = Tokenizer(models.BPE(byte_fallback=True, unk_token="<unk>", fuse_unk=True))
        tok.pre_tokenizer = pre_tokenizers.Metaspace(prepend_scheme="first", split=False)
        trainer = trainers.BpeTrainer(vocab_size=32000, special_tokens=["<unk>", "<s>", "</s>"] + byte_tokens,
                                      show_progress=False, max_token_length=16)
        tok.train_from_iterator(train, trainer)
        data = json.loads(tok.to_str())
        data["added_tokens"] = [t for t in data["added_tokens"] if t["content"] not in byte_tokens]
        data["pre_tokenizer"] = None
        data["normalizer"] = {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": "\u2581"}, {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]}
        return Tokenizer.from_str(json.dumps(data))
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(vocab_size=32000, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]"],
                                        show_progress=False)
    tok.train_from_iterator(train, trainer)
    return tok


def run(cmd, **kw):
    print("==", " ".join(cmd[:6]), "...", file=sys.stderr)
    return subprocess.run(cmd, check=True, text=True, stdout=subprocess.PIPE, **kw).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--skip-build", action="store_true")
    a = ap.parse_args()
    kinds = ["llama3-bpe", "llama2-metaspace", "bert-wordpiece"]
    train, docs = sources(a.mb)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print("%d documents, %.2f MB" % (len(docs), mb), file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        text_file = os.path.join(tmp, "text.txt")
        with open(text_file, "w", encoding="utf-8") as f:
            f.write(SEPARATOR.join(docs))
        hf, check = {}, {}
        for kind in kinds:
            tok = build(kind, train)
            os.makedirs(os.path.join(tmp, kind))
            tok.save(os.path.join(tmp, kind, "tokenizer.json"))
            tok = Tokenizer.from_file(os.path.join(tmp, kind, "tokenizer.json"))
            times = []
            for r in range(a.warmup + a.repeats):
                t0 = time.perf_counter()
                encodings = tok.encode_batch(docs, add_special_tokens=False)
                if r >= a.warmup:
                    times.append((time.perf_counter() - t0) * 1e3)
            times.sort()
            hf[kind] = times[len(times) // 2]
            check[kind] = (sum(len(e.ids) for e in encodings), sum(sum(e.ids) for e in encodings))
        if not a.skip_build:
            run([os.path.join(ROOT, "mlx4j"), "mvn", "-B", "-o", "-q", "-pl", "bench", "-am", "package", "-DskipTests"],
                cwd=ROOT)
        java = os.path.join(run([os.path.join(ROOT, "bench/scripts/jdk-home.sh")]).strip(), "bin", "java")
        rf = os.path.join(tmp, "jmh.json")
        out = run([java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-jar",
                   os.path.join(ROOT, "bench/target/benchmarks.jar"), r"org\.mlx4j\.bench\.TokenizerBench\.",
                   "-bm", "sample", "-f", "1", "-wi", "3", "-w", "2s", "-i", str(max(3, a.repeats // 2)), "-r", "2s",
                   "-tu", "ms", "-rf", "json", "-rff", rf, "-p", "text=" + text_file,
                   "-p", "dir=" + ",".join(os.path.join(tmp, k) for k in kinds)], cwd=ROOT)
        mlx = {}
        for b in json.load(open(rf)):
            mlx[os.path.basename(b["params"]["dir"])] = b["primaryMetric"]["scorePercentiles"]["50.0"]
        checked = set()
        for line in out.splitlines():  # JMH prints the setup's line after its "# Warmup Iteration" prefix
            m = re.search(r"checksum (\S+) (\d+) (\d+)", line)
            if m:
                kind, count, total = m.groups()
                if (int(count), int(total)) != check[kind]:
                    sys.exit("%s: mlx4j's ids differ from HF's: %s %s vs %s" % (kind, count, total, check[kind]))
                checked.add(kind)
        if checked != set(kinds):
            sys.exit("TokenizerBench printed no checksum for " + ", ".join(sorted(set(kinds) - checked)))
    print("| tokenizer (%d documents, %.2f MB) | tokens | HF tokenizers ms | mlx4j ms | HF MB/s | mlx4j MB/s "
          "| HF / mlx4j |" % (len(docs), mb))
    print("|---|---:|---:|---:|---:|---:|---:|")
    for kind in kinds:
        print("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.2f |" % (
            kind, check[kind][0], hf[kind], mlx[kind], mb / hf[kind] * 1e3, mb / mlx[kind] * 1e3, hf[kind] / mlx[kind]))


if __name__ == "__main__":
    main()
