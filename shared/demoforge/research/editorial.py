"""Editorial items on a page: posts, news teasers and press coverage, what a site writes
about, not what the business sells.

A headline in a "latest news" box, a press review ("8 juin 2016 : Article Le Figaro") or a
related-posts grid sits in the body like a list of offerings, so research marks it here
and the offering selection rejects it with the reason (``demoforge research --explain``).
The marks are general and multilingual, never tuned to one site:

- article markup: a schema.org Article type (``NewsArticle``, ``BlogPosting`` ...) in
  microdata, the hAtom / h-entry microformats (``hentry``, ``h-entry``), WordPress's post
  class (``type-post``), a permalink (``rel=bookmark``);
- a publication date: ``<time>``, a ``datetime`` / ``pubdate`` attribute or
  ``itemprop=datePublished``, or a whole date (day, month and year) in a short text of
  the item, read by ``dateparser`` in the page's language (else in each language
  research reads);
- a dated address: a link whose path carries the date (``/2016/06/08/...``,
  ``/uploads/2019/12/...``; ``domain.offerings.is_dated_address``);
- a "read more" link (``domain.offering_words.READ_MORE``), a byline (``rel=author``,
  ``itemprop=author``, an author class);
- a truncated excerpt after a link (text cut off with "..." before the next link): two
  or more such links in one box are headlines, even without item elements around them.

An *item* is the largest element around a mark that holds no other item's mark, at most
one heading and at most ``MAX_ITEM_CHARS`` of text, and not past a list item, row or
``<article>``: a teaser, not the page (a post's own page keeps its subject). It is
editorial when it carries article markup, or a date with another mark, or a date beside
other dated items (a press review, a news list). A priced item is never editorial: a
dated item with a price is an event or an offer with a deadline. (JSON-LD lists of posts
are left out where structured data is read, ``research.structured``.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from babel.dates import get_month_names
from bs4 import BeautifulSoup, NavigableString, Tag
from dateparser.search import search_dates

from demoforge.domain import offering_words as w
from demoforge.domain.offerings import fold, is_dated_address
from demoforge.research.money import find_prices

MAX_ITEM_CHARS = 600
# Text pieces the parser reads per page: a date takes it ~2 ms, a text that only looks
# like one up to ~40 ms (~110 ms in all seven languages), so a page of odd numbers stays bounded.
MAX_DATE_TEXTS = 120
# A teaser's date stands in a short text of its own ("14 juin 2016 :", "Posted on May 3,
# 2024 by Anna"); longer texts are running text, and the parser is slow on them.
MAX_DATE_TEXT = 80
# schema.org's CreativeWork types for writing (Article and its subtypes, posts, reports).
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting",
    "Report", "ScholarlyArticle", "TechArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
    "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle",
    "AdvertiserContentArticle", "SatiricalArticle", "Blog",
})
_POST_CLASSES = frozenset({"hentry", "h-entry", "type-post"})
_DATE_ATTRS = ("datetime", "pubdate")
# A text holds a whole date only as numbers (3.5.2024, 2024-05-03) or with a year, a day
# number and a month name ("3 mai 2024", "May 3, 2024"): see ``_maybe_date``.
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}[./-]\d{1,2}[./-](?:\d{2}|\d{4})(?!\d)|(?<!\d)(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DAY = re.compile(r"(?<![\d.,])(?:0?[1-9]|[12]\d|3[01])(?!\d|[.,]\d)")
_DATE_SETTINGS = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
_SKIP = ("script", "style", "noscript", "template", "option", "title", "head")
_READ_MORE = frozenset(fold(x) for x in w.READ_MORE)


@functools.lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    """Month names and abbreviations in the languages research reads (CLDR through babel:
    "juin", "déc", "Mai", "Sept"), folded, without the abbreviation's dot."""
    out: set[str] = set()
    for lang in w.READER_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                out |= {name.casefold().strip(".") for name in get_month_names(width, context, lang).values()}
    return frozenset(out)


def _maybe_date(text: str) -> bool:
    """A cheap test before the (slower) parser reads ``text``: a numeric date, or a year, a
    day number of its own (not part of a decimal, "1,5 %") and a month name."""
    if _NUMERIC_DATE.search(text):
        return True
    year = _YEAR.search(text)
    if year is None or not _DAY.search(text[: year.start()] + " " + text[year.end():]):
        return False
    return not _month_words().isdisjoint(re.findall(r"[^\W\d_]+", text.casefold()))


def _has_date(text: str, languages: list[str]) -> bool:
    """Whether ``text`` (short, whitespace-collapsed) holds a whole date: day, month and year."""
    return bool(search_dates(text, languages=languages, settings=_DATE_SETTINGS))


