"""``demoforge research URL --explain``: the profile as a person checks it, every inferred
value with its confidence and signals (``facts``), every accepted offering with where it
came from, every rejected candidate with why, and the profile's warnings."""

from __future__ import annotations

from demoforge.domain.profile import ProspectProfile


def _price(o_price: float | None, currency: str | None) -> str:
    if o_price is None:
        return ""
    return f" {o_price:,.2f} {currency or ''}".rstrip()


# Facts printed beside their value above; any other fact gets a line of its own.
_SHOWN = ("company_name", "industry", "country", "currency", "language", "shape")


def explain_lines(p: ProspectProfile, *, rejected_limit: int = 80) -> list[str]:
    lines = [f"company:   {p.company_name}" + _fact(p, "company_name")]
    lines.append(f"industry:  {p.industry}" + (f" / {p.sub_industry}" if p.sub_industry else "") + _fact(p, "industry"))
    lines.append(f"country:   {p.country or '-'}" + _fact(p, "country"))
    lines.append(f"currency:  {p.currency or '-'}" + _fact(p, "currency"))
    lines.append(f"languages: {', '.join(p.languages) or p.language}" + _fact(p, "language"))
    lines.append(f"shape:     {p.shape} ({p.customer_type}; channels: {', '.join(p.channels) or '-'})" + _fact(p, "shape"))
    if p.locations:
        lines.append("locations: " + "; ".join(
            f"{loc.city}{', ' + loc.region if loc.region else ''}{' (' + loc.country + ')' if loc.country else ''}"
            for loc in p.locations))
    for key in sorted(set(p.facts) - set(_SHOWN)):
        lines.append(f"{key}: {p.facts[key].value}" + _fact(p, key))
    lines.append(f"accepted offerings ({len(p.offerings)}):")
    for o in p.offerings:
        where = f"{o.source}, {o.confidence:.0%}" + (f", in {o.category!r}" if o.category else "")
        lines.append(f"  + {o.name} [{o.kind}]{_price(o.price, o.currency)}  ({where})")
        if o.evidence and o.evidence != o.name:
            lines.append(f"      \"{o.evidence[:140]}\"")
    lines.append(f"rejected candidates ({len(p.rejected)}):")
    for r in p.rejected[:rejected_limit]:
        lines.append(f"  - {r.name}: {r.reason}" + (f" [{r.source}]" if r.source else ""))
    for w in p.warnings:
        lines.append(f"warning: {w}")
    return lines


def _fact(p: ProspectProfile, key: str) -> str:
    fact = p.facts.get(key)
    if fact is None:
        return ""
    signals = "; ".join(fact.signals[:4])
    return f"  (confidence {fact.confidence:.0%}{': ' + signals if signals else ''})"
