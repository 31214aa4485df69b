"""The Agreement view's table models: a symmetric pair matrix with an empty diagonal, and the
documents by disagreement, both checked by Qt's model tester."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from annotator.gui.dialogs.agreement_views import (
    VALUE_ROLE,
    DocumentsModel,
    PairMatrixModel,
    heat,
)
from annotator.team.agreement import DocumentDisagreement, Measures, PairAgreement


def test_the_matrix_is_symmetric_with_the_chosen_measure(qtmodeltester: ModelTester) -> None:
    measures = Measures(
        [
            PairAgreement("ana", "budi", 2, 0.5, 0.75, -0.2),
            PairAgreement("ana", "citra", 1, None, None, None),
            PairAgreement("budi", "citra", 1, 1.0, 1.0, 1.0),
        ],
        None,
        None,
    )
    model = PairMatrixModel()
    model.set_measures(["ana", "budi", "citra"], measures, "span_f1_overlap")
    qtmodeltester.check(model)
    shown = [[model.index(r, c).data() for c in range(3)] for r in range(3)]
    assert shown == [["", "0.750", "–"], ["0.750", "", "1.000"], ["–", "1.000", ""]]
    model.set_measures(["ana", "budi", "citra"], measures, "cohen_kappa")
    assert model.index(1, 0).data(VALUE_ROLE) == -0.2 and model.index(1, 1).data(VALUE_ROLE) is None
    assert heat(-0.2).name() == heat(0.0).name()  # below chance is as red as none
    model.clear()
    assert model.rowCount() == 0


def test_documents_show_the_share_and_count_of_differing_tokens(
    qtmodeltester: ModelTester,
) -> None:
    model = DocumentsModel()
    model.set_documents([DocumentDisagreement("d1", "Floods", 3, 8, 2)])
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(5)] == ["d1", "Floods", "25%", "2 of 8", "3"]
