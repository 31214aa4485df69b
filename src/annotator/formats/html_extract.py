"""A news page's article as text with its sections, using trafilatura to find the article.

trafilatura (the extractor most used to build web corpora; it scores best on the published
extraction benchmarks and reads title, author, date and site name from the page's metadata)
decides which paragraphs are the article. It keeps no figure captions and its output loses
where ads and "read also" links stood, so the text is built here by walking the article's
container in the page's own order:

* the headline (the article's ``h1``, else trafilatura's title from ``og:title``/``<title>``)
  is the first line: HEADLINE;
* ``figcaption`` text (caption and credit, as the page shows them): CAPTION;
* ``h2``–``h6`` among the article's paragraphs: SUBHEADING;
* "Place, Outlet - " at the start of the first paragraph: DATELINE;
* everything else in the container that is not the article (ad banners, "Baca juga" links,
  footers, bylines): BOILERPLATE, kept only when asked and otherwise counted as removed.

Blocks are separated by a blank line; offsets of the sections are code points in that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html

from annotator.formats.records import FormatError

_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 figcaption li blockquote pre div section aside footer header dd dt "
    "address td th table ul ol figure article main nav".split()
)
_HEADINGS = frozenset("h2 h3 h4 h5 h6".split())
_DROPPED_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button")
_BOILERPLATE_TAGS = frozenset({"aside", "footer", "nav"})
_BOILERPLATE_NAME = re.compile(
    r"(?:^|[\s_-])(ads?|advert\w*|banner|iklan|sponsor\w*|promo\w*|read-?also|read-?more|"
    r"baca-?juga|related|footer|share|social|newsletter|recommend\w*|byline|author)(?:$|[\s_-])",
    re.IGNORECASE,
)
_BOILERPLATE_TEXT = re.compile(
    r"^(baca (juga|artikel)|read (also|more)|see also|related:|advertisement|iklan\b|"
    r"sponsored|scroll (untuk|to) )",
    re.IGNORECASE,
)
_DATELINE = re.compile(r"^([^\W\d_][^\n.!?]{0,60}?)\s+[-–—]{1,2}\s+\S")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SUBSTRING_MATCH = 25
"""A block this long counts as article text when trafilatura's text contains it (trafilatura
sometimes joins or trims paragraphs, so an exact match alone misses some)."""

SECTION_SOURCE = "html-structure"
"""The source name of the section suggestions an HTML import makes."""


@dataclass(frozen=True)
class Section:
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class ExtractedPage:
    text: str
    title: str
    lang: str | None
    meta: dict[str, Any]
    sections: tuple[Section, ...]
    removed_blocks: int = 0
    """Boilerplate blocks left out of ``text`` (always 0 when boilerplate is kept)."""
    removed_chars: int = 0
    encoding: str = "utf-8"
    """The encoding the page was decoded from."""


@dataclass
class _Block:
    text: str
    role: str
    """``p``, HEADLINE, SUBHEADING, CAPTION or BOILERPLATE."""


@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, label: str | None) -> int:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if label is not None:
            self.sections.append(Section(label, start, self.length))
        return start


def _clean(text: str) -> str:
    return " ".join(text.split())


def _block_text(element: Any) -> str:
    return _clean("".join(element.itertext()))


def _parse(page: str, source: str) -> Any:
    try:
        tree = html.document_fromstring(_XML_DECLARATION.sub("", page, count=1))
    except (etree.ParserError, ValueError) as exc:
        raise FormatError(f"{source}: broken HTML: {exc}") from None
    etree.strip_elements(tree, *_DROPPED_TAGS, with_tail=False)
    etree.strip_elements(tree, etree.Comment, with_tail=False)
    return tree


def _article_lines(page: str, url: str | None) -> tuple[Any, set[str], str]:
    import trafilatura

    found: Any = trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        output_format="python",
    )
    if found is None or not (found.text or "").strip():
        return found, set(), ""
    lines = [_clean(line) for line in found.text.split("\n")]
    lines = [line for line in lines if line]
    return found, set(lines), "\n".join(lines)


def _leaf_blocks(root: Any) -> list[Any]:
    """Block elements holding text but no other block, in document order."""
    leaves = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCK_TAGS:
            continue
        if any(
            isinstance(child.tag, str) and child.tag in _BLOCK_TAGS
            for child in element.iterdescendants()
        ):
            continue
        leaves.append(element)
    return leaves


def _headline_element(tree: Any, article: list[Any], title: str) -> Any | None:
    """The article's ``h1``: one inside the ``<article>`` around its paragraphs, else one whose
    text is the page's title (a site logo in an ``h1`` is neither)."""
    if article:
        for element in article[0].iterancestors("article"):
            inner = next((h for h in element.iter("h1") if _block_text(h)), None)
            if inner is not None:
                return inner
    return next((h for h in tree.body.iter("h1") if title and _block_text(h) == title), None)


