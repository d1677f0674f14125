"""Writes tokens.txt: the token ids Hugging Face `tokenizers` gives each line of sentences.txt with
all-MiniLM-L6-v2's tokenizer.json (from the langchain4j jar), truncated at 256 tokens, one line of
space-separated ids per text. Run with /work/venv/bin/python make_tokens.py PATH/all-minilm-l6-v2-tokenizer.json"""
import sys
from tokenizers import Tokenizer

tok = Tokenizer.from_file(sys.argv[1])
tok.no_padding()
tok.enable_truncation(max_length=256)
with open("sentences.txt", encoding="utf-8") as f, open("tokens.txt", "w") as out:
    for line in f:
        out.write(" ".join(map(str, tok.encode(line.rstrip("\n")).ids)) + "\n")
