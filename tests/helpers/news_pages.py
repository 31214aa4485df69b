# ruff: noqa: E501 (the pages keep a paragraph per line, as saved pages do)
"""News pages written for the tests in the shapes of real news sites, and web archives built
from them with warcio.

The Indonesian page has what a scraped article from an Indonesian outlet has: an ad banner, a
"Baca juga" link, two figures whose captions end with a photo credit, numbered ``h2``
sub-headings and an editorial footer. The English page has a byline and a wire-style dateline;
the Arabic one is ``dir="rtl"``.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

INDONESIAN_PAGE = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Banjir Rendam 12 Desa di Kalimantan Selatan | Kabar Nusantara</title>
<meta property="og:title" content="Banjir Rendam 12 Desa di Kalimantan Selatan">
<meta property="og:site_name" content="Kabar Nusantara">
<meta property="og:url" content="https://www.kabarnusantara.example/news/banjir-kalsel">
<meta name="author" content="Rina Wulandari">
<meta property="article:published_time" content="2025-01-14T09:30:00+07:00">
<link rel="canonical" href="https://www.kabarnusantara.example/news/banjir-kalsel">
</head>
<body>
<header class="site-header"><nav><a href="/">Beranda</a> <a href="/news">Berita</a> <a href="/sport">Olahraga</a></nav></header>
<main>
<article class="detail">
<h1 class="detail-title">Banjir Rendam 12 Desa di Kalimantan Selatan</h1>
<div class="ads-banner">Iklan - Scroll untuk Melanjutkan</div>
<p class="read-also"><a href="/news/cuaca">Baca juga: Cuaca Ekstrem Diprediksi Berlanjut hingga Akhir Januari</a></p>
<figure>
<img src="/img/evakuasi.jpg" alt="evakuasi">
<figcaption>Warga mengevakuasi barang-barangnya dengan perahu karet di Desa Sungai Tabuk. <span class="credit">instagram.com/bpbd_kalsel</span></figcaption>
</figure>
<div class="detail-body">
<p>Banjarmasin, Kabar Nusantara - Badan Nasional Penanggulangan Bencana (BNPB) menyebutkan bahwa banjir yang melanda Kabupaten Banjar sejak Senin (13/01) telah merendam 12 desa dan memaksa sekitar 3.400 warga mengungsi.</p>
<p>Kepala Pusat Data BNPB, Rahmat Hidayat, mengatakan curah hujan yang tinggi selama tiga hari berturut-turut menjadi penyebab utama meluapnya Sungai Martapura.</p>
<h2>1. Pemerintah provinsi sebut jumlah pengungsi lebih kecil</h2>
<p>Berbeda dengan BNPB, Pemerintah Provinsi Kalimantan Selatan menyatakan jumlah warga yang mengungsi hanya sekitar 1.900 orang. Menurut Gubernur Kalimantan Selatan, Siti Aminah, sebagian besar warga memilih bertahan di lantai dua rumah mereka.</p>
<p>"Kami sudah mendirikan empat dapur umum dan posko kesehatan di setiap kecamatan yang terdampak," ujar Siti Aminah kepada wartawan di Banjarmasin, Selasa (14/01).</p>
<h2>2. Bantuan logistik mulai disalurkan</h2>
<p>Kementerian Sosial menyalurkan 20 ton beras dan 5.000 paket makanan siap saji ke lokasi pengungsian. Menteri Sosial Budi Santoso dijadwalkan meninjau lokasi pada Kamis (16/01).</p>
<figure>
<img src="/img/udara.jpg" alt="foto udara">
<figcaption>Foto udara kawasan permukiman yang terendam di Kecamatan Martapura. <span class="credit">twitter.com/kabarnusantara</span></figcaption>
</figure>
<p>BMKG memperkirakan hujan dengan intensitas sedang hingga lebat masih akan turun di wilayah Kalimantan Selatan hingga akhir pekan.</p>
</div>
<div class="article-footer"><p>Artikel ini ditulis oleh penulis komunitas kami dan telah ditinjau oleh tim redaksi. Kami berupaya menyajikan informasi yang akurat dan dapat dipercaya.</p><p>Tim Redaksi</p></div>
</article>
</main>
<footer class="site-footer"><p>© 2025 Kabar Nusantara. Semua hak dilindungi.</p><a href="/privacy">Kebijakan Privasi</a></footer>
</body>
</html>
"""

