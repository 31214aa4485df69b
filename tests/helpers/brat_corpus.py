"""A brat corpus shaped like the BioNLP shared task data in brat's own examples: T, E, M, A,
R, *, N and typed # lines, with the corpus's annotation.conf and visual.conf."""

from __future__ import annotations

from pathlib import Path

TEXT = (
    "BMP-6 induces phosphorylation of Id1 in B cells.\n"
    "IL-2 (interleukin-2) expression was not detected.\n"
)

ANN = """\
T1\tProtein 0 5\tBMP-6
T2\tProtein 33 36\tId1
T3\tPositive_regulation 6 13\tinduces
T4\tPhosphorylation 14 29\tphosphorylation
T5\tProtein 49 53\tIL-2
T6\tProtein 55 68\tinterleukin-2
T7\tGene_expression 70 80\texpression
T8\tEntity 40 47\tB cells
E1\tPhosphorylation:T4 Theme:T2
E2\tPositive_regulation:T3 Theme:E1 Cause:T1
E3\tGene_expression:T7 Theme:T5
M1\tNegation E3
A2\tConfidence E2 Likely
A3\tSpeculation E1
*\tEquiv T5 T6
R1\tProtein-Component Arg1:T1 Arg2:T2
N1\tReference T2 UniProt:P41134\tId1
#1\tAnnotatorNotes T1\tbone morphogenetic protein 6
#2\tLemma T3\tinduce
#3\tAnnotatorNotes R1\tchecked by curator
"""

ANNOTATION_CONF = """\
# BioNLP Shared Task 2011 GE, as brat ships it
[entities]
Protein
Entity

[relations]
Equiv\tArg1:Protein, Arg2:Protein, <REL-TYPE>:symmetric-transitive
Protein-Component\tArg1:Protein, Arg2:Entity
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]
Gene_expression\tTheme:Protein
Binding\tTheme+:Protein, Site*:Entity
Phosphorylation\tTheme:Protein, Site?:Entity
Positive_regulation\tTheme:Protein|<EVENT>, Cause?:Protein|<EVENT>

[attributes]
Negation\tArg:<EVENT>
Speculation\tArg:<EVENT>
Confidence\tArg:<EVENT>, Value:Possible|Likely|Certain
"""

VISUAL_CONF = """\
[labels]
Protein | Protein | Pro
[drawing]
Protein\tbgColor:#7fa2ff
Gene_expression\tbgColor:#FFFF70
"""


def write_corpus(folder: Path, *, conf: bool = True) -> Path:
    """The corpus folder: PMC-10-abstract.txt/.ann, with the conf files unless ``conf`` is off."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "PMC-10-abstract.txt").write_text(TEXT, "utf-8", newline="\n")
    (folder / "PMC-10-abstract.ann").write_text(ANN, "utf-8", newline="\n")
    if conf:
        (folder / "annotation.conf").write_text(ANNOTATION_CONF, "utf-8", newline="\n")
        (folder / "visual.conf").write_text(VISUAL_CONF, "utf-8", newline="\n")
    return folder
