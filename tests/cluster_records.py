"""Made-up records for the cluster tests: one story in several copies, and unrelated stories."""

from __future__ import annotations

STORY = [
    "The harbour authority of Port Calloway approved a plan on Tuesday to dredge the northern channel, "
    "clearing the way for container ships that now wait offshore for high tide.",
    "Board chair Imelda Ferreira said the work would start in March and cost about 41 million dollars, "
    "paid from port fees rather than the town budget.",
    "Fishermen who moor along the northern quay asked for a second meeting, saying the dredging season "
    "overlaps with the spring herring run and could cloud the water for weeks.",
    "The authority promised to publish a sediment study before the first barge arrives and to keep one "
    "berth open for the fishing fleet during the work.",
    "Shipping agents welcomed the vote. Ships now lose up to nine hours waiting for the tide, one agent "
    "said, and two lines have threatened to skip the port altogether next year.",
]

OTHER = [
    "A late frost damaged apple blossoms across the Velden valley this week, and growers expect a smaller "
    "harvest than last year after temperatures fell to minus four degrees on Sunday night.",
    "Orchard owner Tomasz Reyes said the damage was worst on the lower slopes, where cold air settles, "
    "and that wind machines had saved only the rows nearest the farmhouse.",
    "The regional growers' cooperative will count the surviving buds next month before it sets prices "
    "for the autumn, its secretary said on Wednesday.",
]

THIRD = [
    "The city library in Almsbury will open on Sundays from next month after the council found money "
    "for two more librarians in its spring budget review.",
    "Readers had collected more than three thousand signatures for longer opening hours, and the "
    "council's culture committee approved the change without a vote against it.",
    "The library will also lend tools and sewing machines from a new room on its ground floor.",
]


def record(source: str, paragraphs: list[str], **fields) -> dict:
    base = {"source": source, "url": None, "canonical_url": None, "title": fields.pop("title", None),
            "text": "\n\n".join(paragraphs), "outlet": None, "syndication": None, "published": None,
            "language": "en", "error": None}
    base.update(fields)
    return base


def batch() -> list[dict]:
    """0 original, 1 exact copy, 2 chrome variant naming 0's outlet as its source, 3 an excerpt,
    4 and 5 unrelated, 6 a failed record."""
    chrome = ["Subscribe to our newsletter for the latest from the coast.", *STORY,
              "Share this story on social media.", "Related: Port fees rise again"]
    return [
        record("harbour-ledger/dredging.html", STORY, title="Port approves northern channel dredging",
               outlet="The Harbour Ledger", url="https://harbourledger.example/news/dredging-plan",
               published="2024-03-05"),
        record("mirror/dredging.html", STORY, title="Port approves northern channel dredging",
               outlet="Coastal Mirror", published="2024-03-05"),
        record("gazette/dredging.txt", chrome, title="Channel dredging approved", outlet="Calloway Gazette",
               syndication="The Harbour Ledger", published="2024-03-06"),
        record("digest/dredging.txt", STORY[:3], title="Dredging plan", outlet="Morning Digest"),
        record("valley/frost.html", OTHER, title="Frost hits apple blossoms", outlet="Valley Post"),
        record("almsbury/library.html", THIRD, title="Library opens on Sundays", outlet="Almsbury Times"),
        {"source": "broken/page.html", "text": "", "error": {"type": "DecodeError", "message": "bad bytes"}},
    ]
