"""Where a page becomes blocks: ``html`` for markup, ``text`` for plain-text dumps."""
