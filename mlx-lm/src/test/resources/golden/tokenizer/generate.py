"""Builds the tokenizer golden files: tiny tokenizers trained with HF `tokenizers`, saved by `transformers` as model
directories (tokenizer.json, tokenizer_config.json, chat_template.jinja), and golden.json with encodings, decodings and
rendered chat templates of hard strings. Run with a Python that has tokenizers 0.23 and transformers 5:

    python generate.py            # rewrites every directory beside this script
"""
import json
import os
import random
import zlib
import shutil

from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
from transformers import PreTrainedTokenizerFast

HERE = os.path.dirname(os.path.abspath(__file__))

CORPUS = """
The quick brown fox jumps over the lazy dog. I'm sure you're right; they've said we'll see what he'd do.
She's there, isn't she? Numbers like 12345, 3.14159 and 1,000,000 appear in text: 2024-01-31, 07:45.
def tokenize(text):\n    return [t for t in text.split() if t]  # a comment\n\tindented with a tab
Unicode text: café, naïve, résumé, Straße, Ångström, São Paulo, Łódź, Ελληνικά, русский текст.
CJK: 你好，世界。今日は良い天気ですね。 안녕하세요 세계.  Emoji: 😀 👍 🎉 ❤️ 🚀
Hugging Face tokenizers train byte-level BPE, WordPiece and SentencePiece-like models on plain text.
Language models read tokens, predict the next token, and stream text back to the reader one piece at a time.
   Whitespace    runs   and
newlines

and\r\nwindows line endings are kept as they are.
ALL CAPS TEXT AND MiXeD CaSe WoRdS, hyphen-ated words, under_scored names, e-mail: someone@example.com
https://huggingface.co/docs/tokenizers/index?query=bpe&lang=en#section
""" * 20

HARD = [
    "Hello world",
    "Hello world!",
    " leading space",
    "trailing space ",
    "  multiple   spaces   inside  ",
    "tabs\tand\nnewlines\n\n\r\nend",
    "I'm you're they've we'll he'd she's ISN'T It'S",
    "numbers 1234567 3.14159 1,000,000 and 007",
    "café naïve résumé Straße Ångström",
    "e\u0301 decomposed vs \u00e9 composed, ﬁ ligature, ① circled, Ｆｕｌｌ width",
    "emoji 😀👍🏽👨\u200d👩\u200d👧 🇫🇷 ❤️",
    "你好世界 こんにちは 안녕하세요 中文，標點。",
    "Arabic مرحبا Hebrew שלום Hindi नमस्ते Thai สวัสดี",
    "math ∑∫√∞ ≠ ≤ ≥ ± × ÷",
    "code:\ndef f(x):\n    return x**2  # square\n",
    "https://example.com/a?b=c&d=e#frag",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "zero\u200bwidth and\u00a0nbsp and\u3000ideographic space",
    "",
    " ",
    "\n",
    "   ",
    "a",
    "!!!???...",
    "ALLCAPS lowercase MixedCase",
    "The quick brown fox jumps over the lazy dog.",
    "\u0000\u0001 control \u007f chars",
    "I do not know , isn't it ? Yes ! ok . they ' re",
    "digits 0123456789 and 12.50$ (parens) [brackets] {braces} \"quotes\" 'single'",
    "ÉCOLE Ça Ñandú İstanbul ΣΊΣΥΦΟΣ",
]

LLAMA3_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                r"\s*[\r\n]+|\s+(?!\S)|\s+")
QWEN2_REGEX = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
               r"\s*[\r\n]+|\s+(?!\S)|\s+")

LLAMA3_TEMPLATE = (
    "{% set loop_messages = messages %}{% for message in loop_messages %}"
    "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim"
    " + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}"
    "{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}")

CHATML_TEMPLATE = (
    "{%- if tools %}\n    {{- '<|im_start|>system\\n' }}\n    {%- if messages[0]['role'] == 'system' %}\n"
    "        {{- messages[0]['content'] }}\n    {%- else %}\n        {{- 'You are a helpful assistant.' }}\n"
    "    {%- endif %}\n    {{- \"\\n\\n# Tools\\n\\n<tools>\" }}\n    {%- for tool in tools %}\n"
    "        {{- \"\\n\" }}\n        {{- tool | tojson }}\n    {%- endfor %}\n    {{- \"\\n</tools><|im_end|>\\n\" }}\n"
    "{%- else %}\n    {%- if messages[0]['role'] == 'system' %}\n"
    "        {{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}\n    {%- else %}\n"
    "        {{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}\n    {%- endif %}\n{%- endif %}\n"
    "{%- for message in messages %}\n"
    "    {%- if (message.role == \"user\") or (message.role == \"system\" and not loop.first) %}\n"
    "        {{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}\n"
    "    {%- elif message.role == \"assistant\" %}\n"
    "        {%- set content = message.content %}\n"
    "        {%- if '</think>' in content %}\n"
    "            {%- set content = content.split('</think>')[-1].lstrip('\\n') %}\n"
    "        {%- endif %}\n"
    "        {{- '<|im_start|>' + message.role + '\\n' + content.strip() + '<|im_end|>\\n' }}\n"
    "    {%- endif %}\n"
    "{%- endfor %}\n"
    "{%- if add_generation_prompt %}\n    {{- '<|im_start|>assistant\\n' }}\n{%- endif %}\n")

