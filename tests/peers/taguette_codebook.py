"""Taguette writes a codebook (.qdc) with its own exporter, from its own Tag objects; or,
given a CSV written by thematic, reads it with its own codebook importer."""
import io
import sys

from taguette import database, export, import_codebook

if sys.argv[1] == "write":
    tags = [
        database.Tag(path="feelings.joy", description="Moments of joy"),
        database.Tag(path="feelings.worry", description="Concern"),
        database.Tag(path="Café ☕ talk", description=""),
    ]
    with open(sys.argv[2], "wb") as f:
        export.codebook_xml(tags, f)
else:
    with open(sys.argv[2], "rb") as f:
        tags = import_codebook.list_tags(io.BytesIO(f.read()))
    for t in tags:
        print(t["path"])
