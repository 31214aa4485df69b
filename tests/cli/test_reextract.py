"""``annotator import`` of web pages and archives with their options, and ``annotator
reextract``."""

from __future__ import annotations

from pathlib import Path

from annotator.store.suggestions import suggestions
from tests.helpers.cli import Place, Run
from tests.helpers.news_pages import INDONESIAN_PAGE, write_crawl, write_page
from tests.helpers.saved import SavedProject


def test_import_page_reports_removed_boilerplate_and_reextract_keeps_it(
    run: Run, saved: SavedProject, tmp_path: Path
) -> None:
    page = write_page(tmp_path, "banjir.html", INDONESIAN_PAGE)
    result = run("import", str(page))
    assert result.exit_code == 0, result.output
    assert "6 section suggestion(s) to review" in result.output
    assert "4 boilerplate block(s) left out of the text" in result.output
    assert "Iklan" not in saved.document("banjir").text

    again = run("reextract", "banjir", "--keep-boilerplate")
    assert again.exit_code == 0, again.output
    assert "extracted 1 document(s) again; 0 span(s) kept, 0 removed" in again.output
    assert "Iklan - Scroll untuk Melanjutkan" in saved.document("banjir").text
    labels = saved.read(lambda repo: [s.label for s in suggestions(repo, doc_id="banjir")])
    assert labels.count("BOILERPLATE") == 4


def test_import_keep_boilerplate_and_url_filter(
    run: Run, saved: SavedProject, tmp_path: Path
) -> None:
    crawl = write_crawl(tmp_path / "crawl.warc.gz")
    result = run("import", str(crawl), "--url-filter", "kabarnusantara", "--keep-boilerplate")
    assert result.exit_code == 0, result.output
    assert "4 response(s) left out by --url-filter" in result.output
    doc = saved.document("kabarnusantara-example-news-banjir-kalsel")
    assert "Baca juga: Cuaca Ekstrem" in doc.text


def test_bad_input_is_one_line_naming_the_file_and_nothing_is_written(
    run: Run, saved: SavedProject, tmp_path: Path
) -> None:
    fake = tmp_path / "notes.warc.gz"
    fake.write_bytes(b"\x1f\x8b not really gzip")
    before = saved.document_ids()
    result = run("import", str(fake))
    assert result.exit_code == 1
    assert (
        result.output == f"Error: {fake}: not a WARC file (it does not start with a "
        "WARC/1.x record)\n"
    )
    assert saved.document_ids() == before
    bad_filter = run("import", str(fake), "--url-filter", "[a-")
    assert bad_filter.exit_code == 1
    assert "--url-filter '[a-' is not a regular expression" in bad_filter.output


def test_reextract_without_pages_says_so(run: Run) -> None:
    result = run("reextract")
    assert result.exit_code == 1
    assert result.output == "Error: no document has a kept web page to extract again\n"


# SQLite only: store.page_sources' INSERT OR REPLACE does not run on PostgreSQL yet.
def test_a_page_imported_into_either_backend_is_extracted_again(
    run: Run, tmp_path: Path, on_backend: Place
) -> None:
    empty = tmp_path / "empty.db"
    assert run("init", db=empty).exit_code == 0
    db = on_backend(empty)
    page = write_page(tmp_path, "banjir.html", INDONESIAN_PAGE)
    imported = run("import", str(page), db=db)
    assert imported.exit_code == 0, imported.output
    assert "6 section suggestion(s) to review" in imported.output
    again = run("reextract", "banjir", "--keep-boilerplate", db=db)
    assert again.exit_code == 0, again.output
    assert "extracted 1 document(s) again; 0 span(s) kept, 0 removed" in again.output
    saved = SavedProject(db)
    assert "Iklan - Scroll untuk Melanjutkan" in saved.document("banjir").text
