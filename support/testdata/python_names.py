"""CPython's reading of names files, for support/data_test.ts:

    python3 support/testdata/python_names.py > support/testdata/python_names.json

The guide's programs read names as
    text = open(path, "r", encoding="utf-8").read()
    docs = [l.strip() for l in text.strip().split("\\n") if l.strip()]
    uchars = sorted(set("".join(docs)))
This records, for each text, the docs and uchars CPython gets: the hostile
files of bench/reference/golden/texts/, a few more made here, and random
texts built from the characters a JavaScript reader gets wrong (a BOM, \\r,
U+0085, U+001C-U+001F, U+2028, U+FEFF, astral characters, ...). It also
records the code points for which str.isspace() is true.
"""
import glob, json, os, random, sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MADE = {
    "bom_only": "\ufeff",
    "nel_ends": "\x85emma\x85\nolivia\x1c\n\x1dava\x1e\x1f\n",
    "unicode_space": "\xa0emma\u3000\n\u2028\n\u2029olivia\u2000\n\u200bava\u200b\n\u205f\n",
    "accents": "Zoë\nJosé\nÅsa\nJo-Ann\nO'Neil\n",
    "blank_lines": "\n\n  \n\temma\t\n \x0b\x0c\n\nava\n\n",
    "one_name": "x",
}
PIECES = ["a", "b", "e", "é", "Z", "-", " ", "\t", "\r", "\n", "\r\n", "\x85",
          "\x1c", "\x1f", "\xa0", "\u2028", "\u3000", "\ufeff", "\u200b",
          "\ue000", "\uffef", "\U0001f600", "\uff21"]


def read(text):
    # open(..., "r") applies universal newlines: \r\n and a lone \r end lines.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    docs = [l.strip() for l in text.strip().split("\n") if l.strip()]
    return docs, sorted(set("".join(docs)))


cases = []
for path in sorted(glob.glob(os.path.join(ROOT, "bench/reference/golden/texts/*.txt"))):
    if ".step" in path:
        continue
    with open(path, "r", encoding="utf-8") as f:
        docs, uchars = read(f.read())
    cases.append({"what": os.path.relpath(path, ROOT), "file": os.path.relpath(path, ROOT),
                  "docs": docs, "uchars": uchars})
rng = random.Random(7)
made = dict(MADE)
for i in range(200):
    made[f"random {i}"] = ("\ufeff" if rng.random() < 0.3 else "") + "".join(
        rng.choice(PIECES) for _ in range(rng.randrange(1, 40)))
for what, text in made.items():
    docs, uchars = read(text)
    cases.append({"what": what, "text": text, "docs": docs, "uchars": uchars})
spaces = [c for c in range(0x110000) if chr(c).isspace()]
json.dump({"python": sys.version.split()[0], "isspace": spaces, "cases": cases},
          sys.stdout, ensure_ascii=True, indent=1)
print()
