"""The elements an HTML document holds, counted per tag, for the checks that reports are parsed
as written and that markup from the files they show stays text (scripts/render-html.sh,
scripts/check-markdown.sh)."""

import collections
import html
import re


def elements(markup):
    """How many of each element the markup opens, leaving out comments and what styles and
    scripts hold (their elements still count)."""
    markup = re.sub(r"<!--.*?-->", "", markup, flags=re.S)
    markup = re.sub(r"<(style|script)\b([^>]*)>.*?</\1>", r"<\1\2></\1>", markup, flags=re.S | re.I)
    return collections.Counter(tag.lower() for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)\b", markup))


def differences(expected, got, expected_as, got_as):
    """The tags counted differently, in words ("<a> 0 written, 1 parsed"); empty when none is."""
    tags = sorted(set(expected) | set(got))
    return ", ".join(
        f"<{tag}> {expected[tag]} {expected_as}, {got[tag]} {got_as}" for tag in tags if expected[tag] != got[tag])


def reads(markup, text):
    """Whether the document's text, tags taken out and entities read, holds `text` as written."""
    return text in html.unescape(re.sub(r"<[^>]*>", "", markup))
