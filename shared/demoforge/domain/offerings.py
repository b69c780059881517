"""Whether a name is something a business offers: the one offering filter, used wherever
names enter a demo (research's reading of pages and of Claude's answer, the templates'
customisation with research's list).

``reason(name, company, href=..., trust=...)`` says why a name is *not* an offering, or
None; ``is_plausible(name, company)`` is ``reason(...) is None`` for a bare name. What is
checked depends on what vouches for the name (``trust``); each level adds checks to the
one before:

- ``structured``: a schema.org node names it (Product, Service, MenuItem ...). It must be
  a name (not too short, not a sentence, question, address or link), not a furniture word
  of any class ("Warenkorb", "Impressum", "Nächstes", a language's own name), and not the
  company itself;
- ``priced``: a price stands beside it. Also no furniture phrase inside it ("Partager sur
  Facebook", "Mein Wunschzettel") and no link to furniture (``/login``, ``?page=2``, a
  social network, ``mailto:``, a dated post ``/2016/06/08/...``);
- ``listed``: only its place on a page vouches for it (a list under "Produkte", a menu).
  It must also read like a product or service name: up to eight words, model numbers
  allowed ("HARP 2.0", "IDENTjet D4") but no amounts, years or percentages, no call to
  action (imperatives in seven languages), slogan, question, pronoun, audience or all-caps
  section label;
- ``bare``: nothing vouches for it (a list handed over without its pages). Also at most
  five words and no digits.

``plan``: a plan name said with its price ("Team $29 per month" is a plan, not the team
page) may be a section word. Furniture classes (``furniture``) are navigation, legal,
account, cart, pagination, social, careers, editorial, newsletter, contact, cookie banners,
language switchers, section labels, audiences and calls to action, in en, de, fr, es, it,
nl and pt (the words: ``domain.offering_words``; language names: CLDR through babel).
"""

from __future__ import annotations

import functools
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable
from typing import Literal

import babel

from demoforge.domain import offering_words as w

Trust = Literal["structured", "priced", "listed", "bare"]
_LEVEL: dict[Trust, int] = {"structured": 0, "priced": 1, "listed": 2, "bare": 3}
MAX_WORDS = 5  # a bare name
MAX_LISTED_WORDS = 8  # a name from a list or menu ("Wärmeschutznachweise nach EnEV")


def norm(s: str) -> str:
    """Comparison form of a name: NFC, case-folded."""
    return unicodedata.normalize("NFC", s).casefold()


def fold(s: str) -> str:
    """Comparison form of a page string for the furniture vocabulary: NFKC, case-folded,
    arrows, bullets and ellipses dropped, outer punctuation stripped."""
    s = unicodedata.normalize("NFKC", s).casefold()
    s = re.sub(r"[«»›‹<>→←↗►▸▶|•·…]+|\.{3}", " ", s)
    return " ".join(s.replace("’", "'").split()).strip(" .:;,-–—/!?*+()[]")


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def clean(text: str) -> str:
    """A name as shown: invisible characters dropped, spaces collapsed, list bullets,
    separators and trailing punctuation stripped."""
    return " ".join(text.translate(_INVISIBLE).split()).strip(" \t-–—|:•·»«›‹<>/,;.►▸▶→←")


def _words(text: str) -> frozenset[str]:
    return frozenset(norm(x) for x in text.split())


def _strings(text: str) -> frozenset[str]:
    return frozenset(fold(s) for s in text.split("|") if fold(s))


