#!/usr/bin/env bash
# Exchange with Taguette and qualitative-coding (qc); see README.md here.
set -uo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
here="$repo/tests/peers"
thematic="$repo/target/debug/thematic"
tag_py="${TAGUETTE_PYTHON:-/tmp/peers/bin/python}"
qc_bin="${QC_BIN:-/tmp/peers-qc/bin}"
work="$(mktemp -d)"
echo "working in $work"
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

# Taguette → thematic: its .qdc imports with every code.
"$tag_py" "$here/taguette_codebook.py" write "$work/taguette.qdc"
"$thematic" init "$work/from-taguette" >/dev/null
"$thematic" --project "$work/from-taguette" codebook import "$work/taguette.qdc"
check "Taguette .qdc: three codes imported" \
  '[ "$("$thematic" --project "$work/from-taguette" codebook list | grep -c -E "feelings.joy|feelings.worry|Café ☕ talk")" = 3 ]'
# thematic → Taguette: Taguette reads codebooks as CSV; ours is read by its importer.
"$thematic" --project "$work/from-taguette" codebook export "$work/ours.csv" >/dev/null
check "Taguette reads our codebook CSV" \
  '"$tag_py" "$here/taguette_codebook.py" read "$work/ours.csv" | grep -q "Café ☕ talk"'

# qc → thematic: its .qdpx imports with text, codes, both coders.
mkdir "$work/qc" && (cd "$work/qc" && "$qc_bin/qc" init >/dev/null 2>&1)
"$qc_bin/python" "$here/qc_project.py" make "$work/qc"
(cd "$work/qc" && "$qc_bin/qc" export "$work/qc.qdpx" >/dev/null 2>&1)
"$thematic" import-project "$work/qc.qdpx" "$work/from-qc" --consensus-user team
check "qc .qdpx: two coders" '[ "$(ls "$work/from-qc/codings")" = "$(printf "chris.jsonl\nhaley.jsonl")" ]'
"$thematic" --project "$work/from-qc" consensus
check "qc .qdpx: the team's coding is the consensus (took chris's, took haley's, agreed)" \
  '[ "$("$thematic" --project "$work/from-qc" consensus --json | grep -o "\"decision\": \"[a-z]*\"" | tr -d "\" " | tr "\n" " ")" = "decision:a decision:b decision:agreed " ]'
check "qc .qdpx: the diary's three lines are units" \
  '[ "$("$thematic" --project "$work/from-qc" units --json | grep -c "\"text\"")" = 3 ]'
"$thematic" --project "$work/from-qc" codings --coder chris
# qc counts code points; after the emoji on lines 1 and 2, its line selections must still land
# on whole lines here (a UTF-16 count would shift them by one and two).
check "qc positions after emoji land on whole lines" \
  '! "$thematic" --project "$work/from-qc" codings --coder haley --json | grep -q "\"span\": \["'
"$thematic" --project "$work/from-qc" agreement >/dev/null && echo "ok   agreement runs on the imported project"

# thematic → qc: our export of the sample validates against qc's copy of the schema and imports.
cp -r "$repo/samples/mentorship" "$work/sample"
# A grouping parent (isCodable="false") and the sample's partial consensus go with it.
"$thematic" --project "$work/sample" codebook edit overall-valence --codable false >/dev/null
"$thematic" --project "$work/sample" export qdpx "$work/ours.qdpx" >/dev/null
mkdir "$work/qc-ours"
(cd "$work/qc-ours" && PYTHONBREAKPOINT=0 "$qc_bin/qc" init --import "$work/ours.qdpx" >"$work/qc-import.log" 2>&1)
check "qc imports our .qdpx (schema-validated by qc)" '[ -f "$work/qc-ours/qualitative_coding.sqlite3" ]'
PYTHONBREAKPOINT=0 "$qc_bin/python" "$here/qc_project.py" report "$work/qc-ours" >"$work/qc-report.txt" 2>/dev/null
grep -v debug "$work/qc-report.txt"
check "qc holds our five documents, both coders and the consensus as a coder" \
  '[ "$(grep -c "^document" "$work/qc-report.txt")" = 5 ] && grep -q "alice" "$work/qc-report.txt" && grep -q "bob" "$work/qc-report.txt" && grep -q "consensus" "$work/qc-report.txt"'
tail -3 "$work/qc-import.log"
exit $fail
