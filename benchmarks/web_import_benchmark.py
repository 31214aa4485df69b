"""Web page and web archive import: 1,000 saved news pages, and a large generated WARC file
streamed through the importer in a child process whose peak resident memory is recorded.

Run: ``python benchmarks/web_import_benchmark.py [--pages 1000] [--warc-mb 300]``
Targets: 1,000 pages in < 30 s; the WARC streamed (peak memory far below the file's size).
The WARC is written to the system temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import io
import random
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _corpus import article_text
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from annotator.formats.importer import import_paths
from annotator.seed import ensure_project
from annotator.store.db import open_db
from annotator.store.repository import Repository

SCRIPT = "<script>" + "var track = {'id': 1, 'tags': ['a', 'b']};" * 200 + "</script>"
MENU = "".join(f'<a href="/section/{n}">Section {n}</a> ' for n in range(60))


def news_page(n: int) -> str:
    """A page shaped like a real news site: header menu, scripts, ad banner, read-also link,
    figures with credits, numbered sub-headings, footer; about 25 KB."""
    rng = random.Random(n)
    paragraphs = [p for p in article_text(6_000, seed=n).split("\n\n") if p.strip()]
    body = []
    for k, paragraph in enumerate(paragraphs):
        if k and k % 3 == 0:
            body.append(f"<h2>{k // 3}. Sub-heading number {k // 3} of article {n}</h2>")
        if k == 2:
            body.append(
                f'<figure><img src="/img/{n}.jpg"><figcaption>Photo {n} of the scene. '
                f'<span class="credit">twitter.com/outlet{rng.randint(1, 99)}</span>'
                "</figcaption></figure>"
            )
        body.append(f"<p>{paragraph.strip()}</p>")
    paragraphs_html = "\n".join(body)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Article {n} headline about Jakarta | Kabar Nusantara</title>
<meta property="og:title" content="Article {n} headline about Jakarta">
<meta property="og:site_name" content="Kabar Nusantara">
<meta name="author" content="Reporter {n % 17}">
<meta property="article:published_time" content="2025-01-{1 + n % 28:02d}T08:00:00+07:00">
{SCRIPT}</head><body><header><nav>{MENU}</nav></header>
<main><article><h1>Article {n} headline about Jakarta</h1>
<div class="ads-banner">Iklan - Scroll untuk Melanjutkan</div>
<p class="read-also"><a href="/x">Baca juga: another story {n + 1}</a></p>
<div class="detail-body">
<p>Jakarta, Kabar Nusantara - Opening paragraph of article {n}, with enough words to be the
lead of the story that follows below in several paragraphs.</p>
{paragraphs_html}
</div><div class="article-footer"><p>Artikel ini ditulis oleh penulis komunitas kami.</p></div>
</article></main><footer>{MENU}</footer></body></html>"""


def fresh_repo(folder: Path) -> Repository:
    repo = Repository(open_db(folder / "bench.db"))
    ensure_project(repo, with_samples=False)
    return repo


def pages_benchmark(count: int, folder: Path) -> None:
    pages = folder / "pages"
    pages.mkdir()
    for n in range(count):
        (pages / f"article-{n:04d}.html").write_text(news_page(n), encoding="utf-8")
    size = sum(p.stat().st_size for p in pages.iterdir())
    repo = fresh_repo(folder)
    started, cpu = time.perf_counter(), time.process_time()
    report = import_paths(repo, [pages])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{len(report.imported)} saved pages ({size / 1e6:.1f} MB) imported in {elapsed:.1f} s "
        f"(CPU {cpu:.1f} s, {cpu / count * 1000:.1f} ms a page), "
        f"{report.suggestions} section suggestions"
    )
    stored = repo.db.execute("SELECT sum(length(html)) FROM page_sources").fetchone()[0]
    print(f"kept pages: {size / 1e6:.1f} MB of HTML stored in {stored / 1e6:.1f} MB")


def write_warc(path: Path, megabytes: int) -> tuple[int, int]:
    """One HTML article, then one 1 MB image, until the file reaches ``megabytes``: returns
    how many of each were written."""
    pages = images = 0
    blob = random.Random(0).randbytes(1 << 20)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        while handle.tell() < megabytes * 1_000_000:
            if pages <= images:
                url = f"https://kabarnusantara.example/news/{pages}"
                body, content_type = news_page(pages).encode(), "text/html; charset=utf-8"
                pages += 1
            else:
                url = f"https://kabarnusantara.example/img/{images}.jpg"
                body, content_type = blob, "image/jpeg"
                images += 1
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)
    return pages, images


CHILD = textwrap.dedent(
    """
    import resource, sys, time
    from pathlib import Path
    from annotator.formats.importer import import_paths
    from annotator.seed import ensure_project
    from annotator.store.db import open_db
    from annotator.store.repository import Repository

    repo = Repository(open_db(Path(sys.argv[2])))
    ensure_project(repo, with_samples=False)
    started, cpu = time.perf_counter(), time.process_time()
    report = import_paths(repo, [Path(sys.argv[1])])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(report.imported)} documents in {elapsed:.1f} s (CPU {cpu:.1f} s), "
        f"peak RSS {peak:.0f} MB"
    )
    for line in report.lines()[-3:]:
        print("  " + line)
    """
)


def warc_benchmark(megabytes: int, folder: Path) -> None:
    path = Path(tempfile.gettempdir()) / "annotator-benchmark.warc.gz"
    try:
        pages, images = write_warc(path, megabytes)
        print(
            f"WARC: {path.stat().st_size / 1e6:.0f} MB compressed, {pages} HTML pages and "
            f"{images} images of 1 MB"
        )
        baseline = subprocess.run(
            [sys.executable, "-c", "import resource, annotator.formats.importer, trafilatura, "
             "warcio; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        print(f"peak RSS of a process that only imports the importer: {baseline.stdout.strip()} MB")
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), str(folder / "warc.db")],
            capture_output=True,
            text=True,
            check=True,
        )
        print("WARC import: " + result.stdout.strip())
    finally:
        path.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--warc-mb", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pages_benchmark(args.pages, Path(tmp))
        warc_benchmark(args.warc_mb, Path(tmp))


if __name__ == "__main__":
    main()
