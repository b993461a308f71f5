"""Config tables: the main sections and the cluster tiers are read and checked by one reader."""

from __future__ import annotations

import pytest

from scraper.cluster import load_cluster_settings
from scraper.config import parse_config


def test_unknown_keys_are_named_with_the_known_ones_in_every_table(tmp_path):
    with pytest.raises(ValueError, match=r"unknown key\(s\) in \[run\]: workrs \(known: workers, "):
        parse_config({"run": {"workrs": 4}})
    cfg = tmp_path / "config.toml"
    cfg.write_text("[cluster.near]\njacard = 0.9\n")
    with pytest.raises(ValueError, match=r"unknown key\(s\) in \[cluster\.near\]: jacard \(known: enabled, "):
        load_cluster_settings(cfg)
    with pytest.raises(ValueError, match=r"\[cluster\] has no tier 'nearby'"):
        load_cluster_settings().replace(nearby={"enabled": False})


@pytest.mark.parametrize(("table", "message"), [
    ({"run": {"workers": "4"}}, r"\[run\] workers must be an integer, not '4'"),
    ({"run": {"page_timeout": True}}, r"\[run\] page_timeout must be a number, not True"),
    ({"fetch": {"respect_robots": "no"}}, r"\[fetch\] respect_robots must be true or false"),
    ({"serve": {"fetch_allow": "intranet.example"}}, r"\[serve\] fetch_allow must be an array"),
    ({"serve": {"token": 123}}, r"\[serve\] token must be a string"),
    ({"rules": {"disabled": [1]}}, r"\[rules\] disabled items must be a string"),
    ({"run": []}, r"\[run\] must be a table"),
])
def test_wrong_types_stop_loading_with_the_key_named(table, message):
    with pytest.raises(ValueError, match=message):
        parse_config(table)


def test_cluster_tiers_are_type_checked_too(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("[cluster.rewrite]\nenabled = \"yes\"\n")
    with pytest.raises(ValueError, match=r"\[cluster\.rewrite\] enabled must be true or false"):
        load_cluster_settings(cfg)


def test_arrays_become_the_fields_collections_and_integers_serve_as_numbers():
    config = parse_config({"serve": {"fetch_allow": ["intranet.example"]}, "rules": {"disabled": []},
                           "run": {"page_timeout": 5}})
    assert config.serve.fetch_allow == ("intranet.example",)
    assert config.rules.disabled == frozenset()
    assert config.run.page_timeout == 5
    hash(config.serve)  # frozen settings stay hashable
    assert load_cluster_settings().replace(near={"jaccard": 1}).near.jaccard == 1
