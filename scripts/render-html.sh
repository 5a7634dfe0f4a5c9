#!/bin/sh
# Renders HTML reports with headless Chromium to PNG and checks that they rendered: the PNG
# exists, is a real PNG of the requested width, and is not blank (it has many distinct colours
# and a reasonable share of non-white pixels). It also checks that the browser's parser built
# exactly the elements the file writes: a tag misplaced (a list inside a paragraph, a row
# without its table body, tags crossed) makes the parser add or split elements, so the counts
# of each element in the file and in the parsed document differ.
#
# With --one-sheet, an MB summary (a page whose body is of class summary) must also print on one
# sheet, on A4 and on Letter paper: two pages, and one without the next steps, the words used and the
# files, so that the decision (verdicts, reasons, prerequisites) is on the front and the rest on the
# back.
#
# Usage: scripts/render-html.sh [--out DIR] [--height PX] [--one-sheet] REPORT.html...
#        scripts/render-html.sh            (renders review.html and summary.html of frameworks/)
#        scripts/render-html.sh --hostile  (the same of a copy of frameworks/examples/common-mistakes.yaml
#                                           whose name and summary hold markup: scripts/hostile-copy.sh)
# MUPJ names the mupj binary to use; by default a debug build is made.
#
# Needs chromium (apt-get install -y chromium) and python3. Exit 0 all rendered; 1 a render
# looks wrong; 2 a tool is missing or a file cannot be read.
set -eu

out=""
height=2400
hostile=false
sheet=false
while [ $# -gt 0 ]; do
    case "$1" in
    --out) out=$2; shift 2 ;;
    --height) height=$2; shift 2 ;;
    --hostile) hostile=true; shift ;;
    --one-sheet) sheet=true; shift ;;
    -h | --help) sed -n '2,21p' "$0"; exit 0 ;;
    --) shift; break ;;
    -*) echo "render-html.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
    echo "render-html.sh: error: no chromium found; install it with: apt-get install -y chromium" >&2
    exit 2
fi
command -v python3 >/dev/null 2>&1 || { echo "render-html.sh: error: python3 is needed" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
reference=""
name=""
trap 'rm -rf "$work"' EXIT

# Runs a command, passing on its standard error but for the lines saying what it wrote, and ends
# as it ended.
quietly() {
    status=0
    "$@" >/dev/null 2>"$work/stderr" || status=$?
    grep -v '^wrote ' "$work/stderr" >&2 || true
    return "$status"
}

# review.html and summary.html of the descriptions $1, written into the folder $2.
reports() {
    (cd "$root" && quietly "$mupj" review "$1" --format html --output-dir "$2" --fail-on never)
    (cd "$root" && quietly "$mupj" summary "$1" --format html --output-dir "$2")
}

if [ $# -eq 0 ]; then
    # No files named: build the reports, of the shipped descriptions or of the hostile copy.
    mupj=${MUPJ:-}
    if [ -z "$mupj" ]; then
        (cd "$root" && swift build --scratch-path .build-render -q) >&2
        mupj="$root/.build-render/debug/mupj"
    fi
    inputs=frameworks/
    if $hostile; then
        # Markup in a name and a summary: every place the reports show them must escape it.
        mkdir -p "$work/hostile"
        inputs=$work/hostile/hostile.yaml
        name=$("$root/scripts/hostile-copy.sh" "$inputs")
        # The same reports of the file as shipped: the markup must add no element to them.
        reference=$work/reference
        reports frameworks/examples/common-mistakes.yaml "$reference"
    fi
    reports "$inputs" "$work/reports"
    set -- "$work/reports/review.html" "$work/reports/summary.html"
elif $hostile; then
    echo "render-html.sh: error: --hostile makes its own reports; name no file with it" >&2
    exit 2
fi
[ -n "$out" ] || out="$work/png"
mkdir -p "$out"

# How many pages the file $1 prints on, on paper of size $2 (A4 or letter), with the CSS $3 added
# for print.
pages() {
    python3 - "$1" "$2" "${3:-}" "$work/print.html" <<'PY'
import sys
source, size, extra, copy = sys.argv[1:]
text = open(source, encoding="utf-8").read()
style = f"<style>@media print {{ @page {{ size: {size}; }} @page summary {{ size: {size}; }} {extra} }}</style>\n</head>"
open(copy, "w", encoding="utf-8").write(text.replace("</head>", style, 1))
PY
    rm -f "$work/print.pdf"
    "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" --no-pdf-header-footer \
        --print-to-pdf="$work/print.pdf" "file://$work/print.html" >"$work/chromium.log" 2>&1 || true
    python3 -c '
import re, sys
try:
    data = open(sys.argv[1], "rb").read()
except OSError:
    sys.exit("no PDF was written")
print(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data)))
' "$work/print.pdf"
}

