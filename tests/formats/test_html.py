"""Saved news pages: the article as text, its meta, and its sections as pending suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.suggestion_edits import Suggestion
from annotator.formats.detect import detect_format
from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.store.page_sources import kept_page
from annotator.store.repository import Repository
from annotator.store.suggestions import decide, suggestions
from tests.helpers.news_pages import ARABIC_PAGE, ENGLISH_PAGE, INDONESIAN_PAGE, write_page

HEADLINE = "Banjir Rendam 12 Desa di Kalimantan Selatan"
AD = "Iklan - Scroll untuk Melanjutkan"
READ_ALSO = "Baca juga: Cuaca Ekstrem Diprediksi Berlanjut hingga Akhir Januari"
CAPTION_1 = (
    "Warga mengevakuasi barang-barangnya dengan perahu karet di Desa Sungai Tabuk. "
    "instagram.com/bpbd_kalsel"
)
LEAD = (
    "Banjarmasin, Kabar Nusantara - Badan Nasional Penanggulangan Bencana (BNPB) menyebutkan "
    "bahwa banjir yang melanda Kabupaten Banjar sejak Senin (13/01) telah merendam 12 desa dan "
    "memaksa sekitar 3.400 warga mengungsi."
)
SECOND = (
    "Kepala Pusat Data BNPB, Rahmat Hidayat, mengatakan curah hujan yang tinggi selama tiga "
    "hari berturut-turut menjadi penyebab utama meluapnya Sungai Martapura."
)
SUB_1 = "1. Pemerintah provinsi sebut jumlah pengungsi lebih kecil"
THIRD = (
    "Berbeda dengan BNPB, Pemerintah Provinsi Kalimantan Selatan menyatakan jumlah warga yang "
    "mengungsi hanya sekitar 1.900 orang. Menurut Gubernur Kalimantan Selatan, Siti Aminah, "
    "sebagian besar warga memilih bertahan di lantai dua rumah mereka."
)
QUOTE = (
    '"Kami sudah mendirikan empat dapur umum dan posko kesehatan di setiap kecamatan yang '
    'terdampak," ujar Siti Aminah kepada wartawan di Banjarmasin, Selasa (14/01).'
)
SUB_2 = "2. Bantuan logistik mulai disalurkan"
FIFTH = (
    "Kementerian Sosial menyalurkan 20 ton beras dan 5.000 paket makanan siap saji ke lokasi "
    "pengungsian. Menteri Sosial Budi Santoso dijadwalkan meninjau lokasi pada Kamis (16/01)."
)
CAPTION_2 = (
    "Foto udara kawasan permukiman yang terendam di Kecamatan Martapura. twitter.com/kabarnusantara"
)
LAST = (
    "BMKG memperkirakan hujan dengan intensitas sedang hingga lebat masih akan turun di "
    "wilayah Kalimantan Selatan hingga akhir pekan."
)
FOOTER = (
    "Artikel ini ditulis oleh penulis komunitas kami dan telah ditinjau oleh tim redaksi. "
    "Kami berupaya menyajikan informasi yang akurat dan dapat dipercaya."
)
ARTICLE = [HEADLINE, CAPTION_1, LEAD, SECOND, SUB_1, THIRD, QUOTE, SUB_2, FIFTH, CAPTION_2, LAST]


def sections(repo: Repository, doc_id: str) -> list[tuple[str, int, int, str]]:
    found = suggestions(repo, doc_id=doc_id)
    assert all(isinstance(s, Suggestion) and s.layer == "section" for s in found)
    return [(s.label, s.start, s.end, s.text) for s in found]


def test_indonesian_page_becomes_the_article_with_meta_and_section_suggestions(
    repo: Repository, tmp_path: Path
) -> None:
    page = write_page(tmp_path, "banjir-kalsel.html", INDONESIAN_PAGE)
    report = import_paths(repo, [page])
    doc = repo.document("banjir-kalsel")
    assert doc.text == "\n\n".join(ARTICLE) + "\n"
    assert AD not in doc.text and READ_ALSO not in doc.text and "Tim Redaksi" not in doc.text
    assert doc.title == HEADLINE and doc.lang == "id"
    assert doc.meta == {
        "title": HEADLINE,
        "author": "Rina Wulandari",
        "date": "2025-01-14",
        "site_name": "Kabar Nusantara",
        "url": "https://www.kabarnusantara.example/news/banjir-kalsel",
        "language": "id",
        "source": "banjir-kalsel.html",
    }
    assert sections(repo, "banjir-kalsel") == [
        ("HEADLINE", 0, 43, HEADLINE),
        ("CAPTION", 45, 148, CAPTION_1),
        ("DATELINE", 150, 178, "Banjarmasin, Kabar Nusantara"),
        ("SUBHEADING", 527, 584, SUB_1),
        ("SUBHEADING", 992, 1028, SUB_2),
        ("CAPTION", 1208, 1302, CAPTION_2),
    ]
    assert report.imported == ["banjir-kalsel"] and report.suggestions == 6
    lines = report.lines()
    assert "6 section suggestion(s) to review" in lines
    assert "4 boilerplate block(s) left out of the text (--keep-boilerplate keeps them)" in lines
    assert (
        f"{len(AD) + len(READ_ALSO) + len(FOOTER) + len('Tim Redaksi')} character(s) of "
        "boilerplate left out" in lines
    )


def test_kept_boilerplate_stays_in_place_and_is_suggested(repo: Repository, tmp_path: Path) -> None:
    page = write_page(tmp_path, "banjir-kalsel.htm", INDONESIAN_PAGE)
    report = import_paths(repo, [page], keep_boilerplate=True)
    doc = repo.document("banjir-kalsel")
    blocks = [HEADLINE, AD, READ_ALSO, *ARTICLE[1:], FOOTER, "Tim Redaksi"]
    assert doc.text == "\n\n".join(blocks) + "\n"
    found = sections(repo, "banjir-kalsel")
    assert [(label, text) for label, _, _, text in found if label == "BOILERPLATE"] == [
        ("BOILERPLATE", AD),
        ("BOILERPLATE", READ_ALSO),
        ("BOILERPLATE", FOOTER),
        ("BOILERPLATE", "Tim Redaksi"),
    ]
    assert found[1] == ("BOILERPLATE", 45, 77, AD)
    assert found[-1] == ("BOILERPLATE", 1691, 1702, "Tim Redaksi")
    assert all(doc.text[start:end] == text for _, start, end, text in found)
    assert not any("boilerplate" in line for line in report.lines())


def test_english_page_keeps_the_byline_in_meta_and_suggests_the_dateline(
    repo: Repository, tmp_path: Path
) -> None:
    import_paths(repo, [write_page(tmp_path, "rotterdam.html", ENGLISH_PAGE)])
    doc = repo.document("rotterdam")
    assert doc.text.startswith(
        "Dockworkers halt Rotterdam terminals as wage talks collapse\n\n"
        "ROTTERDAM (Harbour Ledger) - Dockworkers at Europe's largest port"
    )
    assert "By Maartje de Vries" not in doc.text and "All rights reserved" not in doc.text
    assert doc.lang == "en" and doc.meta["language"] == "en-GB"
    assert doc.meta["author"] == "Maartje de Vries" and doc.meta["date"] == "2025-03-04"
    assert sections(repo, "rotterdam") == [
        ("HEADLINE", 0, 59, "Dockworkers halt Rotterdam terminals as wage talks collapse"),
        ("DATELINE", 61, 87, "ROTTERDAM (Harbour Ledger)"),
        ("SUBHEADING", 430, 462, "Employers say the offer was fair"),
    ]


def test_arabic_right_to_left_page_counts_offsets_in_code_points(
    repo: Repository, tmp_path: Path
) -> None:
    import_paths(repo, [write_page(tmp_path, "maarid.html", ARABIC_PAGE)])
    doc = repo.document("maarid")
    assert doc.lang == "ar" and doc.meta["direction"] == "rtl"
    assert doc.meta["site_name"] == "أخبار النيل" and doc.meta["author"] == "سارة محمود"
    assert sections(repo, "maarid") == [
        ("HEADLINE", 0, 49, "افتتاح معرض القاهرة الدولي للكتاب بمشاركة 60 دولة"),
        ("DATELINE", 51, 72, "القاهرة (أخبار النيل)"),
        ("SUBHEADING", 333, 353, "برنامج ثقافي للأطفال"),
    ]


def test_accepting_the_suggestions_makes_section_spans(repo: Repository, tmp_path: Path) -> None:
    import_paths(repo, [write_page(tmp_path, "rotterdam.html", ENGLISH_PAGE)])
    decide(repo, "accept", "ana", doc_id="rotterdam")
    spans = repo.spans("rotterdam")
    assert [(s.label, s.text, s.origin) for s in spans] == [
        (
            "HEADLINE",
            "Dockworkers halt Rotterdam terminals as wage talks collapse",
            "html-structure",
        ),
        ("DATELINE", "ROTTERDAM (Harbour Ledger)", "html-structure"),
        ("SUBHEADING", "Employers say the offer was fair", "html-structure"),
    ]
    assert suggestions(repo, doc_id="rotterdam") == []


def test_the_page_is_kept_compressed_with_its_settings(repo: Repository, tmp_path: Path) -> None:
    page = write_page(tmp_path, "banjir-kalsel.html", INDONESIAN_PAGE)
    import_paths(repo, [page])
    kept = kept_page(repo, "banjir-kalsel")
    assert kept is not None and kept.html == page.read_bytes()
    assert kept.settings == {"keep_boilerplate": False}
    stored = repo.db.execute("SELECT length(html) FROM page_sources").fetchone()[0]
    assert stored < len(page.read_bytes()) / 2


def test_a_folder_of_pages_imports_each_page(repo: Repository, tmp_path: Path) -> None:
    write_page(tmp_path, "a.html", ENGLISH_PAGE)
    write_page(tmp_path, "b.htm", ARABIC_PAGE)
    report = import_paths(repo, [tmp_path])
    assert report.imported == ["a", "b"]


NO_ARTICLE = """<!DOCTYPE html><html><head><title>Masuk</title></head><body>
<nav><a href="/">Beranda</a> <a href="/login">Masuk</a></nav></body></html>"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (NO_ARTICLE.encode(), r"nav\.html: no article text found"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", r"nav\.html: broken HTML: no <html>"),
        (b"just some words, no markup at all", r"nav\.html: broken HTML"),
        (b"   \n", r"nav\.html: the page is empty"),
        (
            INDONESIAN_PAGE.replace("Sungai Tabuk", "Sungai Tabúk").encode("cp1252"),
            r"nav\.html: line 22: the page's <meta charset> says utf-8, but its bytes are not "
            r"utf-8; fix the declaration or re-save the page",
        ),
        (
            INDONESIAN_PAGE.replace('charset="utf-8"', 'charset="iso-8859-1"')
            .replace("Sungai Tabuk", "Sungai Tabúk")
            .encode(),
            r"nav\.html: line 22: the page's <meta charset> says iso-8859-1, but its bytes are "
            r"UTF-8",
        ),
    ],
    ids=["no-article", "binary", "no-markup", "empty", "lying-utf8", "lying-latin1"],
)
def test_bad_pages_are_refused_naming_the_file_and_nothing_is_written(
    repo: Repository, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "nav.html"
    bad.write_bytes(content)
    good = write_page(tmp_path, "rotterdam.html", ENGLISH_PAGE)
    before = repo.document_ids()
    with pytest.raises(FormatError, match=message):
        import_paths(repo, [good, bad])
    assert repo.document_ids() == before
    assert repo.db.execute("SELECT count(*) FROM page_sources").fetchone()[0] == 0


def test_skip_bad_imports_the_good_pages_and_lists_the_bad(
    repo: Repository, tmp_path: Path
) -> None:
    bad = tmp_path / "nav.html"
    bad.write_text(NO_ARTICLE, encoding="utf-8")
    good = write_page(tmp_path, "rotterdam.html", ENGLISH_PAGE)
    report = import_paths(repo, [bad, good], skip_bad=True)
    assert report.imported == ["rotterdam"]
    assert report.skipped == [
        (
            str(bad),
            "no article text found (the page holds no run of "
            "paragraphs an article extractor recognises)",
        )
    ]


def test_a_page_declaring_a_charset_that_fits_its_bytes_is_read_in_it(
    repo: Repository, tmp_path: Path
) -> None:
    page = INDONESIAN_PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace(
        "Sungai Tabuk", "Sungai Tabúk"
    )
    import_paths(repo, [write_page(tmp_path, "p.html", page, encoding="cp1252")])
    doc = repo.document("p")
    assert "Sungai Tabúk. instagram.com/bpbd_kalsel" in doc.text
    assert doc.encoding == "cp1252"


def test_pages_are_told_by_name_and_by_content(tmp_path: Path) -> None:
    assert detect_format(write_page(tmp_path, "a.htm", ENGLISH_PAGE)) == "html"
    assert detect_format(write_page(tmp_path, "saved-page", ENGLISH_PAGE)) == "html"


def test_a_site_logo_in_an_h1_is_not_taken_for_the_headline(
    repo: Repository, tmp_path: Path
) -> None:
    page = (
        ENGLISH_PAGE.replace(
            '<nav class="menu">', '<header><h1 class="logo">Harbour Ledger</h1></header><nav>'
        )
        .replace("<article>", '<div class="story">')
        .replace("</article>", "</div>")
    )
    import_paths(repo, [write_page(tmp_path, "logo.html", page)])
    doc = repo.document("logo")
    assert doc.title == "Dockworkers halt Rotterdam terminals as wage talks collapse"
    assert doc.text.startswith(doc.title + "\n\nROTTERDAM (Harbour Ledger) - ")
    assert "Harbour Ledger\n" not in doc.text