MISTRAL_TEMPLATE = (
    "{{ bos_token }}{% for message in messages %}"
    "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
    "{% if message['role'] == 'user' %}{{ '[INST] ' + message['content'] + ' [/INST]' }}"
    "{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token}}"
    "{% else %}{{ raise_exception('Only user and assistant roles are supported!') }}{% endif %}{% endfor %}")

GEMMA_TEMPLATE = (
    "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}"
    "{% endif %}{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
    "{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}"
    "{% endif %}{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}{% endfor %}"
    "{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}")

QWEN3_TEMPLATE = open(os.path.join(HERE, "qwen3_template.jinja"), encoding="utf-8").read()
LLAMA31_TEMPLATE = open(os.path.join(HERE, "llama31_template.jinja"), encoding="utf-8").read()
FEATURES_TEMPLATE = open(os.path.join(HERE, "features_template.jinja"), encoding="utf-8").read()

CONVERSATIONS = [
    [{"role": "user", "content": "Hello!"}],
    [{"role": "user", "content": "  What is 2+2?  "}, {"role": "assistant", "content": "It is 4."},
     {"role": "user", "content": "And 3+3? 你好 😀"}],
    [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Hi"}],
    [{"role": "user", "content": "Think."},
     {"role": "assistant", "content": "<think>\nreasoning\n</think>\n\nThe answer."},
     {"role": "user", "content": "Thanks"}],
    [{"role": "assistant", "content": "I speak first"}],
    [{"role": "system", "content": "Use tools."}, {"role": "user", "content": "Weather in Paris?"},
     {"role": "assistant", "content": "", "tool_calls": [
         {"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris", "days": 2}}}]},
     {"role": "tool", "content": "{\"temp\": 21.5}"}, {"role": "tool", "content": "sunny"},
     {"role": "assistant", "content": "<think>\nlook\n</think>\n\nIt is 21.5 degrees and sunny."},
     {"role": "user", "content": "<tool_response>x</tool_response>"}],
]
TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather of a city",
          "parameters": {"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
                         "required": ["city"]}}}]
EXTRAS = [{}, {"tools": TOOLS}, {"enable_thinking": False}, {"tools": TOOLS, "enable_thinking": True},
          {"builtin_tools": ["brave_search", "code_interpreter"], "date_string": "03 Dec 2026"},
          {"tools": TOOLS, "tools_in_user_message": False}]


def byte_level(name, regex, specials, post, template, bos, eos, normalizer=None, ignore_merges=False, extra=None):
    tok = Tokenizer(models.BPE(ignore_merges=ignore_merges))
    if normalizer is not None:
        tok.normalizer = normalizer
    if regex is None:
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    else:
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(regex), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=600, special_tokens=specials,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator([CORPUS], trainer)
    tok.post_processor = post(tok)
    return save(name, tok, template, bos, eos, extra=extra)


def metaspace(name, legacy, specials, template, bos, eos, gemma=False):
    byte_tokens = ["<0x%02X>" % b for b in range(256)]
    tok = Tokenizer(models.BPE(byte_fallback=True, unk_token="<unk>", fuse_unk=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="first", split=False)
    trainer = trainers.BpeTrainer(vocab_size=700, special_tokens=specials + byte_tokens, show_progress=False)
    tok.train_from_iterator([CORPUS], trainer)
    data = json.loads(tok.to_str())
    # byte tokens live in the model's vocabulary, as in Llama 2 and Mistral, not among the added tokens
    data["added_tokens"] = [t for t in data["added_tokens"] if t["content"] not in byte_tokens]
    if legacy:  # the layout of Llama 2 / Mistral 7B v0.1 tokenizer.json files
        data["pre_tokenizer"] = None
        data["normalizer"] = {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": "▁"},
            {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]}
        data["decoder"] = {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
            {"type": "ByteFallback"}, {"type": "Fuse"},
            {"type": "Strip", "content": " ", "start": 1, "stop": 0}]}
    if gemma:  # Gemma: spaces replaced, no prefix space, no strip
        data["pre_tokenizer"] = None
        data["normalizer"] = {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}
        data["decoder"] = {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
            {"type": "ByteFallback"}, {"type": "Fuse"}]}
    tok = Tokenizer.from_str(json.dumps(data))
    bos_id = tok.token_to_id(bos)
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A", pair=f"{bos} $A {bos} $B", special_tokens=[(bos, bos_id)])
    return save(name, tok, template, bos, eos)