# The document the browser parsed from a file, serialized.
dom() {
    "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$work/profile" \
        --dump-dom "file://$1" >"$2" 2>"$work/chromium.log" || true
}

status=0
for html in "$@"; do
    if [ ! -r "$html" ]; then echo "$html: error: cannot read the file" >&2; exit 2; fi
    absolute=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
    png="$out/$(basename "$html" .html).png"
    rm -f "$png"
    # A browser profile of this run's own, so that nothing configured elsewhere changes the rendering.
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
        --screenshot="$png" --window-size=1280,"$height" "file://$absolute" >"$work/chromium.log" 2>&1 || true
    dom "$absolute" "$work/dom.html"
    expected=""
    if [ -n "$reference" ]; then
        expected=$work/expected.html
        dom "$reference/$(basename "$html")" "$expected"
    fi
    if ! PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$root/scripts" python3 - "$html" "$work/dom.html" ${expected:+"$expected" "$name"} <<'PY'
import sys

from elements import differences, elements, reads

path = sys.argv[1]
parsed_markup = open(sys.argv[2], encoding="utf-8").read()
written, parsed = elements(open(path, encoding="utf-8").read()), elements(parsed_markup)
if not parsed:
    sys.exit(f"{path}: error: the browser returned no document")
if differ := differences(written, parsed, "written", "parsed"):
    sys.exit(f"{path}: error: the browser parsed other elements than the file writes: {differ}")
if len(sys.argv) > 3:
    # The hostile copy: its text must add nothing to the report of the file as shipped.
    shipped = elements(open(sys.argv[3], encoding="utf-8").read())
    if differ := differences(shipped, parsed, "in the shipped file's report", "here"):
        sys.exit(f"{path}: error: the markup in the description became elements: {differ}")
    if not reads(parsed_markup, sys.argv[4]):
        sys.exit(f"{path}: error: the name in the description does not read as written")
    print(f"{path}: {sum(written.values())} elements, parsed as written, the markup in the description shown as text")
else:
    print(f"{path}: {sum(written.values())} elements, parsed as written")
PY
    then
        status=1
    fi
    if $sheet && grep -q '<body class="summary">' "$html"; then
        for size in A4 letter; do
            whole=$(pages "$absolute" $size) || whole="none: $whole"
            front=$(pages "$absolute" $size "#next-steps, #legend, footer { display: none; }") || front="none: $front"
            if [ "$whole" = 2 ] && [ "$front" = 1 ]; then
                echo "$html: prints on one sheet of $size: the decision on the front, next steps, words and files on the back"
            else
                echo "$html: error: on $size it prints on $whole pages, and on $front without the next steps, words and files;" \
                    "expected 2 and 1" >&2
                status=1
            fi
        done
    fi
    if python3 - "$png" <<'PY'
import struct, sys, zlib

path = sys.argv[1]
try:
    data = open(path, "rb").read()
except OSError:
    sys.exit(f"{path}: no PNG was written")
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit(f"{path}: not a PNG")
pos, chunks, idat = 8, {}, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        chunks["IHDR"] = body
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
width, height, depth, colour = struct.unpack(">IIBB", chunks["IHDR"][:10])
if depth != 8 or colour not in (2, 6):
    sys.exit(f"{path}: unexpected PNG type (depth {depth}, colour type {colour})")
channels = 3 if colour == 2 else 4
raw = zlib.decompress(idat)
stride = width * channels
rows, prev = [], bytearray(stride)
i = 0
for _ in range(height):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - channels] if x >= channels else 0
        b = prev[x]; c = prev[x - channels] if x >= channels else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
colours, ink, total = set(), 0, 0
for row in rows[::4]:
    for x in range(0, stride, channels * 4):
        px = row[x:x + 3]; colours.add(px); total += 1
        if sum(px) < 600: ink += 1
share = ink / total
print(f"{path}: {width}x{height}, {len(colours)} colours sampled, {share:.1%} ink")
if width != 1280:
    sys.exit(f"{path}: width {width}, expected 1280")
if len(colours) < 20 or share < 0.01:
    sys.exit(f"{path}: looks blank or nearly blank")
PY
    then :; else
        echo "$html: error: did not render (chromium said:)" >&2
        grep -v -e 'dbus' -e 'D-Bus' "$work/chromium.log" | tail -n 5 | sed 's/^/  /' >&2
        status=1
    fi
done
exit $status
