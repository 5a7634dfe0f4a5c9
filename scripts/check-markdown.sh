#!/bin/sh
# Checks that markup written in a description or a status file stays text in the Markdown reports.
# It renders the review and the MB summary, in Markdown, of frameworks/examples/common-mistakes.yaml
# and of a copy whose name and summary hold links, images, inline HTML, emphasis, autolinks and
# table cell boundaries (scripts/hostile-copy.sh), and `mupj status` of reviews/prerequisites.yaml
# and of a copy with the same markup in a record's coverage, with a CommonMark parser and GitHub's
# extensions (markdown-it-py, preset gfm-like: tables, strikethrough, autolinks). It fails when a
# copy's report has other elements than the shipped file's (a link, an image or a cell more), or
# when the markup does not read, as text, exactly as written.
#
# Usage: scripts/check-markdown.sh
# MUPJ names the mupj binary to use; by default a debug build is made. Needs python3 with
# markdown-it-py and linkify-it-py (pip install markdown-it-py linkify-it-py). Exit 0 all text;
# 1 markup became elements; 2 a tool is missing or a command failed.
set -eu
case "${1:-}" in
-h | --help) sed -n '2,14p' "$0"; exit 0 ;;
"") ;;
*) echo "check-markdown.sh: error: no arguments are taken" >&2; exit 2 ;;
esac
if ! python3 -c 'import markdown_it, linkify_it' 2>/dev/null; then
    echo "check-markdown.sh: error: python3 with markdown-it-py and linkify-it-py is needed" \
        "(pip install markdown-it-py linkify-it-py)" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mupj=${MUPJ:-}
if [ -z "$mupj" ]; then
    (cd "$root" && swift build --scratch-path .build-render -q) >&2
    mupj="$root/.build-render/debug/mupj"
fi
name=$("$root/scripts/hostile-copy.sh" "$work/hostile.yaml")
"$root/scripts/hostile-copy.sh" --status "$work/hostile-status.yaml" >/dev/null
for pair in "shipped:frameworks/examples/common-mistakes.yaml" "hostile:$work/hostile.yaml"; do
    (cd "$root" && "$mupj" review "${pair#*:}" --format markdown --fail-on never >"$work/${pair%%:*}-review.md")
    (cd "$root" && "$mupj" summary "${pair#*:}" --format markdown >"$work/${pair%%:*}-summary.md")
done
(cd "$root" && "$mupj" status --format markdown >"$work/shipped-status.md")
(cd "$root" && "$mupj" status --status-file "$work/hostile-status.yaml" --format markdown >"$work/hostile-status.md")
PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$root/scripts" python3 - "$work" "$name" <<'PY'
import sys

from elements import differences, elements, reads
from markdown_it import MarkdownIt

work, name = sys.argv[1], sys.argv[2]
parser = MarkdownIt("gfm-like")


def rendered(path):
    return parser.render(open(path, encoding="utf-8").read())


failed = False
for report in ("review", "summary", "status"):
    hostile = rendered(f"{work}/hostile-{report}.md")
    expected, got = elements(rendered(f"{work}/shipped-{report}.md")), elements(hostile)
    if differ := differences(expected, got, "in the shipped file's report", "here"):
        print(f"{report}.md: error: the markup in the file became elements: {differ}", file=sys.stderr)
        failed = True
    elif not reads(hostile, name):
        print(f"{report}.md: error: the markup does not read as written", file=sys.stderr)
        failed = True
    else:
        print(f"{report}.md: {sum(got.values())} elements, as for the shipped file; the markup reads as written")
sys.exit(1 if failed else 0)
PY
