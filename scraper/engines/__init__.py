"""Engines that run the per-page function (``scraper.pipeline.process``) somewhere else than this process.

``inputs`` holds the plain, engine-free pieces any engine can call (Ray,
Spark ``mapPartitions``, Dask, a job queue): list input files, clean one file.
``ray_engine`` is the Ray Data driver (``pip install scraper[ray]``), imported lazily.
"""
