"""Structured data on a page, read into one shape whatever the syntax: JSON-LD (parsed
here, depth-checked first), microdata and RDFa (``extruct``), OpenGraph product tags.

Every typed schema.org node becomes a ``Node`` with the fields research uses: its types,
name, price and currency (from the node or its ``offers``), category, a postal address,
a telephone number, whether it sits in a list, and which syntax it came from. Hostile
documents are bounded: JSON deeper than ``bounds.MAX_JSON_DEPTH`` is skipped, the walk
stops after ``MAX_NODES`` nodes, strings are cut.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field

from demoforge.research.bounds import json_depth_ok
from demoforge.research.editorial import ARTICLE_TYPES

MAX_NODES = 600
MAX_OUT = 80
_WS = re.compile(r"\s+")
log = logging.getLogger(__name__)


class Address(BaseModel):
    street: str = ""
    postal_code: str = ""
    locality: str = ""
    region: str = ""
    country: str = ""  # as written: "DE", "Deutschland", "Germany"


class Node(BaseModel):
    """One typed schema.org node."""

    types: list[str] = Field(default_factory=list)
    name: str = ""
    source: str = "json-ld"  # json-ld | microdata | rdfa | opengraph
    price: str = ""  # as written ("27.90", "27,90")
    currency: str = ""
    category: str = ""
    description: str = ""
    address: Address | None = None
    telephone: str = ""
    in_list: bool = False  # an ItemList / OfferCatalog entry
    parent_types: list[str] = Field(default_factory=list)


def clean(value: Any, limit: int = 160) -> str:
    # CMS plugins often write HTML entities into JSON-LD strings ("Info&#039;Com"), which
    # JSON does not decode: unescape them so names read as on the page.
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | int | float)), "")
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name") or ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    return _WS.sub(" ", html.unescape(str(value))).strip()[:limit]


def short_type(t: str) -> str:
    return t.rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1]


def types_of(node: dict[str, Any]) -> list[str]:
    t = node.get("@type", node.get("type"))
    raw = t if isinstance(t, list) else [t]
    return [short_type(x) for x in raw if isinstance(x, str) and x]


def _first(node: dict[str, Any], *keys: str) -> Any:
    for k in keys:
        if k in node and node[k] not in (None, "", []):
            return node[k]
    return None


def _address(value: Any) -> Address | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict | str)), None)
    if isinstance(value, str):
        return Address(street=clean(value, 200)) if value.strip() else None
    if not isinstance(value, dict):
        return None
    country = value.get("addressCountry")
    addr = Address(
        street=clean(value.get("streetAddress"), 200), postal_code=clean(value.get("postalCode"), 20),
        locality=clean(value.get("addressLocality"), 80), region=clean(value.get("addressRegion"), 80),
        country=clean(country, 60),
    )
    return addr if any(addr.model_dump().values()) else None


def _price(node: dict[str, Any]) -> tuple[str, str]:
    """(price, currency) of a node: its own, else its first offer's (AggregateOffer: low)."""
    price = clean(_first(node, "price", "lowPrice", "highPrice"), 30)
    currency = clean(node.get("priceCurrency"), 10)
    spec = node.get("priceSpecification")
    if not price and isinstance(spec, dict | list):
        spec = spec[0] if isinstance(spec, list) and spec else spec
        if isinstance(spec, dict):
            price, currency = clean(spec.get("price"), 30), currency or clean(spec.get("priceCurrency"), 10)
    offers = node.get("offers")
    if not price and offers is not None:
        first = offers[0] if isinstance(offers, list) and offers else offers
        if isinstance(first, dict):
            return _price(first)
    return price, currency


