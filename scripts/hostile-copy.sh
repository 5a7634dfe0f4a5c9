#!/bin/sh
# Writes a copy of frameworks/examples/common-mistakes.yaml whose name and summary hold markup
# for HTML (tags that close the table a name sits in, a script, crossed tags, an open comment, a
# style) and for Markdown (a link, an image, inline HTML, emphasis, a code span, a table cell
# boundary, autolinks, a mention, math, entities). The reports must show it as text:
# scripts/render-html.sh --hostile and scripts/check-markdown.sh compare its reports with those of
# the file as shipped. With --status, a copy of reviews/prerequisites.yaml instead, whose last
# record of gLExec deployment begins its coverage with the same markup (for mupj status).
#
# Prints the markup it wrote, as a reader should see it, for the checks to look for.
#
# Usage: scripts/hostile-copy.sh [--status] OUT.yaml
set -eu
status=false
if [ "${1:-}" = --status ]; then status=true; shift; fi
[ $# -eq 1 ] || { echo "usage: scripts/hostile-copy.sh [--status] OUT.yaml" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
NAME='Short</td></tr></table><script>alert(1)</script><b><i>cut</b></i> & <!-- x'
NAME="$NAME [link](https://evil.example/) ![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)>"
NAME="$NAME *em* __strong__ ~~gone~~ \`code\` www.evil.example https://evil.example/a user@evil.example @someone"
NAME="$NAME \$x^2\$ | cell | &amp; &#x3C;"
export NAME
if $status; then
    awk '
        /^    coverage: "The WLCG Technical Forum working group reported/ {
            sub(/coverage: "/, ""); print "    coverage: \"" ENVIRON["NAME"] " " $0; marked = 1; next
        }
        { print }
        END { if (!marked) exit 1 }
    ' "$root/reviews/prerequisites.yaml" >"$1" || {
        echo "hostile-copy.sh: error: reviews/prerequisites.yaml changed; the copy did not take its markup" >&2
        exit 2
    }
    printf '%s\n' "$NAME"
    exit 0
fi
SUMMARY='</p><ul><li>Like Beacon</ul>]]> <style>body{display:none}</style> [more](https://evil.example/)'
export SUMMARY
awk '
    $0 == "  name: Shortcut" { print "  name: \"" ENVIRON["NAME"] "\""; named = 1; next }
    /^    Like Beacon, but/ { sub(/^    Like Beacon/, ""); print "    " ENVIRON["SUMMARY"] $0; summed = 1; next }
    { print }
    END { if (!named || !summed) exit 1 }
' "$root/frameworks/examples/common-mistakes.yaml" >"$1" || {
    echo "hostile-copy.sh: error: common-mistakes.yaml changed; the copy did not take its markup" >&2
    exit 2
}
printf '%s\n' "$NAME"
