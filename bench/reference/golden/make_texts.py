"""Hostile-but-valid names files, and what the Step 0-2 references print for them.

Writes small made-up names files into bench/reference/golden/texts/, each
aimed at one way a port can read a names file differently from the guide's
Python, which does

    open(path, "r", encoding="utf-8").read()   # universal newlines: \\r\\n and a lone \\r end lines
    text.strip().split("\\n")                   # Python's whitespace set (str.isspace)
    [line.strip() for line in ... if line.strip()]
    sorted(set("".join(docs)))                 # characters by code point

Points where JavaScript differs: TextDecoder / Deno.readTextFile drop a
leading BOM (Python keeps U+FEFF as a character: "utf-8", not "utf-8-sig");
String.prototype.trim() removes U+FEFF but not U+0085 or U+001C-U+001F
(Python's strip() does the opposite); JS sorts strings by UTF-16 code units,
so characters above U+FFFF sort before U+E000-U+FFFF (Python: after); a JS
string's length and split("") count UTF-16 code units, not characters.

Then runs step0.py, step1.py and step2.py on every file with small settings,
saves their stdout as texts/<stem>.stepN.txt and lists every run in
text_cases.json (same fields as cases.json, plus what Python sees: num_docs,
vocab_size and the sorted characters as code points). step1.py and step2.py
get the same flags, so their outputs must be equal but for step1.py's
gradient-check line; this script checks that.

Run from the repository root (about a minute of CPU):

    python3 bench/reference/golden/make_texts.py
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
TEXTS = os.path.join(HERE, "texts")
REL_TEXTS = "bench/reference/golden/texts"

BOM = "\ufeff"
# the references print UTF-8 whatever the locale says
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}

# name -> (what it tests, text). The texts are written as UTF-8 bytes exactly
# (newline="" so Python does not translate "\n" on writing).
FILES = {
    "bom_start": (
        "a UTF-8 BOM (EF BB BF) at the start of the file: Python's utf-8 keeps it, "
        "so U+FEFF is the first character of the first name and part of the vocabulary",
        BOM + "mirela\ntovan\nelsa\nbrannoc\nkaelo\nysolde\nperrin\nadela\ncorwin\nlunet\norsa\nidony\n",
    ),
    "feff_inside": (
        "U+FEFF inside names (not whitespace for Python, so kept)",
        "mira\nan\ufeffna\ntovan\nel\ufeffsie\nkaelo\nysolde\nbo\ufeff\ufeffdil\nperrin\nadela\nwenna\nrook\n",
    ),
    "feff_edges": (
        "U+FEFF at the start and end of names and as a line of its own: Python's strip() keeps it "
        "(JS trim() would remove it and drop the line)",
        "mira\n\ufeff\ntovan\ufeff\n\ufeffelsie\nkaelo\n  \ufeff  \nysolde\nperrin\nadela\n",
    ),
    "crlf": (
        "CRLF line ends, a blank CRLF line and a final CRLF",
        "mira\r\ntovan\r\nelsie\r\n\r\nbrannoc\r\nkaelo\r\nysolde\r\nperrin\r\nzoe\r\nadela\r\ncorwin\r\n",
    ),
    "cr_only": (
        "lone CR line ends (old Mac): universal newlines split on them",
        "mira\rtovan\relsie\rbrannoc\rkaelo\r\rysolde\rperrin\rquill\radela\rcorwin\r",
    ),
    "mixed_eol": (
        "LF, CRLF, lone CR and CR CR LF (a CR then a CRLF: two line ends) in one file, no final newline",
        "mira\ntovan\r\nelsie\rbrannoc\r\r\nkaelo\n\rysolde\r\nperrin\rxanthe",
    ),
    "ws_ends_unicode": (
        "Python whitespace beyond ASCII that is not a control character (U+00A0, U+2028, U+2029, "
        "U+3000) at line ends and starts and as whole lines: strip() removes all of it",
        "mira\xa0\n"
        "\u3000tovan\u3000\n"
        "\xa0\n"
        "elsie\u2028\n"
        "\u2028\u2029\n"
        "\u2029brannoc\n"
        "\xa0\u3000 \n"
        "kaelo\n"
        "ysolde\u2029\n"
        "\u3000\n",
    ),
    "ws_ends_control": (
        "Python whitespace that is a control character (U+0085, U+001C-U+001F, \\v, \\f) at line "
        "ends and starts and as whole lines: strip() removes all of it",
        "mira\x85\n"
        "\x1ctovan\x1d\n"
        "\x1e\x1f\n"
        "elsie\x1e\n"
        "\x85\n"
        "\x0bbrannoc\x0c\n"
        "\x0b\x0c\n"
        "kaelo\x1f\n"
        "ysolde\x0c\x85\n"
        "\x1c\n",
    ),
    "ws_inside_unicode": (
        "U+00A0, U+2028, U+2029 and U+3000 INSIDE names: kept as characters (U+2028 and U+2029 are "
        "line breaks for str.splitlines() but not for split('\\n'))",
        "mary\xa0ann\nel\u2028sie\ntovan\nlu\u3000net\nperrin\nka\u2029elo\nadela\n",
    ),
    "ws_inside_control": (
        "U+0085 and U+001C-U+001F INSIDE names: kept as characters (all but U+001F are line breaks "
        "for str.splitlines() but not for split('\\n'))",
        "to\x85van\nbran\x1cnoc\nka\x1delo\nys\x1eolde\nperrin\nmi\x1fra\nadela\n",
    ),
    "astral_pua": (
        "emoji above U+FFFF mixed with U+E000-U+FFFF characters: code-point order puts the emoji "
        "last, UTF-16 order (surrogates D800-DFFF) puts them before U+E000",
        "mi\U0001F600ra\n\uff41nna\ntovan\U0001F431\nel\ue000sie\n\ufb01nn\nkaelo\U0001F600\U0001F600\n"
        "ys\ufffdolde\n\U0001F431\nperrin\uf8ff\nadela\nzo\U0001F98A\n",
    ),
    "upper_accented": (
        "upper-case and accented names, one with a combining accent (two code points), "
        "an apostrophe and a hyphen",
        "Zo\xeb\n\xc9LODIE\nJos\xe9\n\u0141ukasz\nS\xf8ren\nChloe\u0301\nMARIE-CLAIRE\nO'Neil\n\xc6nid\n"
        "\xc5sa\nbj\xf6rn\nIlse\n",
    ),
    "blank_ws_lines": (
        "names separated by lines holding only spaces and tabs, leading and trailing blank lines, "
        "spaces around names and one inside a name",
        "\n\n  \t\nmira\n   \n\t\ntovan  \n \t \n  elsie\n\n\nmary ann\n \nkaelo\t\n\t\t\nysolde\n  \n"
        "perrin\n\n \n",
    ),
}

STEP_ARGS = {
    0: ["--steps", "30", "--log-every", "10", "--samples", "5"],
    1: ["--seed", "7", "--steps", "30", "--log-every", "10", "--samples", "5"],
    2: ["--seed", "7", "--steps", "30", "--log-every", "10", "--samples", "5"],
}


def python_view(text):
    """What the guide's Python sees: the docs and the sorted characters."""
    docs = [line.strip() for line in text.strip().split("\n") if line.strip()]
    return docs, sorted(set("".join(docs)))


