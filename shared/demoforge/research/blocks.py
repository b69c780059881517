"""Candidates for offerings with the structure they sit in, read from one parsed page.

Where a string sits decides most of what it is: a link in the navigation, header or
footer is the site's chrome unless it sits under a menu labelled as an offering section
("Produkte" > "Stromspeicher"); a list item or sub-heading in the body belongs to the
heading above it; a name beside a price in a card, list item or table row is a priced
item. Each ``Candidate`` keeps that context (zone, role, heading or menu label, link,
price, a short evidence quote) so the offering filter can decide and explain.

Also read here: the page's address and contact lines (for places), the copyright line
and the logo's alt text (for the company name).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable

from bs4 import BeautifulSoup, NavigableString, Tag
from pydantic import BaseModel

from demoforge.domain.offerings import furniture as furniture_reason
from demoforge.research.editorial import Editorial
from demoforge.research.money import find_prices

MAX_CANDIDATES = 360
MAX_CHROME = 200
MAX_CARDS = 60
CONTEXT_CHARS = 160
_WS = re.compile(r"\s+")
# A class or id token that names navigation ("nav", "main-menu", "navbar-top"); tokens that
# merely contain the word ("tab-menu--cross-selling", "menu-card") are content.
_NAV_HINT = re.compile(r"(?:^|\s)(?:[a-z]+[-_])?(?:nav|navbar|navigation|menu|mainmenu|megamenu|submenu|menubar)"
                       r"(?:[-_](?:main|primary|secondary|top|header|bar|wrapper|container|list|items?|links?|inner))?"
                       r"(?:$|\s)", re.I)
_CHROME_HINT = re.compile(r"footer|breadcrumb|cookie|consent|banner|sidebar|widget", re.I)
# Class tokens that contain a chrome word but name content: a page builder's content
# blocks (Elementor's "elementor-widget-text-editor", Divi's "et_pb_", Gutenberg's
# "wp-block-") and a layout that puts the content beside a sidebar ("sidebar-right",
# "has-sidebar" on the main wrapper).
_CONTENT_TOKEN = re.compile(r"^(?:elementor|et_pb|fl|wp-block|vc|siteorigin|so-panel)[-_]|"
                            r"^(?:has|with|no|without)[-_]sidebar|^sidebar[-_](?:left|right|none|off|on|divider)", re.I)
_PLACE_HINT = re.compile(r"address|adresse|addr|contact|kontakt|impressum|imprint|footer|location|standort", re.I)
_CARD_TAGS = ("li", "tr", "article", "section", "div", "td", "dl", "figure", "a")
_NAME_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "a", "strong", "b", "dt", "span", "p")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class Candidate(BaseModel):
    """A string that might name an offering, with where it sits."""

    text: str
    zone: str = "main"  # nav | header | footer | aside | main
    role: str = "item"  # link | item | heading | card | row
    href: str = ""
    heading: str = ""  # the section heading above it (body) or its menu label (navigation)
    price: str = ""  # a price written in the same card, row or list item
    context: str = ""  # the surrounding text, for evidence
    editorial: str = ""  # why it sits in a post, news teaser or press item (``research.editorial``), or ""


def clean(s: str | None, limit: int = 160) -> str:
    return _WS.sub(" ", s or "").strip()[:limit]


def _ident(tag: Tag) -> str:
    return " ".join([str(tag.get("id") or ""), " ".join(tag.get("class") or []), str(tag.get("role") or "")])


def zone_of(tag: Tag) -> str:
    """The page zone a tag sits in: nav, header, footer, aside, or main."""
    for parent in [tag, *tag.parents]:
        if not isinstance(parent, Tag):
            continue
        name = parent.name
        if name in ("nav", "header", "footer", "aside"):
            return name
        role = str(parent.get("role") or "")
        if role in ("navigation", "menubar", "menu"):
            return "nav"
        if role == "banner":
            return "header"
        if role == "contentinfo":
            return "footer"
        ident = _ident(parent)
        if ident.strip():
            if _NAV_HINT.search(ident):
                return "nav"
            if re.search(r"footer", ident, re.I):
                return "footer"
            if re.search(r"(^|[-_ ])header($|[-_ ])", ident, re.I):
                return "header"
            if _CHROME_HINT.search(" ".join(t for t in ident.split() if not _CONTENT_TOKEN.search(t))):
                return "aside"
        if name in ("main", "article"):
            return "main"
    return "main"


def _menu_label(a: Tag) -> str:
    """The label of the menu entry a navigation link hangs under ("Produkte" for a link in
    the submenu of the "Produkte" item); "" for a top-level link."""
    ul = a.find_parent(["ul", "ol"])
    li = ul.find_parent("li") if isinstance(ul, Tag) else None
    if not isinstance(li, Tag):
        return ""
    for child in li.children:
        if isinstance(child, Tag) and child.name in ("a", "span", "button", "div", "strong", "p") \
                and child.find(["ul", "ol"]) is None:
            text = clean(child.get_text(" "), 80)
            if text:
                return text
        elif isinstance(child, NavigableString) and clean(str(child)):
            return clean(str(child), 80)
    return ""


def _column_heading(a: Tag) -> str:
    """The heading of a footer or sidebar column a link sits in ("Leistungen" above a list
    of links), when that heading is inside the same zone element."""
    head = a.find_previous(list(_HEADINGS) + ["strong"])
    if not isinstance(head, Tag):
        return ""
    zone_el = next((p for p in a.parents if isinstance(p, Tag) and p.name in ("footer", "aside", "nav", "header")), None)
    if zone_el is None or zone_el not in head.parents:
        return ""
    return clean(head.get_text(" "), 80)


def _heading_above(tag: Tag) -> str:
    head = tag.find_previous(_HEADINGS)
    return clean(head.get_text(" "), 120) if isinstance(head, Tag) else ""


def _chrome(soup: BeautifulSoup, base: str, editorial: Editorial) -> list[Candidate]:
    out: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for a in soup.find_all("a", limit=3000):
        if not isinstance(a, Tag):
            continue
        zone = zone_of(a)
        if zone == "main":
            continue
        text = clean(a.get_text(" ") or str(a.get("title") or a.get("aria-label") or ""), 100)
        if not text:
            continue
        label = _menu_label(a) or _column_heading(a)
        key = (text.casefold(), label.casefold())
        if key in seen:
            continue
        seen.add(key)
        href = str(a.get("href") or "")
        out.append(Candidate(text=text, zone=zone, role="link", href=_absolute(base, href), heading=label,
                             editorial=editorial.reason(a)))
        if len(out) >= MAX_CHROME:
            break
    return out


def _absolute(base: str, href: str) -> str:
    href = href.strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return href[:200]
    return urllib.parse.urljoin(base, href)[:160]


def _body_lists(soup: BeautifulSoup, base: str, editorial: Editorial) -> list[Candidate]:
    out: list[Candidate] = []
    for ul in soup.find_all(["ul", "ol"], limit=400):
        if not isinstance(ul, Tag) or zone_of(ul) != "main":
            continue
        items = [li for li in ul.find_all("li", recursive=False) if isinstance(li, Tag)][:30]
        if len(items) < 2:
            continue
        heading = _heading_above(ul)
        for li in items:
            full = clean(li.get_text(" "), 300)
            if not full:
                continue
            # An item with a title and a description ("IDENTjet D4-Serie" + a sentence) is
            # named by its title element; a plain item by its text.
            named = _name_in(li) if len(full.split()) > 6 else ""
            text = named if named and len(named) < len(full) else full[:160]
            a = li.find("a")
            href = _absolute(base, str(a.get("href") or "")) if isinstance(a, Tag) else ""
            prices = find_prices(full, limit=1)
            out.append(Candidate(text=text, zone="main", role="item", href=href, heading=heading,
                                 price=prices[0].text if prices else "", context=full[:CONTEXT_CHARS],
                                 editorial=editorial.reason(li)))
    return out


_LEVEL = {f"h{i}": i for i in range(1, 7)}


def _group_label(a: Tag, container: Tag) -> str:
    """The label of a group of body links: a heading or bold text before the first link
    in the same container (table-layout shops write "Printer Supplies" in bold above)."""
    for prev in a.find_all_previous(["h1", "h2", "h3", "h4", "h5", "h6", "strong", "b"], limit=3):
        if isinstance(prev, Tag) and container in prev.parents:
            text = clean(prev.get_text(" "), 80)
            if text:
                return text
    head = _heading_above(container)
    return head


def _body_links(soup: BeautifulSoup, base: str, editorial: Editorial) -> list[Candidate]:
    """Groups of three or more links in the body outside lists and headings (link boxes,
    "top sellers", category tables), with their label."""
    groups: dict[int, tuple[Tag, list[Tag]]] = {}
    for a in soup.find_all("a", limit=3000):
        if not isinstance(a, Tag) or a.find_parent(["li", *_HEADINGS]) is not None or zone_of(a) != "main":
            continue
        text = clean(a.get_text(" "), 100)
        if not text or len(text) > 80:
            continue
        container = a.find_parent(["td", "div", "section", "p", "table"])
        if not isinstance(container, Tag):
            continue
        # A link inside running text is part of a sentence, not of a list of links.
        if container.name == "p" and len(clean(container.get_text(" "), 2000)) > len(text) * 3 + 40:
            continue
        groups.setdefault(id(container), (container, []))[1].append(a)
    out: list[Candidate] = []
    for container, links in groups.values():
        if len(links) < 3:
            continue
        label = _group_label(links[0], container)
        for a in links[:40]:
            out.append(Candidate(text=clean(a.get_text(" "), 100), zone="main", role="link",
                                 href=_absolute(base, str(a.get("href") or "")), heading=label,
                                 editorial=editorial.reason(a)))
    return out


def _body_headings(soup: BeautifulSoup, base: str, editorial: Editorial) -> list[Candidate]:
    out: list[Candidate] = []
    parents: dict[int, str] = {}
    for h in soup.find_all(list(_LEVEL), limit=300):
        if not isinstance(h, Tag) or zone_of(h) != "main":
            continue
        level = _LEVEL[h.name]
        text = clean(h.get_text(" "), 160)
        if not text:
            continue
        parent = next((parents[lv] for lv in range(level - 1, 0, -1) if lv in parents), "")
        parents[level] = text
        for deeper in [lv for lv in parents if lv > level]:
            del parents[deeper]
        a = h.find("a") or h.find_parent("a")
        href = _absolute(base, str(a.get("href") or "")) if isinstance(a, Tag) else ""
        out.append(Candidate(text=text, zone="main", role="heading", href=href, heading=parent,
                             editorial=editorial.reason(h)))
    return out


_TITLE_HINT = re.compile(r"title|name|heading|headline|product--title|item-name", re.I)


def _good_name(text: str) -> bool:
    letters = sum(c.isalpha() for c in text)
    return letters >= 4 and not find_prices(text, limit=1) and not text.endswith(":") and len(text) <= 140


def _name_in(card: Tag) -> str:
    """The card's name: a heading, else an element named like a title, else a link's text
    (or title attribute), else bold text."""
    finders = (
        lambda: card.find_all(_HEADINGS, limit=5),
        lambda: [t for t in card.find_all(True, limit=60) if isinstance(t, Tag) and
                 (_TITLE_HINT.search(" ".join(t.get("class") or [])) or t.get("itemprop") == "name")],
        lambda: card.find_all("a", limit=10),
        lambda: card.find_all(["strong", "b", "dt"], limit=5),
    )
    for find in finders:
        for tag in find():
            if not isinstance(tag, Tag):
                continue
            text = clean(tag.get_text(" "), 140) or clean(str(tag.get("title") or ""), 140)
            if _good_name(text):
                return text
    return ""


def _card_for(node: Tag) -> tuple[Tag, str] | None:
    """The smallest enclosing card (list item, row, article, box) that names something
    beside the price: (card, name)."""
    for parent in [node, *node.parents][:10]:
        if not isinstance(parent, Tag) or parent.name not in _CARD_TAGS:
            continue
        if len(clean(parent.get_text(" "), 900)) > 800:
            return None  # a whole section, not a card
        name = _name_in(parent)
        if name:
            return parent, name
    return None


def _priced_cards(soup: BeautifulSoup, base: str) -> list[Candidate]:
    out: list[Candidate] = []
    seen_cards: set[int] = set()
    body = soup.find("body") or soup
    for string in body.find_all(string=True, limit=20_000) if isinstance(body, Tag) else []:
        if not isinstance(string, NavigableString) or string.parent is None:
            continue
        if string.parent.name in ("script", "style", "noscript", "template", "option", "title"):
            continue
        text = str(string)
        if not any(ch.isdigit() for ch in text):
            continue
        prices = find_prices(clean(text, 200), limit=1)
        if not prices:
            continue
        parent = string.parent
        zone = zone_of(parent)
        if zone not in ("main", "aside"):
            continue  # a priced box in a sidebar still sells something; one in the menu or footer is chrome
        found = _card_for(parent)
        if found is None or id(found[0]) in seen_cards:
            continue
        card, name = found
        seen_cards.add(id(card))
        a = card if card.name == "a" else card.find("a")
        href = _absolute(base, str(a.get("href") or "")) if isinstance(a, Tag) else ""
        out.append(Candidate(text=name, zone=zone, role="row" if card.name in ("tr", "td") else "card", href=href,
                             heading=_heading_above(card), price=prices[0].text,
                             context=clean(card.get_text(" "), CONTEXT_CHARS)))
        if len(out) >= MAX_CARDS:
            break
    return out


def _options(soup: BeautifulSoup) -> list[Candidate]:
    """Entries of a choice list (``<select>``) with the list's name as their label: a
    search form's "villaid" or "property_type" list names what the business offers;
    whether a list does is decided from that label by the offering filter."""
    out: list[Candidate] = []
    for select in soup.find_all("select", limit=30):
        if not isinstance(select, Tag):
            continue
        options = [clean(o.get_text(" "), 100) for o in select.find_all("option", limit=120) if isinstance(o, Tag)]
        options = [o for o in options if o]
        if not 3 <= len(options) <= 120:
            continue
        label = " ".join(x for x in (str(select.get("name") or ""), str(select.get("id") or ""),
                                     str(select.get("aria-label") or ""), options[0]) if x)
        zone = zone_of(select)
        out += [Candidate(text=o, zone=zone, role="option", heading=clean(label, 120)) for o in options[1:80]]
    return out


def candidates(soup: BeautifulSoup, base: str, language: str = "") -> list[Candidate]:
    """Priced items first (strongest layout cue), then body lists and headings, then the
    navigation/header/footer links; bounded. Candidates inside a post, news teaser or press
    item say so (``Candidate.editorial``, dates read in ``language``); priced items never do."""
    ed = Editorial(soup, language)
    merged: list[Candidate] = []
    for group in (_priced_cards(soup, base), _body_lists(soup, base, ed), _body_headings(soup, base, ed),
                  _chrome(soup, base, ed), _body_links(soup, base, ed), _options(soup)):
        merged.extend(group)
    return merged[:MAX_CANDIDATES]


def place_lines(soup: BeautifulSoup, limit: int = 3000) -> str:
    """Address, contact and imprint text of the page (``<address>``, footer, elements named
    like addresses or contact blocks), for the country and location inference."""
    parts: list[str] = []
    size = 0
    tags: Iterable[Tag] = [t for t in soup.find_all("address") if isinstance(t, Tag)]
    tags = [*tags, *[t for t in soup.find_all(["footer", "div", "section", "p", "ul"], limit=4000)
                     if isinstance(t, Tag) and (t.name == "footer" or _PLACE_HINT.search(_ident(t)))]]
    seen: set[str] = set()
    for t in tags:
        text = clean(t.get_text(" "), 600)
        if text and text not in seen and not any(text in s for s in seen):
            seen.add(text)
            parts.append(text)
            size += len(text)
            if size >= limit:
                break
    return " | ".join(parts)[:limit]


_COPYRIGHT = re.compile(r"(?:(?:©|\(c\)|copyright|&copy;)\s*)+(?:\d{4}\s*[-–]?\s*)?(?:\d{4})?\s*(?:by\s+)?([^|•·\n]{2,120})", re.I)
_HOLDER_END = re.compile(r"\s[-–|]\s|\.\s|,\s(?:all|alle|tous)|\s(?:all rights|alle rechte|tous droits|todos los derechos)|"
                         r"\s(?:is|ist|est|es|è|was|wurde|are|sind)\s", re.I)


def copyright_holder(soup: BeautifulSoup) -> str:
    """The name in the footer's copyright line ("© 2024 Bächli Bergsport AG" ->
    "Bächli Bergsport AG"), without years, link words or the sentence after it; ""."""
    for zone in [*soup.find_all("footer"), soup]:
        if not isinstance(zone, Tag | BeautifulSoup):
            continue
        text = clean(zone.get_text(" "), 20_000).replace("\u00ad", "")
        m = _COPYRIGHT.search(text)
        if not m:
            continue
        words = _HOLDER_END.split(m.group(1), maxsplit=1)[0].split()
        # Link words around the holder ("Privacy Policy", "Impressum") are not its name.
        while words and furniture_reason(words[0]) is not None:
            words = words[1:]
        for i in range(1, len(words)):
            if furniture_reason(words[i]) is not None or furniture_reason(" ".join(words[i:i + 2])) is not None:
                words = words[:i]
                break
        holder = " ".join(words).strip(" .,;:-–")
        holder = re.sub(r"(?:\s*[-–,]?\s*\d{4})+$", "", holder).strip(" .,;:-–")
        if holder and any(c.isalpha() for c in holder):
            return holder[:80]
    return ""


def logo_alt(soup: BeautifulSoup) -> str:
    """Alt text of the site's logo image (in the header or linked to the home page)."""
    for img in soup.find_all("img", limit=200):
        if not isinstance(img, Tag):
            continue
        alt = clean(str(img.get("alt") or ""), 80)
        if not alt:
            continue
        ident = " ".join([_ident(img), str(img.get("src") or "")]).lower()
        parent_a = img.find_parent("a")
        home_link = isinstance(parent_a, Tag) and urllib.parse.urlsplit(str(parent_a.get("href") or "")).path in ("", "/")
        if "logo" in ident or "logo" in alt.lower() or (home_link and zone_of(img) in ("header", "nav")):
            # "Acme Logo", "Acme (Link zur Startseite)", "Acme - zur Startseite wechseln" -> "Acme".
            alt = re.sub(r"\([^)]*\)", " ", alt)
            alt = re.split(r"\s[-–|]\s", alt, maxsplit=1)[0]
            alt = re.sub(r"(?i)\b(?:logo|zur startseite(?: wechseln)?|startseite|homepage|home page|to home|go to home)\b", " ", alt)
            return clean(alt, 80).strip(" -–|:")
    return ""
