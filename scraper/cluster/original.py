"""Which copy of a story is the original, and whom a story credits when its original is not in the batch.

Evidence, strongest first: a copy names its source (syndication metadata, "first appeared on X",
"X reported", a canonical link to another outlet's page) and that source is a member of the story;
then, among copies that name no source at all, the earliest publication date; then containment
(an excerpt is not the original of the full text). Rewrites are never ordered by dates or length
alone: two outlets telling the same event are not copies of one another.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

from .canon import name_key
from .features import Meta


def _own_names(meta: Meta) -> set[str]:
    return {k for k in (name_key(meta.outlet), name_key(meta.host)) if k}


def _pointers(meta: Meta) -> list[str]:
    """Names of the source this record says it rests on: credited outlets, syndication, a foreign canonical host."""
    names = list(meta.credits)
    if meta.syndication:
        names.append(meta.syndication)
    if meta.canonical_host and meta.canonical_host != meta.host:
        names.append(meta.canonical_host)
    return names


def choose_original(members: list[int], metas: list[Meta], one_copy_group: bool,
                    overlap: Callable[[int, int], tuple[float, float]]) -> int | None:
    """The member judged the original, or None.

    ``one_copy_group``: all members are exact or near copies of each other (no rewrite link), so
    dates and containment may decide when no copy names a source.
    """
    owners: dict[str, set[int]] = {}
    for m in members:
        for key in _own_names(metas[m]):
            owners.setdefault(key, set()).add(m)
    named: Counter[int] = Counter()
    pointing: set[int] = set()
    for m in members:
        for name in _pointers(metas[m]):
            targets = owners.get(name_key(name), set()) - {m}
            if targets:
                pointing.add(m)
                named.update(targets)
    candidates = [o for o in named if o not in pointing]
    if candidates:
        return min(candidates, key=lambda o: (-named[o], metas[o].published or "9999", o))
    if not one_copy_group:
        return None
    free = [m for m in members if not _pointers(metas[m])]
    dated = sorted((metas[m].published, m) for m in free if metas[m].published)
    if len(dated) >= 2 and dated[0][0] < dated[1][0]:
        return dated[0][1]
    if len(free) >= 1 and len(members) <= 50:
        big = max(free, key=lambda m: (metas[m].n_shingles, -m))
        others = [m for m in members if m != big]
        if others and all(metas[big].n_shingles >= 1.5 * metas[o].n_shingles and overlap(big, o)[1] >= 0.9
                          for o in others):
            return big  # the others are excerpts of it
    return None


def attributed_to(members: list[int], metas: list[Meta]) -> str | None:
    """The outside source most members credit (a credited outlet before a syndication service)."""
    inside = set().union(*(_own_names(metas[m]) for m in members))
    votes: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for m in members:
        for name in _pointers(metas[m]):
            key = name_key(name)
            if key and key not in inside:
                shown.setdefault(key, name)
                votes[key] += 1
                break
    if not votes:
        return None
    best = max(votes.items(), key=lambda kv: kv[1])[0]
    return shown[best]