# -- site furniture ------------------------------------------------------------------
VOCAB: dict[str, frozenset[str]] = {cls: _strings(text) for cls, text in w.FURNITURE_WORDS.items()}
_PHRASE_PATTERNS: dict[str, re.Pattern[str]] = {
    cls: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in sorted(ps, key=len, reverse=True)) + r")(?!\w)")
    for cls, ps in w.FURNITURE_PHRASES.items()
}
# Menu labels whose items are about the site or the company, never its range.
ABOUT_LABELS: frozenset[str] = frozenset().union(
    *(VOCAB[c] for c in ("navigation", "legal", "account", "careers", "editorial", "contact", "social")),
    _strings(w.ABOUT_MENU_WORDS),
)
_SOCIAL_LABELS = frozenset(w.SOCIAL_LABELS)
_PAGINATION_HREF = re.compile(r"[?&](?:page|p|seite|pagina|pg)=\d+|/page/\d+|/seite/\d+", re.I)
_NUMERIC = re.compile(r"^[\d\s.,/|«»<>-]+$")
# A path that carries a publication date: a year and month as folders ("/2016/06/08/slug",
# "/uploads/2019/12/file.pdf") or a whole date in one segment ("2016_06_14_article.jpg").
# Posts, press coverage and dated uploads are written this way; product pages are not.
_DATED_PATH = re.compile(r"/(?:19|20)\d{2}/(?:0?[1-9]|1[0-2])(?:/|$)|"
                         r"(?<!\d)(?:19|20)\d{2}[-_](?:0[1-9]|1[0-2])[-_](?:0[1-9]|[12]\d|3[01])(?!\d)")
_HOME_LINK = re.compile(r"(?:^|\s)(?:home|homepage|startseite|accueil|inicio)$")


@functools.lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Language names as a switcher writes them: each language in itself and in the
    languages research reads (CLDR), plus the codes ("DE", "EN")."""
    out: set[str] = set()
    for code in w.LANGUAGE_CODES:
        try:
            loc = babel.Locale.parse(code)
        except (ValueError, babel.UnknownLocaleError):
            continue
        out.add(fold(loc.get_display_name(code) or ""))
        for reader in w.READER_LANGUAGES:
            out.add(fold(loc.get_display_name(reader) or ""))
        out.add(code)
    return frozenset(o for o in out if o)


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Countries, continents and world regions as the readers' languages name them (CLDR
    territories through babel: "France", "Europe", "Nordamerika"), plus "international":
    a news site's or a union's sections. Checked only for names nothing but a list vouches
    for: a priced or structured "Jersey" or "Turkey" is a product."""
    out = {"international", "national", "world", "monde", "welt", "mundo", "mondo", "wereld"}
    for reader in w.READER_LANGUAGES:
        out |= {fold(name) for name in babel.Locale.parse(reader).territories.values()}
    return frozenset(o for o in out if o)


def is_dated_address(url: str) -> bool:
    """Whether ``url``'s path carries a publication date (a post, an article, a dated
    upload): "/2016/06/08/loi-travail", "/wp-content/uploads/2019/12/flyer.pdf"."""
    return bool(_DATED_PATH.search(urllib.parse.unquote(urllib.parse.urlsplit(url.strip()).path)))


def _href_class(href: str) -> str | None:
    if not href:
        return None
    low = href.strip().lower()
    if low.startswith(("mailto:", "tel:")):
        return "contact"
    if low.startswith("javascript:"):
        return "navigation"
    parts = urllib.parse.urlsplit(low)
    host = parts.hostname or ""
    labels = host.split(".")
    if any(host == d or host.endswith("." + d) for d in w.SOCIAL_HOSTS) or _SOCIAL_LABELS.intersection(labels[:-1]):
        return "social"
    if _PAGINATION_HREF.search(low):
        return "pagination"
    if is_dated_address(low):
        return "editorial"
    path = urllib.parse.unquote(parts.path)
    segments = [s for s in re.split(r"[/_.]+", path) if s]
    words = set(segments) | {x for s in segments for x in s.split("-")}
    for cls, hints in w.HREF_WORDS.items():
        if any(h in words or ("/" in h and h in path) for h in hints):
            return cls
    return None


