"""Story clustering: which records are the same story (exact copy, near-duplicate, rewrite), and which
copy is the original.

    from scraper.cluster import cluster
    for record in cluster(records):          # dicts as written by `scraper clean`
        record["story"]   # {"id", "match": "exact"|"near"|"rewrite"|None, "original", "attributed_to"}
"""

from __future__ import annotations

from .api import cluster, cluster_files
from .settings import ClusterSettings, load_cluster_settings

__all__ = ["ClusterSettings", "cluster", "cluster_files", "load_cluster_settings"]
