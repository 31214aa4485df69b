"""Pre-annotation: gazetteers, regex rules and spaCy pipelines propose suggestions.

Suggestions are stored apart from spans (table ``suggestions``) until a person accepts them;
``runner.run_preannotation`` writes one run in one transaction, or nothing when cancelled.
"""

from annotator.preannotate.base import Candidate, PreannotateReport, Suggester
from annotator.preannotate.runner import run_preannotation

__all__ = ["Candidate", "PreannotateReport", "Suggester", "run_preannotation"]
