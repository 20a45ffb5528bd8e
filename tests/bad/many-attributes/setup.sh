# A gemeente with 100,000 attributes (a 1.1 MB gemeenten.xml): libxml2 would compare them
# pairwise for minutes; gkapub refuses the element before parsing.
python3 - <<'PY'
attrs = " ".join('a%d="x"' % i for i in range(100000))
s = open("gemeenten.xml", encoding="utf-8").read()
s = s.replace("<gemeente ", "<gemeente " + attrs + "\n    ", 1)
open("gemeenten.xml", "w", encoding="utf-8").write(s)
PY
