"""Writes sentences.txt: real English text from the package descriptions of a Debian system
(/var/lib/dpkg/status: one-line summaries, whole paragraphs, and a few runs of paragraphs long enough to be
truncated at 256 tokens) plus non-ASCII sentences, one text per line, for EmbedderOnnxRuntimeTest."""
import random

def descriptions(path="/var/lib/dpkg/status"):
    out, cur = [], None
    for line in open(path, encoding="utf-8"):
        if line.startswith("Description:"):
            cur = [line[len("Description:"):].strip()]
        elif cur is not None and line.startswith(" "):
            t = line.strip()
            cur.append("" if t == "." else t)
        elif cur is not None:
            out.append(cur)
            cur = None
    return out

random.seed(12)
descs = descriptions()
random.shuffle(descs)
summaries = [d[0] for d in descs[:120]]
paragraphs = [" ".join(x for x in d[1:] if x) for d in descs[120:260] if len(d) > 2][:110]
longs = [" ".join(" ".join(x for x in d[1:] if x) for d in descs[300 + 6 * i: 306 + 6 * i]) for i in range(25)]
non_ascii = [
    "Le café est très bon à Paris, n'est-ce pas ?",
    "Die Straße ist für Fußgänger gesperrt.",
    "¿Dónde está la biblioteca? Está cerca de la estación.",
    "Mañana iremos a la playa con los niños.",
    "Москва — столица России, крупнейший город страны.",
    "Съешь же ещё этих мягких французских булок, да выпей чаю.",
    "東京は日本の首都であり、世界最大の都市圏の一つです。",
    "我喜欢在周末读书和散步。",
    "北京烤鸭是一道著名的中国菜。",
    "서울은 대한민국의 수도입니다.",
    "Ελληνικά: η γρήγορη καφέ αλεπού πηδάει πάνω από τον τεμπέλη σκύλο.",
    "עברית היא שפה שמית.",
    "العربية لغة جميلة ولها تاريخ طويل.",
    "हिन्दी भारत की राजभाषाओं में से एक है।",
    "ภาษาไทยมีวรรณยุกต์ห้าเสียง",
    "Tiếng Việt có sáu thanh điệu.",
    "Zażółć gęślą jaźń — a Polish pangram.",
    "Příliš žluťoučký kůň úpěl ďábelské ódy.",
    "Árvíztűrő tükörfúrógép, a Hungarian test phrase.",
    "Ça coûte 12,50 € ou £10.99, selon le taux.",
    "Emoji test: I love pizza 🍕 and coffee ☕️, see you soon 👋🏽!",
    "Naïve résumé of the coöperative's façade.",
    "Crème brûlée, jalapeño, piñata and smörgåsbord.",
    "The temperature was −5 °C at 06:30 on 3 Dec 2026.",
    "Mathematics: ∀x ∈ ℝ, x² ≥ 0 and ∑ 1/n² = π²/6.",
    "Ångström, Øresund and Æsir are Nordic words.",
    "İstanbul'da güzel bir gün geçirdik.",
    "Jeg kan spise glas, det gør ikke ondt på mig.",
    "Kjøttkaker med brun saus er norsk mat.",
    "Tämä on suomenkielinen lause, jossa on ääkkösiä.",
    "«Bonjour», dit-il — puis il partit…",
    "Fullwidth ＡＢＣ and ｈａｌｆ，ｗｉｄｔｈ punctuation．",
    "Zero‑width joiner: 👨‍👩‍👧‍👦 family and ZWSP\u200bhere.",
    "Combining marks: e\u0301 versus é, and A\u030a versus Å.",
    "Ligatures ﬁ ﬂ and the Roman numeral Ⅻ.",
    "Tab\tseparated and   multiple   spaces.",
    "日本語と English が混ざった文章です。",
    "Πολύ καλό! Very good! とても良い！",
    "Ünïcödé çharacters everywhere in this sëntence.",
    "São Paulo é a maior cidade do Brasil.",
]
texts = summaries + paragraphs + longs + non_ascii
with open("sentences.txt", "w", encoding="utf-8") as f:
    for t in texts:
        f.write(" ".join(t.replace("\t", " ").split()) if "Tab" not in t else t.replace("\t", " "))
        f.write("\n")
print(len(texts), "texts")
