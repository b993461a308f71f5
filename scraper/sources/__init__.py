"""Where pages come from: local files and directories, stdin, gzip, WARC, JSON Lines, HTTP."""

from .files import iter_paths

__all__ = ["iter_paths"]