def furniture(text: str, href: str = "", *, link_counts: bool = True, vocabulary: bool = True) -> str | None:
    """Why ``text`` (optionally a link to ``href``) is site furniture, as its class and a
    short why ("account ('Einloggen' is a account word)"), or None. ``link_counts`` False
    for names from structured data, whose links are product pages and whose context says
    they are sold ("Cookie Dough", "French Press"); ``vocabulary`` False for a plan name
    said with its price."""
    key = fold(text)
    if not key:
        return "empty"
    if vocabulary:
        for cls, words in VOCAB.items():
            if key in words:
                return f"{cls} ({text!r} is a {cls} word)"
    if _NUMERIC.match(key):
        return "pagination (a number)"
    if key in language_names():
        return "language switcher"
    if _HOME_LINK.search(key) and len(key.split()) <= 4:
        return "navigation (a home link)"
    if link_counts:
        for cls, pattern in _PHRASE_PATTERNS.items():
            m = pattern.search(key)
            if m:
                return f"{cls} (contains {m.group(0)!r})"
        linked = _href_class(href)
        if linked is not None:
            return f"{linked} (links to {href[:80]})"
    return None


def repeated_chrome(texts_per_page: list[set[str]], min_pages: int = 2) -> set[str]:
    """Strings (folded) that occur on at least ``min_pages`` of a site's pages: its chrome
    (teasers, footers drawn in the body); only meaningful when several pages were read."""
    if len(texts_per_page) < min_pages:
        return set()
    counts: dict[str, int] = {}
    for texts in texts_per_page:
        for t in {fold(x) for x in texts}:
            counts[t] = counts.get(t, 0) + 1
    return {t for t, n in counts.items() if n >= min_pages}


# -- reads like a product or service name --------------------------------------------
CTA_VERBS = _words(w.CTA_VERBS)
_VERB_NOUNS = _words(w.VERB_NOUNS)
_CTA_FOLLOWERS = _words(w.CTA_FOLLOWERS)
_MORE_CTA = frozenset(norm(x) for x in w.MORE_CTA)
PRONOUNS = _words(w.PRONOUNS)
_QUESTION_STARTS = _words(w.QUESTION_STARTS)
_SLOGAN_WORDS = _words(w.SLOGAN_WORDS)
_LEADING_STOP = _words(w.LEADING_STOP)
_SECTION_WORDS = {" ".join(norm(s).split()) for s in w.SECTION_WORDS.replace("\n", " ").split("|") if s.strip()}
_SECTION_PARTS = re.compile(w.SECTION_PARTS, re.I)
_CORPORATE = frozenset(norm(x) for x in w.CORPORATE)
_LEGAL_SUFFIX = re.compile(r"\b(inc|ltd|llc|gmbh|ag|sa|sas|srl|bv|plc|co|corp|limited)\.?$")
# Amounts, years and whole percentages ("40,000 customers", "seit 2004", "-20 %") are not
# names; a decimal percentage is a specification ("Joghurt mild 1,5 % Fett").
_STANDALONE_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,]\d{3})+(?![\w.,])|(?<![\w.,])\d{4,}(?![\w.,])|"
                                r"(?<![\d.,])\d{1,3}\s?%")
_TOKENS = re.compile(r"\w+")


def _light(name: str) -> str | None:
    """What every name must be, whatever vouches for it."""
    if len(name) < 2 or sum(c.isalpha() for c in name) < 2:
        return "too short to be a name"
    if len(_TOKENS.findall(name)) > 14:
        return "a sentence, not a name"
    if name.endswith("?"):
        return "a question"
    if "@" in name or "://" in name:
        return "an address or link"
    return None


