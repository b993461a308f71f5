"""``scraper serve``: the cleaner as an HTTP service (FastAPI on uvicorn).

``app`` builds the routes, ``workers`` feeds the page pool from requests,
``body`` reads request bodies under a cap, ``addresses`` keeps ``/fetch`` to
public addresses, ``errors`` shapes every error as JSON.
"""

from .app import create_app

__all__ = ["create_app"]
