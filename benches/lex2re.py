"""Turn a lexiscope lexicon into an equivalent ripgrep pattern file.

Each term becomes one regex: its words folded like lexiscope folds them
(lowercase, accents stripped, ñ kept), every vowel and c written as a class of
its accented forms (rg -i folds case but not accents), word separators as
\W+, `word*` as `word\w*` and `*word` as `\w*word`. Used with `rg -c -i -w
-f FILE`, it counts the lines (posts) with at least one whole-word match, the
work lexiscope's `_any` row counts, minus lexiscope's extra work (JSON
parsing, per-category counts, exclusions, overlap resolution).

usage: python3 lex2re.py LEXICON.toml|LIST.tsv > patterns.txt
"""
import sys, tomllib, re, unicodedata
ACC = {'a':'aáàâäã','e':'eéèêë','i':'iíìîï','o':'oóòôöõ','u':'uúùûü','c':'cç'}
def letter(ch):
    s = ACC.get(ch)
    return '[' + s + s.upper() + ']' if s else re.escape(ch)
def fold(s):
    out=[]
    for ch in unicodedata.normalize('NFD', s.lower()):
        if unicodedata.category(ch)=='Mn' and not (ch=='\u0303' and out and out[-1]=='n'): continue
        out.append(ch)
    return unicodedata.normalize('NFC',''.join(out))
def term_re(t):
    words=[]
    for w in t.split():
        pre = w.startswith('*'); post = w.endswith('*')
        core = fold(w.strip('*'))
        parts = [p for p in re.split(r'[^\w]+', core) if p]
        if not parts:
            if core: words.append(re.escape(core))
            continue
        body = r'\W+'.join(''.join(letter(c) for c in p) for p in parts)
        words.append((r'\w*' if pre else '') + body + (r'\w*' if post else ''))
    return r'\W+'.join(words)
path = sys.argv[1]
if path.endswith('.toml'):
    d = tomllib.load(open(path,'rb'))
    # Every term category, helpers included (the work lexiscope's one pass
    # does); opt-in regex terms (`re:`) are left to lexiscope alone.
    terms = [t for c in d['category'] for t in c.get('terms',[]) if not t.startswith('re:')]
else:
    terms = []
    for line in open(path, encoding='utf-8'):
        f=line.rstrip('\n').split('\t')
        terms += [x for x in f[1:] if x]
pats = sorted({term_re(t) for t in terms if term_re(t)})
print('\n'.join(pats))
