"""The first document of CoNLL-2003's English training file, tags in IOB2 (as the Hugging Face
``conll2003`` copy has them), POS and chunk columns as in the original. Its tokens are not
spaCy's: ``1996-08-30`` and ``all-rounder`` are one token each here."""

from __future__ import annotations

from pathlib import Path

ROWS = """\
EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
to TO B-VP O
boycott VB I-VP O
British JJ B-NP B-MISC
lamb NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O

West NNP B-NP B-MISC
Indian NNP I-NP I-MISC
all-rounder NN I-NP O
Phil NNP I-NP B-PER
Simmons NNP I-NP I-PER
took VBD B-VP O
four CD B-NP O
for IN B-PP O
38 CD B-NP O
on IN B-PP O
Friday NNP B-NP O
as IN B-PP O
Leicestershire NNP B-NP B-ORG
beat VBD B-VP O
Somerset NNP B-NP B-ORG
by IN B-PP O
an DT B-NP O
innings NN I-NP O
and CC O O
39 CD B-NP O
runs NNS I-NP O
in IN B-PP O
two CD B-NP O
days NNS I-NP O
to TO B-VP O
take VB I-VP O
over IN B-PP O
at IN B-PP O
the DT B-NP O
head NN I-NP O
of IN B-PP O
the DT B-NP O
county NN I-NP O
championship NN I-NP O
. . O O

LONDON NNP B-NP B-LOC
1996-08-30 CD I-NP O
"""

SENTENCES: list[list[tuple[str, str]]] = [
    [(line.split()[0], line.split()[-1]) for line in block.splitlines()]
    for block in ROWS.strip().split("\n\n")
]
"""(token, tag) per sentence, as the file says."""


def write_excerpt(path: Path) -> Path:
    path.write_text("-DOCSTART- -X- -X- O\n\n" + ROWS, encoding="utf-8")
    return path
