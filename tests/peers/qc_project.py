"""qualitative-coding (qc): make a small coded project (two coders and the team's consensus)
and export it as .qdpx, or report what a project imported from a .qdpx holds."""
import os
import sys
from pathlib import Path

from qualitative_coding.corpus import QCCorpus

cmd, folder = sys.argv[1], Path(sys.argv[2]).resolve()
os.chdir(folder)
corpus = QCCorpus(folder / "settings.yaml")
with corpus.session():
    if cmd == "make":
        src = folder / "diary.txt"
        src.write_text("I was happy 😀 to start.\nIt made me nervous 👩‍⚕️ at first.\nNow it is fine 東京.\n")
        corpus.import_media(src, importer="verbatim")
        corpus.update_coded_lines("diary.txt", "chris", [{"line": 0, "code_id": "joy"}, {"line": 2, "code_id": "joy"}])
        corpus.update_coded_lines("diary.txt", "haley", [{"line": 1, "code_id": "worry"}, {"line": 2, "code_id": "joy"}])
        # The team's agreed coding, recorded in qc as one more coder: chris's line 0, haley's
        # line 1, and line 2 both coded alike.
        corpus.update_coded_lines("diary.txt", "team", [{"line": 0, "code_id": "joy"}, {"line": 1, "code_id": "worry"}, {"line": 2, "code_id": "joy"}])
    else:
        print("codes used", len(list(corpus.get_codes())))
        def count(node):
            return sum(1 + count(c) for c in node.children)
        print("codes in the codebook tree", count(corpus.get_codebook()))
        print("coders", sorted(str(getattr(c, "name", c)) for c in corpus.get_all_coders()))
        print("coded lines", len(corpus.get_coded_lines()))
        for p in sorted((folder / "corpus").rglob("*")):
            if p.is_file():
                print("document", p.name, len(p.read_text()))