def _languages(language: str) -> list[str]:
    """The languages a date on the page is read in: the page's (dateparser is several
    times slower for each further language), else every language research reads."""
    return [language] if language in w.READER_LANGUAGES else list(w.READER_LANGUAGES)


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ITEM_TAGS = ("li", "tr", "article")
_TRUNCATED = ("...", "…", "[…]", "[...]", "(…)", "(...)")
MIN_EXCERPT = 60


def _excerpt_after(start: Tag) -> str:
    """The text between ``start`` (a headline link or its heading) and the next link, when
    it is a teaser's excerpt: at least ``MIN_EXCERPT`` characters, cut off with an ellipsis."""
    parts: list[str] = []
    size = 0
    for sib in start.next_siblings:
        if isinstance(sib, Tag):
            if sib.name == "a" or sib.find("a") is not None or sib.name in _HEADINGS:
                break
            text = sib.get_text(" ")
        else:
            text = str(sib)
        parts.append(text)
        size += len(text)
        if size > 2 * MAX_ITEM_CHARS:
            return ""
    excerpt = " ".join(" ".join(parts).split())
    return excerpt if len(excerpt) >= MIN_EXCERPT and excerpt.endswith(_TRUNCATED) else ""


def _article_markup(tag: Tag) -> str:
    itemtype = str(tag.get("itemtype") or "")
    if itemtype and ARTICLE_TYPES.intersection(re.split(r"[/#\s]+", itemtype)):
        return f"schema.org {itemtype.rstrip('/').rsplit('/', 1)[-1]}"
    classes = set(tag.get("class") or [])
    if _POST_CLASSES & classes:
        return f"a post ({sorted(_POST_CLASSES & classes)[0]})"
    return ""


_KIND_WORDS = {"date": "a date", "dated-link": "a dated link", "markup": "article markup",
               "read-more": "a read-more link", "byline": "a byline"}
_BYLINE_CLASSES = frozenset({"byline", "author", "entry-author", "post-author", "p-author"})


def _is_byline(tag: Tag) -> bool:
    """An author credit: ``rel=author``, ``itemprop=author`` or a byline class (hAtom's
    ``author vcard``, h-entry's ``p-author``)."""
    if "author" in tag.get_attribute_list("rel") or tag.get("itemprop") == "author":
        return True
    return bool(_BYLINE_CLASSES.intersection(tag.get("class") or [])) and len(tag.get_text(" ")) <= 80


class _Mark:
    """One publication mark on the page and the tag it sits on."""

    __slots__ = ("kind", "tag", "text")

    def __init__(self, kind: str, tag: Tag, text: str) -> None:
        self.kind, self.tag, self.text = kind, tag, text


def _marks(soup: BeautifulSoup, language: str) -> Iterator[_Mark]:
    languages = _languages(language)
    body = soup.find("body")
    root: Tag = body if isinstance(body, Tag) else soup
    checked = 0
    for tag in root.find_all(True, limit=20_000):
        if not isinstance(tag, Tag) or tag.name in _SKIP:
            continue
        markup = _article_markup(tag)
        if markup:
            yield _Mark("markup", tag, markup)
        if tag.name == "time" or any(tag.has_attr(a) for a in _DATE_ATTRS) or tag.get("itemprop") == "datePublished":
            yield _Mark("date", tag, " ".join(tag.get_text(" ").split()) or str(tag.get("datetime") or ""))
        if _is_byline(tag):
            yield _Mark("byline", tag, " ".join(tag.get_text(" ").split())[:60])
        if tag.name == "a":
            if "bookmark" in tag.get_attribute_list("rel"):
                yield _Mark("markup", tag, "a permalink (rel=bookmark)")
            href = str(tag.get("href") or "")
            if href and is_dated_address(href):
                yield _Mark("dated-link", tag, href[:80])
            if fold(tag.get_text(" ")) in _READ_MORE:
                yield _Mark("read-more", tag, " ".join(tag.get_text(" ").split()))
    for string in root.find_all(string=True, limit=20_000):
        if not isinstance(string, NavigableString) or not isinstance(string.parent, Tag) \
                or string.parent.name in _SKIP or checked >= MAX_DATE_TEXTS:
            continue
        text = " ".join(str(string).split())
        if text and len(text) <= MAX_DATE_TEXT and _maybe_date(text):
            checked += 1
            if _has_date(text, languages):
                yield _Mark("date", string.parent, text)


