"""qualitative-coding (qc): make a small coded project and export it as .qdpx, or report
what a project imported from a .qdpx holds."""
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
    else:
        print("codes", len(list(corpus.get_codes())))
        print("coders", sorted(str(getattr(c, "name", c)) for c in corpus.get_all_coders()))
        print("coded lines", len(corpus.get_coded_lines()))
        for p in sorted((folder / "corpus").rglob("*")):
            if p.is_file():
                print("document", p.name, len(p.read_text()))
