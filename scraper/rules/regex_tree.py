"""A small parser for the regular-expression syntax the rules' data files use.

``literals.py`` reads which plain strings a pattern cannot match without; for
that it needs the pattern's structure, not a matcher. The regex engine's own
parser is private to CPython and changes between versions, so this module
reads the subset we write: literals and escapes, classes, ``.``, groups
(capturing, named, non-capturing, with scoped flags, atomic), lookarounds,
alternation, greedy, lazy and possessive quantifiers, anchors and
backreferences. Anything else raises ``RegexSyntaxError``, and the caller then
does without the precheck. Case is left as written (``literals.fold`` folds).

The tree is nested tuples:

- ``(LIT, ch)``: one character
- ``(IN, chars, negated)``: a class; ``chars`` is the tuple of its characters when it
  lists only single characters, else None (ranges, ``\\d``, ``\\w`` ...)
- ``(ANY,)``: ``.``; ``(CAT,)``: ``\\d``, ``\\w``, ``\\s`` and their negations
- ``(SUB, alternatives)``: a group or the whole pattern; each alternative is a list of nodes
- ``(REPEAT, lo, hi, items)``: ``hi`` None for no upper bound
- ``(ASSERT, items)``: a positive lookahead or lookbehind; ``(ASSERT_NOT, items)`` a negative one
- ``(AT,)``: a zero-width anchor (``^ $ \\b \\B \\A \\Z``); ``(BACKREF,)``: a backreference
"""

from __future__ import annotations

from typing import Any

LIT, IN, ANY, CAT, SUB, REPEAT, ASSERT, ASSERT_NOT, AT, BACKREF = (
    "lit", "in", "any", "cat", "sub", "repeat", "assert", "assert_not", "at", "backref")

Node = tuple[Any, ...]

_CATEGORIES = frozenset("dDsSwW")
_ANCHORS = frozenset("bBAZ")
_CONTROL = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_FLAGS = frozenset("aiLmsux")


class RegexSyntaxError(ValueError):
    """The pattern uses syntax this parser does not read (or is not a valid pattern)."""


