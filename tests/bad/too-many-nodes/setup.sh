# 300,000 paragraphs in one description (2.4 MB): past the elements and attributes a
# year's files may hold together, refused before parsing.
python3 - <<'PY'
s = open("interventies.xml", encoding="utf-8").read()
s = s.replace("<p>Ouders doen mee.</p>", "<p>x</p>" * 300000, 1)
open("interventies.xml", "w", encoding="utf-8").write(s)
PY
