"""Extracting kept pages again: annotations on unchanged text survive, the rest is listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.edits import AddSpan
from annotator.core.model import make_span
from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.formats.reextract import reextract
from annotator.store.page_sources import kept_page
from annotator.store.repository import Repository
from annotator.store.suggestions import decide, suggestions
from tests.helpers.builders import add_span
from tests.helpers.news_pages import INDONESIAN_PAGE, write_page

DOC = "banjir-kalsel"


def imported(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [write_page(tmp_path, f"{DOC}.html", INDONESIAN_PAGE)])


def test_keeping_boilerplate_moves_spans_on_unchanged_lines_and_removes_the_others(
    repo: Repository, tmp_path: Path
) -> None:
    imported(repo, tmp_path)
    doc = repo.document(DOC)
    person = add_span(repo, doc, "PER", "Rahmat Hidayat")
    caption_end = doc.text.index("instagram.com/bpbd_kalsel") + len("instagram.com/bpbd_kalsel")
    across = make_span(doc, "section", "BODY", 0, caption_end, "ann")
    repo.apply(AddSpan(across), "ann")
    decide(repo, "accept", "ann", doc_id=DOC, label="SUBHEADING")

    report = reextract(repo, [DOC], keep_boilerplate=True, annotator="ann")

    new = repo.document(DOC)
    assert new.text.startswith(
        "Banjir Rendam 12 Desa di Kalimantan Selatan\n\nIklan - Scroll untuk Melanjutkan\n\n"
    )
    spans = {s.id: s for s in repo.spans(DOC)}
    assert across.id not in spans
    moved = spans[person.id]
    assert moved.start == person.start + 102 and new.text[moved.start : moved.end] == (
        "Rahmat Hidayat"
    )
    assert sorted(s.text for s in spans.values() if s.label == "SUBHEADING") == [
        "1. Pemerintah provinsi sebut jumlah pengungsi lebih kecil",
        "2. Bantuan logistik mulai disalurkan",
    ]
    pending = [(s.label, s.text) for s in suggestions(repo, doc_id=DOC)]
    assert pending == [
        ("HEADLINE", "Banjir Rendam 12 Desa di Kalimantan Selatan"),
        ("BOILERPLATE", "Iklan - Scroll untuk Melanjutkan"),
        (
            "BOILERPLATE",
            "Baca juga: Cuaca Ekstrem Diprediksi Berlanjut hingga Akhir Januari",
        ),
        (
            "CAPTION",
            "Warga mengevakuasi barang-barangnya dengan perahu karet di Desa Sungai Tabuk. "
            "instagram.com/bpbd_kalsel",
        ),
        ("DATELINE", "Banjarmasin, Kabar Nusantara"),
        (
            "CAPTION",
            "Foto udara kawasan permukiman yang terendam di Kecamatan Martapura. "
            "twitter.com/kabarnusantara",
        ),
        (
            "BOILERPLATE",
            "Artikel ini ditulis oleh penulis komunitas kami dan telah ditinjau oleh tim "
            "redaksi. Kami berupaya menyajikan informasi yang akurat dan dapat dipercaya.",
        ),
        ("BOILERPLATE", "Tim Redaksi"),
    ]
    assert all(new.text[s.start : s.end] == s.text for s in suggestions(repo, doc_id=DOC))
    assert report.documents == [DOC] and report.kept_spans == 3
    assert [span.id for _, span in report.removed_spans] == [across.id]
    assert f"  removed BODY “{across.text}” from {DOC}" in report.lines()
    page = kept_page(repo, DOC)
    assert page is not None and page.settings == {"keep_boilerplate": True}
    assert repo.edit_log(DOC)[0].kind == "reextract"


def test_the_same_settings_change_nothing(repo: Repository, tmp_path: Path) -> None:
    imported(repo, tmp_path)
    before = suggestions(repo, doc_id=DOC)
    report = reextract(repo)
    assert report.unchanged == [DOC] and report.documents == []
    assert suggestions(repo, doc_id=DOC) == before


def test_a_document_without_a_kept_page_is_refused_and_nothing_changes(
    repo: Repository, tmp_path: Path
) -> None:
    imported(repo, tmp_path)
    plain = tmp_path / "note.txt"
    plain.write_text("A plain note.\n", encoding="utf-8")
    import_paths(repo, [plain])
    text = repo.document(DOC).text
    with pytest.raises(FormatError, match=r"document 'note' has no kept web page"):
        reextract(repo, [DOC, "note"], keep_boilerplate=True)
    assert repo.document(DOC).text == text
    with pytest.raises(FormatError, match=r"no document with id 'missing'"):
        reextract(repo, ["missing"])