def _phrase(name: str, plan: bool) -> str | None:
    """Whether ``name`` reads like a short noun phrase naming a product or service."""
    key = norm(name)
    words = key.replace("/", " ").split()
    if len(words) > MAX_WORDS:
        return f"more than {MAX_WORDS} words (a sentence, not a name)"
    if not words or not 3 <= len(name) <= 60 or sum(c.isalpha() for c in name) < 3:
        return "too short or too long for a name"
    if name.endswith(("?", "!")) or "@" in name or "://" in name:
        return "a question, exclamation or address"
    if any(c.isdigit() for c in name):
        return "contains digits (a price, number or date)"
    if not plan and (key in _SECTION_WORDS or _SECTION_PARTS.search(key)):
        return "a section label or site furniture"
    first = words[0]
    if first in _QUESTION_STARTS:
        return "a question"
    if (first in CTA_VERBS and first not in _VERB_NOUNS) or \
            (first in _VERB_NOUNS and (len(words) == 1 or words[1] in _CTA_FOLLOWERS)):
        return "a call to action"
    if len(words) > 1 and words[-1] in CTA_VERBS and words[-1].endswith(("en", "ern")):
        return "a call to action (ends with the verb)"  # "Termin vereinbaren", "Villa mieten"
    if "jetzt" in words or any(x in PRONOUNS for x in re.split(r"[\s'’-]+", key)):  # "Contactez-nous"
        return "addresses the reader (a call to action or slogan)"
    if any(x in _SLOGAN_WORDS for x in words):
        return "a slogan (quantifier or tagline word)"
    if first in w.AUDIENCE_STARTS:
        return "an audience, not an offering"
    if first in _LEADING_STOP and not (len(first) > 1 and name.split()[0].isupper()):
        return "opens with an article or preposition (a sentence or label)"
    if name.isupper() and len(name) > 5:  # "KOMPETENZEN", "A LA UNE"
        return "an all-caps section label"
    return None


def _listed(name: str, plan: bool) -> str | None:
    """The phrase check for a name from a list or menu, which may carry model numbers and
    digits ("HARP 2.0", "1 and 2 bedroom apartments") and up to eight words."""
    if _STANDALONE_NUMBER.search(name):
        return "a number or amount, not a name"
    words = name.split()
    if len(words) > MAX_LISTED_WORDS:
        return "too long for a name"
    if len(words) >= 2 and norm(words[0]) in _MORE_CTA:
        return "a call to action (opens with an imperative)"
    why = _phrase(re.sub(r"\d", "x", " ".join(words[:MAX_WORDS])), plan)
    if why is not None:
        return why
    if any(norm(x).strip(",.:;!") in PRONOUNS for x in re.split(r"[\s'’-]+", name)):
        return "addresses the reader (a call to action or slogan)"
    return None


def _company(name: str, company: str) -> str | None:
    """The company's own name (or it with a legal suffix dropped, or followed only by
    words like "Group", "Online Shop") is not one of its offerings."""
    c = norm(company).split()
    if not c:
        return None
    n = norm(name).split()
    stem = _LEGAL_SUFFIX.sub("", " ".join(c)).strip(" ,.").split()
    for own in (c, stem):
        if own and n[: len(own)] == own and all(x in _CORPORATE for x in n[len(own):]):
            return "the company's own name"
    return None


def reason(name: str, company: str | None = None, *, href: str = "", trust: Trust = "bare",
           plan: bool = False) -> str | None:
    """Why ``name`` is not an offering of ``company``, or None (see the module docstring
    for what each ``trust`` level checks)."""
    name = clean(name)
    level = _LEVEL[trust]
    why = _light(name) or furniture(name, href, link_counts=level >= 1, vocabulary=not plan)
    if why is None and level >= 2 and fold(name) in place_names():
        why = "a place (a country, continent or region), not an offering"
    if why is None and level >= 2:
        why = _listed(name, plan)
    if why is None and level >= 3:
        why = _phrase(name, plan)
    if why is None and company:
        why = _company(name, company)
    return why


def is_plausible(name: str, company: str | None = None, *, plan: bool = False) -> bool:
    """Whether ``name`` on its own reads like a product or service the business offers:
    not site furniture, a call to action, a slogan or the company itself."""
    return reason(name, company, plan=plan) is None


def plausible_offerings(names: Iterable[str], company: str = "", *, trust: Trust = "bare") -> list[str]:
    """The plausible names of ``names``, cleaned, in order, without repeats: research's or
    Claude's product list without navigation items and slogans ("Shop by category",
    "Accounting software that runs itself"). ``trust="listed"`` for names that passed
    research already (the profile's offerings), so model numbers and longer names stay."""
    out = [clean(raw) for raw in names]
    return list(dict.fromkeys(n for n in out if reason(n, company, trust=trust) is None))
