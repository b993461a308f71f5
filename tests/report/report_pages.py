"""Pages and helpers shared by the report tests."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"

HOSTILE = b"""<!doctype html><html><head>
<title>Hostile &lt;/template&gt;&lt;script&gt;alert(1)&lt;/script&gt; headline</title>
<script>alert(1)</script>
<meta property="og:site_name" content="&lt;img src=x onerror=alert(2)&gt;">
</head><body onload="alert(3)">
<article>
<h1>Hostile &lt;/template&gt;&lt;script&gt;alert(1)&lt;/script&gt; headline</h1>
<p>Share this:</p>
<p>The council met on Tuesday and wrote &lt;script&gt;alert(1)&lt;/script&gt; into the minutes of its long
meeting, where members argued over the budget for the harbour, the schools and the roads for hours.</p>
<p>A resident then pasted &lt;img src=x onerror=alert(4)&gt; into the public comment form, which the clerk
read aloud to the room before the vote on the new ferry timetable was finally taken late at night.</p>
<img src="x" onerror="alert(5)">
<p>Members said the vote would be repeated next month if the ferry operator did not answer their letter
about the winter timetable and the cost of the new landing stage by the end of the year.</p>
<p>Subscribe to our newsletter &lt;script&gt;alert(6)&lt;/script&gt;</p>
</article></body></html>"""
"""A page whose text, title, outlet and a removed block carry markup and event handlers."""