class Editorial:
    """The editorial items of one parsed page (``language``: the page's, for its dates):
    ``reason(tag)`` says why the tag sits in one (a short why with the mark that made
    it), or ""."""

    def __init__(self, soup: BeautifulSoup, language: str = "") -> None:
        self._items: dict[int, str] = {}
        self._lengths: dict[int, int] = {}
        self._headlines(soup)
        marks = list(_marks(soup, language))
        if not marks:
            return
        # Which marks each element holds, to stop an item before it takes in a neighbour's.
        held: dict[int, set[int]] = {}
        for i, mark in enumerate(marks):
            for parent in [mark.tag, *mark.tag.parents]:
                if isinstance(parent, Tag):
                    held.setdefault(id(parent), set()).add(i)
        items: dict[int, tuple[Tag, set[str], str]] = {}
        for i, mark in enumerate(marks):
            item = self._item_of(mark.tag, i, marks, held)
            if item is None:
                continue
            _, kinds, first = items.setdefault(id(item), (item, set(), ""))
            kinds.add(mark.kind)
            if not first or mark.kind == "date":
                items[id(item)] = (item, kinds, mark.text[:80])
        dated_parents: dict[int, int] = {}
        for item, kinds, _ in items.values():
            if "date" in kinds:
                for up in self._near_parents(item):
                    dated_parents[id(up)] = dated_parents.get(id(up), 0) + 1
        for item, kinds, first in items.values():
            if find_prices(" ".join(item.get_text(" ").split())[:MAX_ITEM_CHARS], limit=1):
                continue
            beside = any(dated_parents.get(id(up), 0) >= 2 for up in self._near_parents(item))
            if "markup" in kinds or ("date" in kinds and (len(kinds) >= 2 or beside)):
                why = ("a dated item beside others (a list of posts, news or press)" if beside and len(kinds) == 1
                       else f"a post, news or press item ({', '.join(_KIND_WORDS[k] for k in sorted(kinds))})")
                self._items[id(item)] = f"editorial: {why}: {first}"[:200]

    def _headlines(self, soup: BeautifulSoup) -> None:
        """Links followed by a truncated excerpt ("HP Says: Print it Yourself" and three
        lines ending in "..."), two or more in one box: headlines of a news box written
        without item elements (table layouts, ``<br>``-separated teasers)."""
        by_box: dict[int, list[tuple[Tag, str]]] = {}
        for a in soup.find_all("a", limit=3000):
            if not isinstance(a, Tag) or not a.get_text(strip=True):
                continue
            head = a.find_parent(_HEADINGS)
            start = head if isinstance(head, Tag) else a
            excerpt = _excerpt_after(start)
            if excerpt and isinstance(start.parent, Tag):
                by_box.setdefault(id(start.parent), []).append((a, excerpt))
        for links in by_box.values():
            if len(links) < 2:
                continue
            for a, excerpt in links:
                tail = excerpt[-60:].split(" ", 1)[-1]
                self._items.setdefault(id(a), f"editorial: a headline with a truncated excerpt (…{tail})")

    @staticmethod
    def _near_parents(item: Tag) -> list[Tag]:
        """The item's three nearest ancestors: its siblings in a list or a grid of cards
        (grids wrap each card in a cell or two)."""
        out: list[Tag] = []
        for up in item.parents:
            if not isinstance(up, Tag) or up.name in ("body", "html", "[document]") or len(out) >= 3:
                break
            out.append(up)
        return out

    def _text_len(self, tag: Tag) -> int:
        # Memoised: the marks of one list climb through the same elements.
        n = self._lengths.get(id(tag))
        if n is None:
            n = self._lengths[id(tag)] = len(" ".join(tag.get_text(" ").split()))
        return n

    def _item_of(self, tag: Tag, index: int, marks: list[_Mark], held: dict[int, set[int]]) -> Tag | None:
        """The largest element around ``tag`` with no mark of the same kind from another
        item, at most one heading and at most ``MAX_ITEM_CHARS`` of text, and not past a
        list item, row or ``<article>`` (an item's own element); None when the mark's own
        element is already bigger (a date in running text)."""
        if self._text_len(tag) > MAX_ITEM_CHARS:
            return None
        kind = marks[index].kind
        best = tag
        for parent in tag.parents:
            if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]") \
                    or best.name in _ITEM_TAGS:
                break
            if self._text_len(parent) > MAX_ITEM_CHARS or len(parent.find_all(_HEADINGS, limit=2)) > 1:
                break  # a teaser has one headline: a parent with two holds a neighbour too
            if any(marks[j].kind == kind and j != index and not _nested(marks[j].tag, tag)
                   for j in held.get(id(parent), ())):
                break
            best = parent
        return best

    def reason(self, tag: Tag) -> str:
        for parent in [tag, *tag.parents]:
            if isinstance(parent, Tag):
                why = self._items.get(id(parent))
                if why:
                    return why
        return ""


def _nested(a: Tag, b: Tag) -> bool:
    """Whether one of the two tags holds the other (the same mark read twice: a
    ``<time>`` and the date in its text)."""
    return a is b or b in a.parents or a in b.parents
