"""The explain report: records of ``--explain`` runs shown as one self-contained HTML file.

``ReportSink`` takes records like any sink and writes the report on ``close``;
``view`` turns a record into what the templates show (reading order, metadata,
words per rule) and ``render`` holds the Jinja2 environment and the CSP.
"""

from .sink import ReportSink

__all__ = ["ReportSink"]