def nodes_from(data: Any, source: str) -> list[Node]:
    """Typed nodes of a JSON-LD-shaped document (objects, lists, ``@graph``), document
    order (the first organisation named is the site's), breadth-first and bounded."""
    out: list[Node] = []
    queue: list[tuple[Any, bool, list[str]]] = [(data, False, [])]
    seen = 0
    while queue and seen < MAX_NODES and len(out) < MAX_OUT:
        item, in_list, parents = queue.pop(0)
        seen += 1
        if isinstance(item, list):
            queue.extend((x, in_list, parents) for x in item)
            continue
        if not isinstance(item, dict):
            continue
        types = types_of(item)
        if "BreadcrumbList" in types or "SiteNavigationElement" in types:
            continue  # their items are the site's navigation, not its range
        entry = item.get("item")
        if "ListItem" in types and isinstance(entry, dict) and ARTICLE_TYPES.intersection(types_of(entry)):
            types = []  # an entry of a list of posts (a blog's or news archive): not its range
        if types:
            price, currency = _price(item)
            category = item.get("category")
            out.append(Node(
                types=types[:5], name=clean(item.get("name") or item.get("headline"), 160), source=source,
                price=price, currency=currency, category=clean(category, 120),
                description=clean(item.get("description"), 300), address=_address(item.get("address")),
                telephone=clean(item.get("telephone"), 40), in_list=in_list, parent_types=parents[:5],
            ))
        listing = bool({"ItemList", "OfferCatalog"} & set(types)) or "itemListElement" in item
        for key, v in item.items():
            if isinstance(v, dict | list) and key not in ("@context", "breadcrumb", "potentialAction"):
                queue.append((v, listing or (in_list and "ListItem" in types), types or parents))
    return out


_LD_TYPE = re.compile(r"ld\+json", re.I)


def jsonld(scripts: Iterator[str]) -> tuple[list[Node], list[str]]:
    """Nodes of every JSON-LD script; (nodes, notes about skipped scripts)."""
    nodes: list[Node] = []
    notes: list[str] = []
    for raw in scripts:
        if not json_depth_ok(raw):
            notes.append("JSON-LD nested too deeply: skipped")
            continue
        try:
            data = json.loads(raw or "null")
        except ValueError:
            continue  # broken JSON-LD is common; other signals remain
        nodes += nodes_from(data, "json-ld")
    return nodes, notes


# -------------------------------------------------------------- microdata and RDFa
def _rdfa_to_jsonld(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pyRdfa's expanded JSON-LD (full IRIs, ``[{"@value": ...}]``) as compact schema.org
    objects, with ``@id`` references resolved one level (offers, address)."""
    by_id = {i.get("@id"): i for i in items if isinstance(i, dict)}

    def compact(node: dict[str, Any], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {"@type": [short_type(t) for t in node.get("@type", []) if isinstance(t, str)]}
        for key, values in node.items():
            if key.startswith("@") or "schema.org" not in key:
                continue
            vals = values if isinstance(values, list) else [values]
            converted: list[Any] = []
            for v in vals:
                if isinstance(v, dict) and "@value" in v:
                    converted.append(v["@value"])
                elif isinstance(v, dict) and "@id" in v and depth < 2 and v["@id"] in by_id:
                    converted.append(compact(by_id[v["@id"]], depth + 1))
            if converted:
                out[short_type(key)] = converted[0] if len(converted) == 1 else converted
        return out

    typed = [i for i in items if isinstance(i, dict) and any("schema.org" in str(t) for t in i.get("@type", []))]
    return [compact(i, 0) for i in typed[:MAX_NODES]]


def embedded(document: str, url: str) -> list[Node]:
    """Microdata and RDFa nodes via ``extruct``, run only when the page has the markup
    (``itemscope``, ``typeof``): most pages have neither and pay nothing."""
    syntaxes = [s for s, marker in (("microdata", "itemscope"), ("rdfa", "typeof=")) if marker in document]
    if not syntaxes:
        return []
    import extruct  # imported lazily: it pulls in rdflib, which costs start-up time

    try:
        data = extruct.extract(document, base_url=url, syntaxes=syntaxes, uniform=True, errors="strict")
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as e:
        # extruct is strict about odd markup; the page's other signals remain.
        log.info("structured data of %s unreadable: %s: %s", url, type(e).__name__, e)
        return []
    nodes = nodes_from(data.get("microdata") or [], "microdata")
    nodes += nodes_from(_rdfa_to_jsonld(data.get("rdfa") or []), "rdfa")
    return nodes


# OpenGraph product tags (``og:type`` product, ``product:price:amount`` ...).
OG_KEYS = ("og:title", "og:site_name", "og:description", "og:type", "og:url", "og:locale",
           "og:price:amount", "og:price:currency", "product:price:amount", "product:price:currency",
           "product:brand", "product:category")


def opengraph_product(og: dict[str, str]) -> Node | None:
    price = og.get("product:price:amount") or og.get("price:amount") or ""
    if og.get("type", "").lower() not in ("product", "og:product", "product.item") and not price:
        return None
    name = og.get("title", "")
    if not name:
        return None
    return Node(types=["Product"], name=clean(name), source="opengraph", price=clean(price, 30),
                currency=clean(og.get("product:price:currency") or og.get("price:currency"), 10),
                category=clean(og.get("product:category"), 120))