ENGLISH_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Dockworkers halt Rotterdam terminals as wage talks collapse - Harbour Ledger</title>
<meta property="og:title" content="Dockworkers halt Rotterdam terminals as wage talks collapse">
<meta property="og:site_name" content="Harbour Ledger">
<meta name="author" content="Maartje de Vries">
<meta property="article:published_time" content="2025-03-04T07:15:00Z">
<link rel="canonical" href="https://news.harbourledger.example/europe/rotterdam-strike">
</head>
<body>
<nav class="menu"><a href="/">Home</a><a href="/europe">Europe</a><a href="/markets">Markets</a></nav>
<article>
<h1>Dockworkers halt Rotterdam terminals as wage talks collapse</h1>
<p class="byline">By Maartje de Vries, Transport Correspondent</p>
<p>ROTTERDAM (Harbour Ledger) - Dockworkers at Europe's largest port walked off the job on Tuesday after the FNV union said employers had rejected a 7.5% pay rise, leaving about 40 ships waiting at anchor.</p>
<p>The Port of Rotterdam Authority said in a statement that the strike would cost operators "tens of millions of euros a day" and urged both sides to return to talks.</p>
<h2>Employers say the offer was fair</h2>
<p>The employers' association VWH said it had offered a 5% rise over two years and called the strike "disproportionate". Its chairman told reporters the union had walked away before the ink was dry.</p>
<p>FNV negotiator Aisha El Amrani disputed that account. "Nobody put a written offer on the table, not once," she said, adding that members voted 92% in favour of the action.</p>
</article>
<footer><p>Harbour Ledger. All rights reserved.</p></footer>
</body>
</html>
"""

ARABIC_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>افتتاح معرض القاهرة الدولي للكتاب بمشاركة 60 دولة</title>
<meta property="og:site_name" content="أخبار النيل">
<meta name="author" content="سارة محمود">
<meta name="date" content="2025-01-24">
</head>
<body>
<article>
<h1>افتتاح معرض القاهرة الدولي للكتاب بمشاركة 60 دولة</h1>
<p>القاهرة (أخبار النيل) - افتتح رئيس الوزراء اليوم الجمعة الدورة السادسة والخمسين من معرض القاهرة الدولي للكتاب بمشاركة ناشرين من ستين دولة عربية وأجنبية.</p>
<p>وقالت الهيئة العامة للكتاب إن المعرض يستقبل أكثر من مليوني زائر خلال أيامه الخمسة عشر، وإن سلطنة عمان هي ضيف الشرف لهذا العام.</p>
<h2>برنامج ثقافي للأطفال</h2>
<p>ويضم البرنامج الثقافي أكثر من مئتي ندوة وورشة عمل، منها ورش مخصصة للأطفال في الخط العربي والرسم والحكي.</p>
</article>
</body>
</html>
"""


def write_page(folder: Path, name: str, page: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(page.encode(encoding))
    return path


def _response(
    writer: WARCWriter, url: str, status: str, headers: list[tuple[str, str]], body: bytes
) -> None:
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2025-03-05T10:00:00Z"},
    )
    writer.write_record(record)


def write_crawl(path: Path, *, gzip: bool = True) -> Path:
    """A crawl of four responses around two articles: a redirect to the English article, the
    article, the same article again (a duplicate), an image, and the Indonesian article."""
    html = [("Content-Type", "text/html; charset=utf-8")]
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        _response(
            writer,
            "http://harbourledger.example/rotterdam",
            "301 Moved Permanently",
            [("Location", "https://news.harbourledger.example/europe/rotterdam-strike")],
            b"",
        )
        english = ENGLISH_PAGE.encode()
        _response(
            writer,
            "https://news.harbourledger.example/europe/rotterdam-strike",
            "200 OK",
            html,
            english,
        )
        _response(
            writer,
            "https://news.harbourledger.example/europe/rotterdam-strike",
            "200 OK",
            html,
            english,
        )
        _response(
            writer,
            "https://news.harbourledger.example/img/cranes.jpg",
            "200 OK",
            [("Content-Type", "image/jpeg")],
            b"\xff\xd8\xff\xe0" + bytes(2000),
        )
        _response(
            writer,
            "https://www.kabarnusantara.example/news/banjir-kalsel",
            "200 OK",
            html,
            INDONESIAN_PAGE.encode(),
        )
    return path
