"""The metadata readers, in their one order. Readers only return Evidence; resolve.py decides.

Two moments in a page's path read metadata:

1. ``read_html`` on the parsed page as it came, **before** block extraction:
   extraction prunes nodes out of the same tree in place, so a reader run
   after it would miss the headline, byline and date elements it removed.
2. ``read_after_rules`` once the rules have judged the blocks: what follows
   from the judged text (a wire dateline, a closing agency tag or source line,
   a provider credit: syndication.py), the URL, the configuration and the
   evidence gathered so far (a title's site suffix, an agency as author, a
   caption's credit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from selectolax.lexbor import LexborHTMLParser

from ..model import Block, Evidence
from .address import host_of
from .dates import url_date
from .html_bylines import LINE_ORIGINS, last_resort_evidence, profile_name_evidence
from .html_meta import PageElements, html_evidence, site_name_evidence
from .resolve import names_someone, title_suffix
from .site_name import link_host, logo_evidence, HOST_SHAPED, title_site_segment, weak_site_name, domain_shaped
from .syndication import (agency_evidence, byline_provider_evidence, closing_evidence, date_source_evidence,
                          dateline_evidence, declared_source_evidence, headline_slot_evidence,
                          markup_syndication_evidence, note_keys_text, page_provider_evidence, provider_evidence,
                          site_keys, slot_evidence, title_tail)
from .text import canonical


def read_html(tree: LexborHTMLParser, url: str | None, markup: str | None = None,
              elements: PageElements | None = None) -> list[Evidence]:
    """Every metadata candidate of an unpruned HTML page (``markup``: the text ``tree`` was parsed from;
    ``elements``: its elements, when the caller found them already: html_meta.page_elements).

    The last-resort reader (a copyright holder, a press contact: one walk over
    every text node) runs only when no byline line was found and resolution
    says that nothing found so far names a writer: otherwise it cannot change
    the record.
    """
    evidence = html_evidence(tree, url, markup, elements)
    site = site_keys(host_of(url), evidence)
    declared = [e.value for e in evidence if e.field == "outlet"]
    host = host_of(url) or next((host_of(e.value) for e in evidence if e.field == "canonical_url"), None)
    if not declared or any(weak_site_name(name, host) for name in declared):
        # no name, or one that may stand for a fuller one ("Example.de", "Example Magazine", "laexample"):
        # the logo, and for a bare host label the copyright line, say how the site names itself
        if not declared or any(domain_shaped(name, host) and not HOST_SHAPED.match(name) for name in declared):
            evidence.extend(site_name_evidence(markup, host))
        title = next((e.value for e in evidence if e.field == "title" and e.origin == "html:title"), None)
        evidence.extend(logo_evidence(tree, host, title, elements.logos if elements is not None else None))
    if not url and not any(e.field == "canonical_url" for e in evidence):
        linked = link_host(tree)  # a saved page without its address: the site its own links point to
        if linked:
            evidence.append(Evidence("outlet", linked, "page:link-domain"))
    evidence.extend(markup_syndication_evidence(markup, site, note_keys_text(tree) if markup else None))
    evidence.extend(declared_source_evidence(tree, site, elements.declared_sources if elements is not None else None))
    headings = elements.headings if elements is not None else tree.css("h1")
    found = headline_slot_evidence(headings, site, markup, title_tail(tree))
    if not found and _copy_of_another_site(url, evidence):
        found = page_provider_evidence(tree, site)  # an aggregator's copy: its provider credit may stand anywhere
    evidence.extend(found)
    if elements is not None:
        evidence.extend(date_source_evidence(elements.times, site))
    if not names_someone(evidence):
        evidence.extend(slot_evidence(tree))  # an agency alone where a writer's byline would stand
        if not any(e.origin in LINE_ORIGINS for e in evidence):
            evidence.extend(profile_name_evidence(evidence, markup))
            evidence.extend(last_resort_evidence(tree))
    return evidence


CreditReader = Callable[[str], str | None]
"""Reads an image credit out of a caption's text ("... (Photo by Jane Doe / Getty Images)")."""


def read_after_rules(url: str | None, blocks: Sequence[Block], evidence: Sequence[Evidence],
                     outlets: dict[str, str], credit: CreditReader | None = None) -> list[Evidence]:
    """Evidence that follows from the judged blocks, the URL, the configured outlets and other evidence."""
    out: list[Evidence] = []
    host = host_of(url)
    configured = outlet_for_host(host, outlets)
    if configured:
        out.append(Evidence("outlet", configured, "config:domain"))
    for ev in evidence:
        if ev.field == "title" and ev.origin == "html:title":
            title = canonical(ev.value)
            suffix = title_site_segment(title, host or _canonical_host(evidence)) or title_suffix(title)
            if suffix:
                out.append(Evidence("outlet", suffix, "title:suffix"))
    out.extend(dateline_evidence(blocks))
    out.extend(agency_evidence(evidence))
    keys = site_keys(host, [*evidence, *out])
    out.extend(closing_evidence(blocks, keys))
    out.extend(provider_evidence(blocks, evidence, keys))
    out.extend(byline_provider_evidence(evidence, keys))
    if credit is not None:
        out.extend(caption_credits(evidence, credit))
    day = url_date(url)
    if day:
        out.append(Evidence("published", day, "url:date"))
    for ev in evidence:
        if ev.field == "canonical_url":
            canon_host = host_of(ev.value)
            if host and canon_host and _site(canon_host) != _site(host):
                name = outlet_for_host(canon_host, outlets) or canon_host.removeprefix("www.")
                out.append(Evidence("syndication", name, "canonical:other-domain"))
            break
    site_host = host or next((host_of(e.value) for e in evidence if e.field == "canonical_url"), None)
    if site_host:  # the last resort for the outlet: the domain as it is, never a name guessed from it
        out.append(Evidence("outlet", site_host.removeprefix("www."), "url:domain"))
    return out


def _canonical_host(evidence: Sequence[Evidence]) -> str | None:
    return next((host_of(e.value) for e in evidence if e.field == "canonical_url"), None)


def caption_credits(evidence: Sequence[Evidence], credit: CreditReader) -> list[Evidence]:
    """Image credits inside captions (a caption a rule read gives its credit again: records keep each credit once)."""
    out = []
    for ev in evidence:
        if ev.field == "caption":
            found = credit(" ".join(ev.value.split()))
            if found:
                out.append(Evidence("credit", found, "caption:credit"))
    return out


def outlet_for_host(host: str | None, outlets: dict[str, str]) -> str | None:
    """Outlet name from the config table; a subdomain matches its parent entry."""
    while host:
        if host in outlets:
            return outlets[host]
        if "." not in host:
            return None
        host = host.split(".", 1)[1]
    return None


def _copy_of_another_site(url: str | None, evidence: Sequence[Evidence]) -> bool:
    """The page's canonical link is on another site than its address: a copy that names its original."""
    host = host_of(url)
    canon = _canonical_host(evidence)
    return bool(host and canon) and _site(canon) != _site(host)


def _site(host: str) -> str:
    parts = host.split(".")
    return ".".join(parts[-2:]) if len(parts) >= 2 else host
