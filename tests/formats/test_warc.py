"""Web archives: each HTML response a document, duplicates once, the rest skipped and counted."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from annotator.formats.detect import detect_format
from annotator.formats.importer import import_paths
from annotator.formats.records import FormatError
from annotator.formats.warc import document_id
from annotator.store.page_sources import kept_page
from annotator.store.repository import Repository
from annotator.store.suggestions import suggestions
from tests.helpers.news_pages import ENGLISH_PAGE, INDONESIAN_PAGE, write_crawl

ENGLISH_URL = "https://news.harbourledger.example/europe/rotterdam-strike"
ENGLISH_ID = "news-harbourledger-example-europe-rotterdam-strike"
INDONESIAN_ID = "kabarnusantara-example-news-banjir-kalsel"


def archive(path: Path, pages: list[tuple[str, str, bytes]]) -> Path:
    """A WARC of ``(url, content type, body)`` responses."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for url, content_type, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)
    return path


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_crawl_imports_each_article_once_and_counts_the_rest(
    repo: Repository, tmp_path: Path, gzip: bool
) -> None:
    path = write_crawl(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip=gzip)
    assert detect_format(path) == "warc"
    report = import_paths(repo, [path])
    assert report.imported == [ENGLISH_ID, INDONESIAN_ID]
    lines = report.lines()
    assert "1 duplicate response(s) of a URL already read, imported once" in lines
    assert "1 non-HTML record(s) skipped (images, scripts, style sheets, …)" in lines
    assert "1 redirect(s) followed to the page they name" in lines
    english = repo.document(ENGLISH_ID)
    assert english.title == "Dockworkers halt Rotterdam terminals as wage talks collapse"
    assert english.meta["url"] == ENGLISH_URL
    assert english.meta["crawl_date"] == "2025-03-05T10:00:00Z"
    assert english.meta["redirected_from"] == ["http://harbourledger.example/rotterdam"]
    assert english.meta["source"] == path.name
    indonesian = repo.document(INDONESIAN_ID)
    assert indonesian.lang == "id" and indonesian.meta["site_name"] == "Kabar Nusantara"
    assert [s.label for s in suggestions(repo, doc_id=INDONESIAN_ID)] == [
        "HEADLINE", "CAPTION", "DATELINE", "SUBHEADING", "SUBHEADING", "CAPTION",
    ]  # fmt: skip
    kept = kept_page(repo, ENGLISH_ID)
    assert kept is not None and kept.html == ENGLISH_PAGE.encode() and kept.url == ENGLISH_URL
    assert kept.settings == {"keep_boilerplate": False, "charset": "utf-8"}


def test_url_filter_keeps_only_matching_responses(repo: Repository, tmp_path: Path) -> None:
    path = write_crawl(tmp_path / "crawl.warc.gz")
    report = import_paths(repo, [path], url_filter=r"kabarnusantara\.example/news/")
    assert report.imported == [INDONESIAN_ID]
    assert "4 response(s) left out by --url-filter" in report.lines()


def test_the_same_text_under_two_urls_is_imported_once(repo: Repository, tmp_path: Path) -> None:
    html = "text/html"
    path = archive(
        tmp_path / "mirror.warc",
        [
            ("https://a.example/news/1", html, INDONESIAN_PAGE.encode()),
            ("https://a.example/news/1?utm_source=x", html, INDONESIAN_PAGE.encode()),
        ],
    )
    report = import_paths(repo, [path])
    assert report.imported == ["a-example-news-1"]
    assert "1 page(s) with the same text as an earlier page, imported once" in report.lines()


def test_a_record_without_an_article_names_the_record_and_skip_bad_goes_on(
    repo: Repository, tmp_path: Path
) -> None:
    empty = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    path = archive(
        tmp_path / "crawl.warc",
        [
            ("https://a.example/", "text/html", empty),
            ("https://a.example/news/1", "text/html", ENGLISH_PAGE.encode()),
        ],
    )
    with pytest.raises(FormatError, match=r"crawl\.warc: record 1 \(https://a\.example/\): no "):
        import_paths(repo, [path])
    assert not repo.has_document("a-example-news-1")
    report = import_paths(repo, [path], skip_bad=True)
    assert report.imported == ["a-example-news-1"]
    assert report.skipped[0][0] == str(path)
    assert report.skipped[0][1].startswith("record 1 (https://a.example/): no article text")


def test_a_server_charset_that_lies_names_the_record(repo: Repository, tmp_path: Path) -> None:
    page = INDONESIAN_PAGE.replace('<meta charset="utf-8">', "").replace("Tabuk", "Tabúk")
    path = archive(
        tmp_path / "crawl.warc",
        [("https://a.example/news/1", "text/html; charset=utf-8", page.encode("cp1252"))],
    )
    with pytest.raises(
        FormatError,
        match=r"record 1 \(https://a\.example/news/1\): line \d+: the server's "
        r"Content-Type says utf-8, but its bytes are not utf-8",
    ):
        import_paths(repo, [path])


def test_a_truncated_archive_is_refused_naming_the_record_and_nothing_is_written(
    repo: Repository, tmp_path: Path
) -> None:
    whole = write_crawl(tmp_path / "whole.warc.gz").read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 700])
    before = repo.document_ids()
    with pytest.raises(FormatError, match=r"cut\.warc\.gz: record 5: the archive is truncated"):
        import_paths(repo, [cut])
    assert repo.document_ids() == before
    plain = write_crawl(tmp_path / "whole.warc", gzip=False).read_bytes()
    cut_plain = tmp_path / "cut.warc"
    cut_plain.write_bytes(plain[: len(plain) - 3000])
    with pytest.raises(FormatError, match=r"cut\.warc: record 5: the archive is truncated"):
        import_paths(repo, [cut_plain])


def test_a_file_that_is_not_a_web_archive_is_refused(repo: Repository, tmp_path: Path) -> None:
    fake = tmp_path / "notes.warc"
    fake.write_text("these are my notes, not a crawl\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"notes\.warc: not a WARC file"):
        import_paths(repo, [fake])


def test_a_bad_url_filter_is_refused_before_reading(repo: Repository, tmp_path: Path) -> None:
    path = write_crawl(tmp_path / "crawl.warc.gz")
    with pytest.raises(FormatError, match=r"--url-filter '\(news' is not a regular expression"):
        import_paths(repo, [path], url_filter="(news")


def test_document_ids_come_from_the_url() -> None:
    assert document_id("https://www.example.com/news/2025/flood.html") == (
        "example-com-news-2025-flood-html"
    )
    assert document_id("https://example.com/a?id=1") != document_id("https://example.com/a?id=2")


def test_revisit_records_and_http_errors_are_counted_not_imported(
    repo: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "crawl.warc"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        ok = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                ENGLISH_URL, "response", payload=io.BytesIO(ENGLISH_PAGE.encode()), http_headers=ok
            )
        )
        writer.write_record(
            writer.create_revisit_record(
                ENGLISH_URL, "sha1:AAAA", ENGLISH_URL, "2025-03-05T10:00:00Z", http_headers=ok
            )
        )
        missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], "HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://a.example/gone",
                "response",
                payload=io.BytesIO(b"<html><body><p>Not found</p></body></html>"),
                http_headers=missing,
            )
        )
    report = import_paths(repo, [path])
    assert report.imported == [ENGLISH_ID]
    assert "1 duplicate response(s) of a URL already read, imported once" in report.lines()
    assert "1 response(s) with an HTTP error status skipped" in report.lines()