def _container(tree: Any, article: list[Any], headline: Any | None) -> Any:
    """The element holding the article: the nearest ``<article>`` around its paragraphs, else
    their common ancestor widened to take in the headline."""
    chains = [list(el.iterancestors()) for el in article]
    common = chains[0]
    for chain in chains[1:]:
        members = set(chain)
        common = [el for el in common if el in members]
    lca = article[0] if len(article) == 1 and not common else common[0]
    for element in [lca, *lca.iterancestors()]:
        if element.tag == "article":
            return element
    if headline is not None:
        for element in [lca, *lca.iterancestors()]:
            if headline in set(element.iterdescendants()):
                return element
    return lca if lca.tag != "html" else tree.body


def _is_boilerplate(element: Any, container: Any, text: str) -> bool:
    if _BOILERPLATE_TEXT.match(text):
        return True
    for node in [element, *element.iterancestors()]:
        if node is container:
            return False
        if node.tag in _BOILERPLATE_TAGS:
            return True
        names = f"{node.get('class', '')} {node.get('id', '')}"
        if _BOILERPLATE_NAME.search(names):
            return True
    return False


def _in_figcaption(element: Any, container: Any) -> bool:
    for node in [element, *element.iterancestors()]:
        if node is container:
            return False
        if node.tag == "figcaption":
            return True
    return False


def _classify(
    leaves: list[Any], container: Any, lines: set[str], joined: str, headline: str
) -> list[_Block]:
    inside = set(container.iterdescendants()) | {container}
    blocks: list[_Block] = []
    for element in leaves:
        if element not in inside:
            continue
        text = _block_text(element)
        if not text:
            continue
        if element.tag == "h1" and text == headline:
            continue
        if _in_figcaption(element, container):
            blocks.append(_Block(text, "CAPTION"))
        elif _is_boilerplate(element, container, text):
            blocks.append(_Block(text, "BOILERPLATE"))
        elif text in lines or (len(text) >= _SUBSTRING_MATCH and text in joined):
            role = "SUBHEADING" if element.tag in _HEADINGS else "p"
            blocks.append(_Block(text, role))
        else:
            blocks.append(_Block(text, "BOILERPLATE"))
    return blocks


def _meta(found: Any, tree: Any, url: str | None) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    values = {
        "author": found.author,
        "date": found.date,
        "site_name": found.sitename,
        "url": found.url or url,
    }
    for key, value in values.items():
        if value:
            meta[key] = str(value)
    lang = (tree.get("lang") or "").strip() or (found.language or "")
    if lang:
        meta["language"] = lang
    direction = (tree.get("dir") or tree.body.get("dir") or "").strip().lower()
    if direction == "rtl":
        meta["direction"] = "rtl"
    return meta


def extract_page(
    page: str, source: str, *, keep_boilerplate: bool = False, url: str | None = None
) -> ExtractedPage:
    """The article of one decoded page; FormatError naming ``source`` when it holds none."""
    tree = _parse(page, source)
    if tree.find("body") is None:
        raise FormatError(f"{source}: broken HTML: the page has no body")
    found, lines, joined = _article_lines(page, url)
    leaves = _leaf_blocks(tree.body)
    article = [el for el in leaves if _block_text(el) in lines]
    title = _clean(found.title or "") if found is not None else ""
    h1 = _headline_element(tree, article, title)
    headline = _block_text(h1) if h1 is not None else title
    blocks = []
    if article:
        container = _container(tree, article, h1)
        blocks = _classify(leaves, container, lines, joined, headline)
    if not any(block.role == "p" for block in blocks):
        raise FormatError(
            f"{source}: no article text found (the page holds no run of paragraphs an "
            "article extractor recognises)"
        )
    builder = _Builder()
    if headline:
        builder.add(headline, "HEADLINE")
    removed_blocks = removed_chars = 0
    dated = False
    for block in blocks:
        if block.role == "BOILERPLATE" and not keep_boilerplate:
            removed_blocks += 1
            removed_chars += len(block.text)
            continue
        start = builder.add(block.text, None if block.role == "p" else block.role)
        if block.role == "p" and not dated:
            dated = True
            dateline = _DATELINE.match(block.text)
            if dateline:
                builder.sections.append(Section("DATELINE", start, start + dateline.end(1)))
    meta = _meta(found, tree, url)
    return ExtractedPage(
        text="".join(builder.parts) + "\n",
        title=headline,
        lang=meta.get("language"),
        meta=meta,
        sections=tuple(sorted(builder.sections, key=lambda s: s.start)),
        removed_blocks=removed_blocks,
        removed_chars=removed_chars,
    )
