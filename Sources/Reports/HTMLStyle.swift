/// The one stylesheet of the HTML reports, inlined into every file: nothing is fetched.
enum HTMLStyle {
    /// Forbids scripts, frames and every fetch; only the inline stylesheet applies. A second line
    /// of defence behind the escaping.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    static let css = """
        :root {
          --ink: #1b1b1b; --muted: #5c5c5c; --rule: #d0d0d0; --paper: #ffffff; --tint: #f6f6f4;
          --violated: #a4231b; --violated-bg: #fbe7e5;
          --needs: #7a4b00; --needs-bg: #fff1cf;
          --satisfied: #1d6433; --satisfied-bg: #e2f3e7;
          --na: #555555; --na-bg: #ececec;
        }
        * { box-sizing: border-box; }
        body {
          margin: 0 auto; padding: 24px 32px 48px; max-width: 1180px; color: var(--ink); background: var(--paper);
          font: 15px/1.5 "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif;
        }
        h1 { font-size: 1.7em; margin: 0 0 4px; }
        h2 { font-size: 1.35em; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        h3 { font-size: 1.1em; margin: 26px 0 6px; }
        h4 { font-size: 1em; margin: 0 0 6px; }
        p { margin: 6px 0; }
        a { color: #1a4f8a; }
        code, pre, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
        code { overflow-wrap: anywhere; }
        .meta { color: var(--muted); }
        blockquote { margin: 8px 0; padding: 4px 12px; border-left: 3px solid var(--rule); background: var(--tint); }
        nav.toc { margin: 14px 0; padding: 8px 12px; background: var(--tint); border: 1px solid var(--rule); }
        nav.toc a { margin-right: 14px; white-space: nowrap; }
        table { border-collapse: collapse; margin: 8px 0 14px; }
        th, td { border: 1px solid var(--rule); padding: 4px 9px; text-align: left; vertical-align: top; }
        th { background: var(--tint); font-weight: 600; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        td.zero { color: #9a9a9a; }
        table.matrix td.status-cell { text-align: center; white-space: nowrap; }
        table.index caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
        .status {
          display: inline-block; padding: 0 7px; border-radius: 3px; font-size: 0.85em; font-weight: 600;
          white-space: nowrap; border: 1px solid transparent;
        }
        .st-violated .status, .status.st-violated { color: var(--violated); background: var(--violated-bg);
          border-color: #e9aaa4; }
        .st-needs-information .status, .status.st-needs-information { color: var(--needs);
          background: var(--needs-bg); border-color: #e8c77a; }
        .st-satisfied .status, .status.st-satisfied { color: var(--satisfied); background: var(--satisfied-bg);
          border-color: #9fd1ad; }
        .st-not-applicable .status, .status.st-not-applicable { color: var(--na); background: var(--na-bg);
          border-color: #cfcfcf; }
        .verdict { font-weight: 700; }
        td.verdict-cell { white-space: nowrap; }
        .pending { color: var(--muted); font-style: italic; }
        section.framework { margin-top: 30px; }
        section.clause { margin: 18px 0 0; padding-top: 2px; border-top: 1px solid var(--rule); }
        .policy { color: #333; }
        .recommendation { background: #eef4fb; border-left: 3px solid #1a4f8a; padding: 4px 10px; }
        article.finding {
          margin: 10px 0; padding: 8px 12px; background: var(--tint); border-left: 4px solid var(--na);
        }
        article.finding.st-violated { border-left-color: var(--violated); }
        article.finding.st-needs-information { border-left-color: #c98a00; }
        article.finding.st-satisfied { border-left-color: var(--satisfied); }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; }
        ul.evidence { margin: 4px 0; padding-left: 18px; }
        ul.evidence li { margin: 6px 0; }
        pre.quote {
          margin: 4px 0; padding: 5px 8px; background: var(--paper); border: 1px solid var(--rule);
          white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.4;
        }
        pre.quote .ln { display: inline-block; min-width: 3.5em; color: #8a8a8a; user-select: none; }
        pre.quote mark { background: #fff0a0; color: inherit; }
        .omitted { color: var(--muted); font-style: italic; }
        dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; }
        dl.legend dt { font-weight: 600; }
        dl.legend dd { margin: 0; }
        footer { margin-top: 40px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--muted);
          font-size: 0.9em; }
        @media print {
          @page { margin: 16mm 14mm; }
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav.toc { display: none; }
          a { color: inherit; text-decoration: none; }
          h2, h3, h4 { break-after: avoid; }
          section.framework { break-before: page; }
          article.finding, table.summary, pre.quote, tr { break-inside: avoid; }
          article.finding { background: none; border: 1px solid var(--rule); border-left-width: 4px; }
          .status, mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          /* The MB summary prints on one sheet: the decision (verdicts, reasons, prerequisites) on
             the front; the next steps, the words used and the files on the back
             (scripts/render-html.sh --one-sheet checks it on A4 and Letter). */
          @page summary { margin: 9mm 10mm; }
          body.summary { page: summary; font-size: 7.3pt; line-height: 1.18; }
          body.summary h1 { font-size: 11pt; }
          body.summary h2 { font-size: 9pt; margin: 5px 0 2px; padding-bottom: 1px; }
          body.summary h3 { font-size: 8pt; margin: 0 0 1px; }
          body.summary p { margin: 1px 0; }
          body.summary ol, body.summary ul { margin: 1px 0; padding-left: 14px; }
          body.summary th, body.summary td { padding: 1px 5px; }
          body.summary div.frameworks { columns: 2; column-gap: 14px; margin-top: 4px; }
          body.summary section.reasons { break-inside: avoid; margin-bottom: 3px; }
          body.summary #prerequisites table { width: 100%; }
          body.summary #prerequisites th:first-child { width: 27%; }
          body.summary #prerequisites td:last-child { width: 11%; }
          /* On paper the items under a reason run on in one paragraph, separated by semicolons. */
          body.summary #prerequisites ul ul { display: inline; padding-left: 0; }
          body.summary #prerequisites ul ul li { display: inline; }
          body.summary #prerequisites ul ul li:not(:last-child)::after { content: ";"; }
          body.summary #next-steps { break-before: page; }
          body.summary dl.legend { grid-template-columns: max-content 1fr max-content 1fr; gap: 1px 8px; }
          body.summary footer { margin-top: 8px; padding-top: 3px; font-size: 6.5pt; }
        }
        """
}