def universal_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def utf16_order_differs(uchars):
    return sorted(uchars, key=lambda c: c.encode("utf-16-be")) != uchars


def main():
    os.makedirs(TEXTS, exist_ok=True)
    cases = []
    for stem, (what, text) in FILES.items():
        path = os.path.join(TEXTS, stem + ".txt")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        # check the reading the references do sees what this script expects
        with open(path, "r", encoding="utf-8") as f:
            read_back = f.read()
        assert read_back == universal_newlines(text), stem
        docs, uchars = python_view(read_back)
        differs = utf16_order_differs(uchars)
        if stem == "astral_pua":
            assert differs, "astral_pua must sort differently by UTF-16 code units"
        outputs = {}
        for step, args in STEP_ARGS.items():
            cmd = [sys.executable, f"bench/reference/step{step}.py", "--data", f"{REL_TEXTS}/{stem}.txt", *args]
            out = subprocess.run(cmd, cwd=REPO_ROOT, env=ENV, check=True, capture_output=True).stdout
            outputs[step] = out
            head = out.decode("utf-8").split("\n")[:2]
            assert head == [f"num docs: {len(docs)}", f"vocab size: {len(uchars) + 1}"], (stem, head)
            golden = f"texts/{stem}.step{step}.txt"
            with open(os.path.join(HERE, golden), "wb") as f:
                f.write(out)
            cases.append({
                "step": step,
                "file": golden,
                "data": f"{REL_TEXTS}/{stem}.txt",
                "args": args,
                "what": what,
                "num_docs": len(docs),
                "vocab_size": len(uchars) + 1,
                "uchars": [f"U+{ord(c):04X}" for c in uchars],
                "utf16_order_differs": differs,
            })
            print(f"wrote bench/reference/golden/{golden}")
        step1_lines = [ln for ln in outputs[1].split(b"\n") if not ln.startswith(b"gradient check")]
        assert step1_lines == outputs[2].split(b"\n"), f"{stem}: step1.py and step2.py disagree"
    with open(os.path.join(HERE, "text_cases.json"), "w", encoding="utf-8") as f:
        json.dump(cases, f, indent=2)  # the layout deno fmt keeps
        f.write("\n")
    print("wrote bench/reference/golden/text_cases.json")


if __name__ == "__main__":
    main()