def parse(pattern: str) -> list[Node]:
    """The pattern as a list of nodes (its top-level sequence)."""
    parser = _Parser(pattern)
    alts = parser.alternatives()
    if parser.pos != len(pattern):
        raise RegexSyntaxError(f"unbalanced ')' at {parser.pos}")
    return alts[0] if len(alts) == 1 else [(SUB, alts)]


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def take(self, n: int = 1) -> str:
        s = self.text[self.pos : self.pos + n]
        if len(s) < n:
            raise RegexSyntaxError("unexpected end of pattern")
        self.pos += n
        return s

    def alternatives(self) -> list[list[Node]]:
        alts = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            alts.append(self.sequence())
        return alts

    def sequence(self) -> list[Node]:
        items: list[Node] = []
        while self.pos < len(self.text) and self.peek() not in "|)":
            atom = self.atom()
            if atom is None:
                continue
            items.append(self.quantified(atom))
        return items

    def quantified(self, atom: Node) -> Node:
        ch = self.peek()
        if ch == "*":
            lo, hi = 0, None
            self.pos += 1
        elif ch == "+":
            lo, hi = 1, None
            self.pos += 1
        elif ch == "?":
            lo, hi = 0, 1
            self.pos += 1
        elif ch == "{" and (bounds := self.braces()) is not None:
            lo, hi = bounds
        else:
            return atom
        if atom[0] in (AT, ASSERT, ASSERT_NOT):
            raise RegexSyntaxError("nothing to repeat")
        if self.peek() in ("?", "+"):
            self.pos += 1  # lazy or possessive: the same strings either way
        if self.peek() in ("*", "+", "?") or (self.peek() == "{" and self._is_braces()):
            raise RegexSyntaxError("multiple repeat")
        return (REPEAT, lo, hi, [atom])

    def _is_braces(self) -> bool:
        start = self.pos
        try:
            return self.braces() is not None
        finally:
            self.pos = start

    def braces(self) -> tuple[int, int | None] | None:
        """``{m}``, ``{m,}``, ``{,n}``, ``{m,n}`` at the position, consumed; None (nothing
        consumed) when the brace is a literal, as the regex engine reads it."""
        end = self.text.find("}", self.pos)
        if end < 0:
            return None
        body = self.text[self.pos + 1 : end]
        lo_s, comma, hi_s = body.partition(",")
        if not (lo_s.isdigit() or (comma and lo_s == "")) or not (hi_s.isdigit() or hi_s == ""):
            return None
        if not comma and not lo_s.isascii():
            return None
        if not (lo_s.isascii() and hi_s.isascii()):
            return None
        lo = int(lo_s) if lo_s else 0
        hi = (int(hi_s) if hi_s else None) if comma else lo
        if hi is not None and hi < lo:
            raise RegexSyntaxError("min repeat greater than max repeat")
        self.pos = end + 1
        return lo, hi

    def atom(self) -> Node | None:
        ch = self.take()
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == ".":
            return (ANY,)
        if ch in "^$":
            return (AT,)
        if ch == "\\":
            return self.escape()
        if ch in "*+?":
            raise RegexSyntaxError("nothing to repeat")
        return (LIT, ch)

    def group(self) -> Node | None:
        if self.peek() != "?":
            return self.close((SUB, self.alternatives()))
        self.pos += 1
        ch = self.take()
        if ch == ":":
            return self.close((SUB, self.alternatives()))
        if ch == ">":
            return self.close((SUB, self.alternatives()))
        if ch == "=" or ch == "!":
            return self.close((ASSERT if ch == "=" else ASSERT_NOT, self.as_sequence()))
        if ch == "<" and self.peek() in ("=", "!"):
            kind = ASSERT if self.take() == "=" else ASSERT_NOT
            return self.close((kind, self.as_sequence()))
        if ch == "P":
            nxt = self.take()
            if nxt == "<":
                end = self.text.find(">", self.pos)
                if end < 0 or not self.text[self.pos : end].isidentifier():
                    raise RegexSyntaxError("bad group name")
                self.pos = end + 1
                return self.close((SUB, self.alternatives()))
            if nxt == "=":
                end = self.text.find(")", self.pos)
                if end < 0:
                    raise RegexSyntaxError("bad backreference")
                self.pos = end + 1
                return (BACKREF,)
            raise RegexSyntaxError("unknown extension ?P" + nxt)
        if ch == "#":
            end = self.text.find(")", self.pos)
            if end < 0:
                raise RegexSyntaxError("missing ), unterminated comment")
            self.pos = end + 1
            return None
        if ch in _FLAGS or ch == "-":
            return self.flags(ch)
        raise RegexSyntaxError("unknown extension ?" + ch)

    def flags(self, first: str) -> Node | None:
        """``(?i)`` (the whole pattern; no node) or ``(?-i:...)``, ``(?i:...)`` (a group)."""
        seen = first
        while self.peek() and self.peek() in _FLAGS | {"-"}:
            seen += self.take()
        if "x" in seen:
            raise RegexSyntaxError("verbose patterns are not read")
        end = self.take()
        if end == ")":
            return None
        if end == ":":
            return self.close((SUB, self.alternatives()))
        raise RegexSyntaxError("bad inline flags")

    def as_sequence(self) -> list[Node]:
        alts = self.alternatives()
        return alts[0] if len(alts) == 1 else [(SUB, alts)]

    def close(self, node: Node) -> Node:
        if self.take() != ")":
            raise RegexSyntaxError("missing )")
        return node

    def escape(self) -> Node:
        ch = self.take()
        if ch in _CATEGORIES:
            return (CAT,)
        if ch in _ANCHORS:
            return (AT,)
        if ch.isdigit():
            if ch == "0":
                return (LIT, self.octal(ch))
            if self.peek().isdigit() and ch + self.peek() in _OCTAL3 and self.peek(2)[1:].isdigit():
                return (LIT, self.octal(ch))
            while self.peek().isdigit():
                self.pos += 1
            return (BACKREF,)
        return (LIT, self.char_escape(ch))

    def octal(self, first: str) -> str:
        digits = first
        while len(digits) < 3 and self.peek() in "01234567" and self.peek():
            digits += self.take()
        return chr(int(digits, 8))

    def char_escape(self, ch: str) -> str:
        """The character an escape stands for (outside or inside a class)."""
        if ch in _CONTROL:
            return _CONTROL[ch]
        if ch == "x":
            return chr(int(self.hex_digits(2), 16))
        if ch == "u":
            return chr(int(self.hex_digits(4), 16))
        if ch == "U":
            return chr(int(self.hex_digits(8), 16))
        if ch == "N":
            raise RegexSyntaxError("named characters are not read")
        if ch.isascii() and ch.isalnum():
            raise RegexSyntaxError("bad escape \\" + ch)
        return ch

    def hex_digits(self, n: int) -> str:
        digits = self.take(n)
        if not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise RegexSyntaxError("bad hex escape")
        return digits

    def char_class(self) -> Node:
        negated = self.peek() == "^"
        if negated:
            self.pos += 1
        chars: list[str] | None = []
        first = True
        while True:
            if self.pos >= len(self.text):
                raise RegexSyntaxError("unterminated character set")
            ch = self.take()
            if ch == "]" and not first:
                break
            first = False
            if ch == "\\":
                esc = self.take()
                if esc in _CATEGORIES:
                    chars = None
                    continue
                if esc == "b":
                    ch = "\b"
                elif esc.isdigit():
                    ch = self.octal(esc) if esc in "01234567" else ""
                    if not ch:
                        raise RegexSyntaxError("bad escape in class")
                else:
                    ch = self.char_escape(esc)
            elif ch == "[" and self.peek() in (":", "=", "."):
                raise RegexSyntaxError("POSIX classes are not read")
            if self.peek() == "-" and len(self.peek(2)) == 2 and self.peek(2)[1] != "]":
                self.pos += 1  # a range a-z: more than a few fixed characters
                end = self.take()
                if end == "\\":
                    self.char_escape(self.take())
                chars = None
                continue
            if chars is not None:
                chars.append(ch)
        if chars is not None:
            chars = list(dict.fromkeys(chars))
        return (IN, tuple(chars) if chars is not None else None, negated)


_OCTAL3 = {a + b for a in "0123" for b in "01234567"}
"""Two digits that, with a third octal digit, make an octal escape rather than a backreference."""