def wordpiece(name):
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece(prefix="##")
    trainer = trainers.WordPieceTrainer(vocab_size=700, special_tokens=specials, show_progress=False)
    tok.train_from_iterator([CORPUS], trainer)
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", tok.token_to_id("[CLS]")), ("[SEP]", tok.token_to_id("[SEP]"))])
    return save(name, tok, None, None, None, unk="[UNK]", extra={"cls_token": "[CLS]", "sep_token": "[SEP]",
                                                                  "pad_token": "[PAD]", "mask_token": "[MASK]",
                                                                  "clean_up_tokenization_spaces": True})


def roberta(name):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True)
    tok.decoder = decoders.ByteLevel()
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    trainer = trainers.BpeTrainer(vocab_size=600, special_tokens=specials,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator([CORPUS], trainer)
    tok.add_special_tokens([AddedToken("<mask>", lstrip=True, special=True)])
    tok.post_processor = processors.RobertaProcessing(("</s>", tok.token_to_id("</s>")),
                                                      ("<s>", tok.token_to_id("<s>")))
    return save(name, tok, None, "<s>", "</s>")


def features(name):
    """Normalizers, splitting pre-tokenizers, BPE with a continuing-subword prefix, added-token options."""
    tok = Tokenizer(models.BPE(continuing_subword_prefix="##", unk_token="[UNK]"))
    tok.normalizer = normalizers.Sequence([
        normalizers.NFD(), normalizers.StripAccents(), normalizers.NFKC(), normalizers.Lowercase(),
        normalizers.Replace(Regex(r"\s+"), " "), normalizers.Strip()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.Punctuation(behavior="isolated")])
    tok.decoder = decoders.WordPiece(prefix="##", cleanup=True)
    trainer = trainers.BpeTrainer(vocab_size=600, special_tokens=["[UNK]", "[CLS]", "[SEP]"],
                                  continuing_subword_prefix="##", show_progress=False)
    tok.train_from_iterator([CORPUS], trainer)
    tok.add_special_tokens([AddedToken("<mask>", lstrip=True, rstrip=True, special=True),
                            AddedToken("<sw>", single_word=True, special=True)])
    tok.add_tokens([AddedToken("xyzzy", normalized=True), AddedToken("[nl]", single_word=True, normalized=True),
                    AddedToken("Plugh", normalized=False)])
    tok.post_processor = processors.BertProcessing(("[SEP]", tok.token_to_id("[SEP]")),
                                                   ("[CLS]", tok.token_to_id("[CLS]")))
    return save(name, tok, FEATURES_TEMPLATE, "[CLS]", "[SEP]", unk="[UNK]")


def splits(name):
    """Split pre-tokenizers with every behavior, then byte-level."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(" ", behavior="merged_with_next"),
        pre_tokenizers.Split(Regex(r"\d"), behavior="contiguous"),
        pre_tokenizers.Split(Regex(r"[.,!?]"), behavior="merged_with_previous"),
        pre_tokenizers.Split(Regex(r"-"), behavior="removed"),
        pre_tokenizers.Split(Regex(r"[^\n]+"), behavior="isolated", invert=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=500, special_tokens=["<|endoftext|>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator([CORPUS], trainer)
    return save(name, tok, None, None, "<|endoftext|>")


def save(name, tok, template, bos, eos, unk=None, extra=None):
    out = os.path.join(HERE, name)
    shutil.rmtree(out, ignore_errors=True)
    kwargs = dict(tokenizer_object=tok)
    if bos: kwargs["bos_token"] = bos
    if eos: kwargs["eos_token"] = eos
    if unk: kwargs["unk_token"] = unk
    if extra: kwargs.update(extra)
    if template: kwargs["chat_template"] = template
    hf = PreTrainedTokenizerFast(**kwargs)
    hf.save_pretrained(out)
    hf = PreTrainedTokenizerFast.from_pretrained(out)
    raw = Tokenizer.from_file(os.path.join(out, "tokenizer.json"))
    rng = random.Random(zlib.crc32(name.encode()))
    cases = []
    for text in HARD + added_token_texts(raw):
        ids = raw.encode(text).ids
        ids_plain = raw.encode(text, add_special_tokens=False).ids
        assert hf(text)["input_ids"] == ids, (name, text)
        cases.append({"text": text, "ids": ids, "idsNoSpecial": ids_plain,
                      "decode": raw.decode(ids, skip_special_tokens=False),
                      "decodeSkipSpecial": raw.decode(ids, skip_special_tokens=True),
                      "hfDecode": hf.decode(ids, skip_special_tokens=False),
                      "hfDecodeSkipSpecial": hf.decode(ids, skip_special_tokens=True)})
    random_ids = []
    for _ in range(40):  # arbitrary id sequences: partial UTF-8, stray byte tokens, specials anywhere
        ids = [rng.randrange(raw.get_vocab_size()) for _ in range(rng.randrange(1, 12))]
        random_ids.append({"ids": ids, "decode": raw.decode(ids, skip_special_tokens=False),
                           "decodeSkipSpecial": raw.decode(ids, skip_special_tokens=True)})
    chats = []
    if template:
        for extra in EXTRAS if "tools" in template else [{}]:
            for messages in CONVERSATIONS:
                for gen in (True, False):
                    entry = {"messages": messages, "addGenerationPrompt": gen, "extra": extra}
                    try:
                        entry["rendered"] = hf.apply_chat_template(messages, tokenize=False,
                                                                   add_generation_prompt=gen, **extra)
                    except Exception as e:  # the template's raise_exception
                        entry["error"] = str(e)
                    chats.append(entry)
    golden = {"vocabSize": raw.get_vocab_size(), "bos": bos, "eos": eos,
              "bosId": raw.token_to_id(bos) if bos else None, "eosId": raw.token_to_id(eos) if eos else None,
              "specialIds": sorted(i for i, t in raw.get_added_tokens_decoder().items() if t.special),
              "cases": cases, "randomIds": random_ids, "chats": chats}
    with open(os.path.join(out, "golden.json"), "w", encoding="utf-8") as f:
        json.dump(golden, f, ensure_ascii=False, indent=1)
    return tok


def added_token_texts(tok):
    specials = [t.content for t in tok.get_added_tokens_decoder().values()]
    texts = []
    for s in specials[:3]:
        texts += [f"before{s}after", f"{s} spaced {s}", f" {s}\n{s}{s}x"]
    return texts


def main():
    gpt2_post = lambda t: processors.ByteLevel(trim_offsets=False)
    byte_level("gpt2", None, ["<|endoftext|>"], gpt2_post, None, "<|endoftext|>", "<|endoftext|>")
    llama3_specials = ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>",
                       "<|eot_id|>"]
    llama3_post = lambda t: processors.Sequence([
        processors.ByteLevel(trim_offsets=False),
        processors.TemplateProcessing(single="<|begin_of_text|> $A",
                                      pair="<|begin_of_text|> $A <|begin_of_text|> $B:1",
                                      special_tokens=[("<|begin_of_text|>", t.token_to_id("<|begin_of_text|>"))])])
    byte_level("llama3", LLAMA3_REGEX, llama3_specials, llama3_post, LLAMA3_TEMPLATE, "<|begin_of_text|>",
               "<|eot_id|>", ignore_merges=True, extra={"clean_up_tokenization_spaces": True})
    qwen_post = lambda t: processors.ByteLevel(trim_offsets=False)
    byte_level("qwen2", QWEN2_REGEX, ["<|endoftext|>", "<|im_start|>", "<|im_end|>"], qwen_post, CHATML_TEMPLATE,
               None, "<|im_end|>", normalizer=normalizers.NFC())
    metaspace("llama2", True, ["<unk>", "<s>", "</s>"], None, "<s>", "</s>")
    metaspace("mistral", False, ["<unk>", "<s>", "</s>"], MISTRAL_TEMPLATE, "<s>", "</s>")
    metaspace("gemma", False, ["<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>", "<end_of_turn>"],
              GEMMA_TEMPLATE, "<bos>", "<eos>", gemma=True)
    wordpiece("bert")
    byte_level("llama31", LLAMA3_REGEX, llama3_specials + ["<|eom_id|>", "<|python_tag|>"], llama3_post, LLAMA31_TEMPLATE,
               "<|begin_of_text|>", "<|eot_id|>", ignore_merges=True)
    byte_level("qwen3", QWEN2_REGEX, ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>",
                                      "<tool_call>", "</tool_call>"], qwen_post, QWEN3_TEMPLATE, None, "<|im_end|>",
               normalizer=normalizers.NFC())
    roberta("roberta")
    features("features")
    splits("splits")


if __name__ == "__main__":
    main()
