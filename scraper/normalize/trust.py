"""The trust orders and vote weights of trust.toml, loaded once per process.

Data, not code: resolution (resolve.py) ranks evidence by ``ORDER`` and the
publication-day vote (dates.py) weighs statements by ``DATE_VOTE``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

with open(Path(__file__).with_name("trust.toml"), "rb") as _fh:
    _DATA = tomllib.load(_fh)

ORDER: dict[str, tuple[str, ...]] = {field: tuple(origins) for field, origins in _DATA["order"].items()}
"""Record field -> origins, most trusted first."""
DATE_VOTE: dict[str, float] = {kind: float(weight) for kind, weight in _DATA["date_vote"].items()}
"""Kind of date statement -> its weight in the publication-day vote."""
