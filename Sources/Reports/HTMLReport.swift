import PolicyCatalog
import ReviewEngine
import ReviewRecords

/// The reviewers' report as one self-contained HTML file: inline stylesheet (with a print
/// layout), no scripts, nothing fetched. A summary, a clause × framework status table, then every
/// finding (its `id` attribute is the finding id) with the evidence lines quoted from the
/// description. Every string from a description or a catalog is escaped.
public enum HTMLReport {
    public static func render(_ context: ReportContext) -> String {
        var whole = ""
        render(context) { whole += $0 }
        return whole
    }

    /// The same, handed to `emit` in pieces: what is written goes out between frameworks once it
    /// passes `piece` bytes, so that the report of a thousand descriptions (54 MB) is never held
    /// whole.
    public static func render(_ context: ReportContext, piece: Int = JSONReport.piece, emit: (String) -> Void) {
        let result = context.result
        var out = HTMLPage.head(title: "mupj review report", generator: result.toolVersion, page: "review")
        out += "<header>\n<h1>mupj review report</h1>\n"
        out += "<p class=\"meta\">" + HTMLPage.made(context) + "</p>\n</header>\n"
        if !result.frameworks.isEmpty {
            out += "<nav class=\"toc\">"
            out += "<a href=\"#summary\">Summary</a><a href=\"#matrix\">Clauses by framework</a>"
            for (index, review) in result.frameworks.enumerated() {
                out += "<a href=\"#\(Wording.frameworkAnchor(index))\">\(Escape.html(review.name))</a>"
            }
            out += "<a href=\"#provenance\">Files used</a></nav>\n"
        }
        let overviews = context.frameworks
        out += summary(overviews)
        out += matrix(result)
        out += legend(context.result.catalogs)
        for (index, overview) in overviews.enumerated() {
            out += framework(overview, index: index, context: context)
            if out.utf8.count >= piece {
                emit(out)
                out = ""
            }
        }
        out += HTMLPage.provenance(result, context: context)
        out += "</body>\n</html>\n"
        emit(out)
    }

    static func summary(_ overviews: [FrameworkOverview]) -> String {
        var out = "<section id=\"summary\">\n<h2>Summary</h2>\n"
        guard !overviews.isEmpty else {
            return out + "<p>\(Wording.noFramework)</p>\n</section>\n"
        }
        let statusHeads = Counts.statuses.map { "<th>\($0.phrase)</th>" }.joined()
        out += "<table class=\"summary\">\n<thead>\n<tr><th rowspan=\"2\">Framework</th><th rowspan=\"2\">Overall</th>"
        out += "<th rowspan=\"2\">Verdict</th><th colspan=\"\(Counts.statuses.count)\">Clauses by status</th></tr>\n"
        out += "<tr>" + statusHeads + "</tr>\n</thead>\n<tbody>\n"
        for (index, overview) in overviews.enumerated() {
            let (review, counts, verdict) = (overview.review, overview.counts, overview.verdict)
            out += "<tr data-framework=\"\(index + 1)\">" + frameworkCell(review, index: index)
            out += "<td class=\"st-\(counts.overall.rawValue)\">\(HTMLPage.badge(counts.overall))</td>"
            out += "<td><span class=\"verdict\">\(verdict.verdict.phrase)</span>"
            out += HTMLPage.signOffMark(verdict)
            out += "</td>"
            for status in Counts.statuses {
                out += HTMLPage.number(
                    counts.count(status, in: counts.clausesByStatus), key: "clauses-\(status.rawValue)")
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        out += "<table class=\"summary\">\n<thead>\n<tr><th rowspan=\"2\">Framework</th>"
        out += "<th colspan=\"\(Counts.statuses.count)\">Findings by status</th>"
        out += "<th colspan=\"\(Counts.severities.count)\">Open findings by severity</th></tr>\n<tr>"
        out += statusHeads + Counts.severities.map { "<th>\($0.rawValue)</th>" }.joined()
        out += "</tr>\n</thead>\n<tbody>\n"
        for (index, overview) in overviews.enumerated() {
            let (review, counts) = (overview.review, overview.counts)
            out += "<tr data-framework=\"\(index + 1)\">" + frameworkCell(review, index: index)
            for status in Counts.statuses {
                out += HTMLPage.number(
                    counts.count(status, in: counts.findingsByStatus), key: "findings-\(status.rawValue)")
            }
            for (severity, count) in counts.openBySeverity {
                out += HTMLPage.number(count, key: "open-\(severity)")
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    static func frameworkCell(_ review: FrameworkReview, index: Int) -> String {
        "<th><a href=\"#\(Wording.frameworkAnchor(index))\">\(Escape.html(review.name))</a> "
            + "<span class=\"meta\">(\(Escape.html(review.vo)))</span></th>"
    }

    /// Clauses as rows, frameworks as columns, each cell the clause's status linking to its section.
    static func matrix(_ result: ReviewResult) -> String {
        guard !result.frameworks.isEmpty else { return "" }
        var out = "<section id=\"matrix\">\n<h2>Clauses by framework</h2>\n<table class=\"matrix\">\n<thead>\n<tr>"
        out += "<th>Clause</th><th>Severity</th>"
        for review in result.frameworks { out += "<th>\(Escape.html(review.name))</th>" }
        out += "</tr>\n</thead>\n<tbody>\n"
        for catalog in result.catalogs {
            for clause in catalog.clauses {
                out += "<tr><th><span class=\"mono\">\(Escape.html(clause.id))</span> \(Escape.html(clause.title))</th>"
                out += "<td>\(clause.severity.rawValue)</td>"
                for (index, review) in result.frameworks.enumerated() {
                    guard let found = review.clauses.first(where: { $0.clause.id == clause.id }) else {
                        out += "<td class=\"status-cell\">–</td>"
                        continue
                    }
                    let anchor = Wording.clauseAnchor(framework: index, clause: clause.id)
                    out += "<td class=\"status-cell st-\(found.status.rawValue)\"><a href=\"#\(anchor)\">"
                    out += HTMLPage.badge(found.status) + "</a></td>"
                }
                out += "</tr>\n"
            }
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    static func legend(_ catalogs: [CatalogInfo]) -> String {
        var out = "<section id=\"legend\">\n<h2>Reading this report</h2>\n<dl class=\"legend\">\n"
        for (term, meaning) in Wording.legend(catalogs).prefix(7) {
            out += "<dt>\(Escape.html(term))</dt><dd>\(Escape.html(meaning))</dd>\n"
        }
        out += "<dt>Evidence</dt><dd>The lines of the description a decision used, quoted with the part "
        out += "concerned highlighted; where a fact is missing, the line of the section where it belongs.</dd>\n"
        out += "</dl>\n</section>\n"
        return out
    }

    static func framework(_ overview: FrameworkOverview, index: Int, context: ReportContext) -> String {
        let (review, counts) = (overview.review, overview.counts)
        let (tracking, verdict) = (overview.tracking, overview.verdict)
        var out = "<section class=\"framework\" id=\"\(Wording.frameworkAnchor(index))\">\n"
        out += "<h2>\(Escape.html(review.name)) <span class=\"meta\">(\(Escape.html(review.vo)))</span></h2>\n"
        out += "<p>Description \(context.htmlLink(review.file)), "
        out +=
            "version \(Escape.html(review.descriptionVersion)), described on \(Escape.html(review.describedOn)).</p>\n"
        if let summary = review.summary { out += "<blockquote>\(Escape.html(summary))</blockquote>\n" }
        out += "<p>Overall \(HTMLPage.badge(counts.overall)). Verdict: "
        out += "<span class=\"verdict\">\(verdict.verdict.phrase)</span>, "
        let signOff = Escape.html(verdict.signOff.phrase)
        out += verdict.signOffPending ? "<span class=\"pending\">\(signOff)</span>" : signOff
        out += ".</p>\n"
        out += openFindings(review, tracking: tracking)
        let sameFacts = SameFacts(review, page: true)
        for clause in review.clauses {
            out += self.clause(clause, framework: index, context: context, tracking: tracking, sameFacts: sameFacts)
        }
        out += "</section>\n"
        return out
    }

    /// The open findings, worst first (`OpenFindingsIndex`), each linking to its entry below.
    static func openFindings(_ review: FrameworkReview, tracking: FrameworkTracking) -> String {
        let index = OpenFindingsIndex(review)
        guard !index.findings.isEmpty else { return "" }
        let judged = tracking.file != nil
        var out = "<table class=\"index\">\n<caption>Open findings, worst first</caption>\n<thead><tr>"
        out += "<th>Status</th><th>Severity</th><th>Finding</th><th>Check</th><th>Subject</th>"
        out += (judged ? "<th>Judgement</th>" : "") + "</tr></thead>\n<tbody>\n"
        for finding in index.findings {
            let id = Escape.html(finding.id)
            out += "<tr><td>\(HTMLPage.badge(finding.status))</td><td>\(finding.severity.rawValue)</td>"
            out += "<td><a href=\"#\(id)\"><code>\(id)</code></a></td><td>\(Escape.html(finding.ruleID))</td>"
            out += "<td>\(finding.subject.map { "<code>\(Escape.html($0))</code>" } ?? "")</td>"
            if judged { out += "<td>\(Escape.html(Wording.judgementCell(tracking.state(of: finding))))</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if let more = index.unlistedSentence { out += "<p class=\"meta\">\(Escape.html(more))</p>\n" }
        return out
    }

    static func clause(
        _ result: ClauseResult, framework: Int, context: ReportContext, tracking: FrameworkTracking,
        sameFacts: SameFacts
    ) -> String {
        let info = result.clause
        let anchor = Wording.clauseAnchor(framework: framework, clause: info.id)
        var out = "<section class=\"clause st-\(result.status.rawValue)\" id=\"\(anchor)\">\n"
        out += "<h3>\(HTMLPage.badge(result.status)) <span class=\"mono\">\(Escape.html(info.id))</span> "
        out += "\(Escape.html(info.title))</h3>\n"
        out += "<p class=\"policy\">\(Escape.html(info.paraphrase)) <span class=\"meta\">("
        out += "\(Escape.html(info.source.description)); severity \(info.severity.rawValue))</span></p>\n"
        if result.status == .violated || result.status == .needsInformation {
            out +=
                "<p class=\"recommendation\"><strong>Recommendation:</strong> \(Escape.html(info.recommendation))</p>\n"
        }
        let shown = ShownFindings(result)
        for finding in shown.findings {
            out += self.finding(finding, clause: info, context: context, tracking: tracking, sameFacts: sameFacts)
        }
        if let omitted = shown.omittedSentence { out += "<p class=\"meta\">\(Escape.html(omitted))</p>\n" }
        out += "</section>\n"
        return out
    }

    static func finding(
        _ finding: Finding, clause: ClauseInfo, context: ReportContext, tracking: FrameworkTracking,
        sameFacts: SameFacts
    ) -> String {
        var out = "<article class=\"finding st-\(finding.status.rawValue)\" id=\"\(Escape.html(finding.id))\">\n"
        out += "<h4>\(HTMLPage.badge(finding.status)) \(Escape.html(finding.title))</h4>\n<dl class=\"facts\">"
        out += "<dt>Check</dt><dd><code>\(Escape.html(finding.ruleID))</code>, severity "
        out += "\(finding.severity.rawValue), finding <a href=\"#\(Escape.html(finding.id))\"><code>"
        out += "\(Escape.html(finding.id))</code></a></dd>"
        if let subject = finding.subject {
            out += "<dt>Subject</dt><dd><code>\(Escape.html(subject))</code></dd>"
        }
        out += "<dt>Found</dt><dd>\(Escape.htmlMessage(finding.message))</dd>"
        if finding.recommendation != clause.recommendation {
            out += "<dt>Recommendation</dt><dd>\(Escape.html(finding.recommendation))</dd>"
        }
        if let judgement = Wording.judgement(tracking.state(of: finding)) {
            out += "<dt>Judgement</dt><dd class=\"judgement\">\(Escape.html(judgement)).</dd>"
        }
        if let others = sameFacts.others(of: finding) {
            let links = Wording.sameFacts(
                others,
                id: { link in
                    let id = Escape.html(link.id)
                    return link.onPage
                        ? "<a href=\"#\(id)\"><code>\(id)</code></a>" : "<code>\(id)</code> \(Wording.onlyInJSON)"
                }, code: { "<code>\(Escape.html($0))</code>" })
            out += "<dt>\(Wording.sameFacts)</dt><dd class=\"same-facts\">\(links)</dd>"
        }
        out += "</dl>\n"
        if finding.evidence.isEmpty {
            out += "<p class=\"meta\">No evidence: nothing in the description was consulted.</p>\n"
        } else {
            out += "<ul class=\"evidence\">\n"
            for evidence in finding.evidence {
                out += "<li>" + self.evidence(evidence, context: context) + "</li>\n"
            }
            if finding.unlistedPlaces > 0 {
                out += "<li class=\"meta\">(\(Escape.html(Wording.unlisted(finding.unlistedPlaces))))</li>\n"
            }
            out += "</ul>\n"
        }
        out += "</article>\n"
        return out
    }

    static func evidence(_ evidence: Evidence, context: ReportContext) -> String {
        let start = evidence.range.start
        let place = "\(evidence.file):\(start.line):\(start.column)"
        var out = context.htmlLink(evidence.file, text: place, line: start.line) + " "
        out += "<code>\(Escape.html(evidence.path))</code>: \(Escape.html(Wording.state(evidence.state)))"
        if evidence.state == .stated { out += " <code>\(Escape.html(evidence.value))</code>" }
        if evidence.partial { out += " " + Escape.html(Wording.partialList) }
        if let reason = evidence.reason { out += ": " + HTMLPage.linked(Wording.clause(reason)) }
        if let guarding = Wording.guarding(evidence.phase) { out += " " + Escape.html(guarding) }
        if !evidence.sources.isEmpty {
            out += "<br><span class=\"meta\">Source: "
            out += evidence.sources.map(HTMLPage.linked).joined(separator: "; ")
            if evidence.unlistedSources > 0 { out += "; " + Wording.moreSources(evidence.unlistedSources) }
            out += "</span>"
        }
        if let notes = evidence.notes {
            out += "<br><span class=\"meta\">Note: " + HTMLPage.linked(notes) + "</span>"
        }
        out += HTMLPage.quote(evidence, context: context)
        return out
    }
}

/// Pieces both HTML documents (the reviewers' report and the MB summary) are made of.
enum HTMLPage {
    static func head(title: String, generator: String, page: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="\(HTMLStyle.contentSecurityPolicy)">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="mupj \(Escape.html(generator))">
        <title>\(Escape.html(title))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body class="\(page)">

        """
    }

    static func made(_ context: ReportContext) -> String {
        var text = "Made by mupj \(Escape.html(context.result.toolVersion))"
        if let date = context.date { text += " on \(Escape.html(date))" }
        return text + "."
    }

    /// Under a verdict in a table: whether it is signed, the pending ones marked.
    static func signOffMark(_ verdict: FindingsVerdict) -> String {
        let mark = Wording.signOffMark(verdict)
        return verdict.signOffPending ? "<br><span class=\"pending\">\(mark)</span>" : "<br>\(mark)"
    }

    /// A description's text (a source, a note, why a fact is unknown): each web address in it a
    /// link (which tells the site nothing of the report it came from), the rest escaped text.
    static func linked(_ text: String) -> String {
        Citation.parts(text).map {
            let text = Escape.html($0.text)
            return $0.isAddress ? "<a href=\"\(text)\" rel=\"noreferrer\">\(text)</a>" : text
        }.joined()
    }

    static func badge(_ status: Status) -> String {
        "<span class=\"status st-\(status.rawValue)\">\(status.phrase)</span>"
    }

    static func number(_ value: Int, key: String) -> String {
        "<td class=\"n\(value == 0 ? " zero" : "")\" data-count=\"\(key)\">\(value)</td>"
    }

    /// The quoted lines of an evidence range; for a missing fact, the first line of the section
    /// where it belongs, unmarked.
    static func quote(_ evidence: Evidence, context: ReportContext) -> String {
        let absent = evidence.state == .absent
        guard let quote = context.quote(evidence, limit: absent ? 1 : 5), !quote.lines.isEmpty else {
            return "<br><span class=\"meta\">(the text of \(Escape.html(evidence.file)) was not available "
                + "to quote)</span>"
        }
        let width = String(quote.lines.last!.number).count
        var out = "<pre class=\"quote\">"
        for (i, line) in quote.lines.enumerated() {
            if i > 0 { out += "\n" }
            let number = String(line.number)
            out += "<span class=\"ln\">\(String(repeating: " ", count: width - number.count))\(number)</span>"
            if absent || line.marked.isEmpty {
                out += Escape.html(line.text)
            } else {
                out +=
                    Escape.html(line.before) + "<mark>" + Escape.html(line.marked) + "</mark>"
                    + Escape.html(line.after)
            }
        }
        if !absent && quote.omitted > 0 {
            out += "\n<span class=\"omitted\">… \(quote.omitted) more line\(quote.omitted == 1 ? "" : "s")</span>"
        }
        return out + "</pre>"
    }

    static func provenance(
        _ result: ReviewResult, context: ReportContext, extra: [PrerequisitesSection.File] = []
    ) -> String {
        var out = "<footer id=\"provenance\">\n<p>Files used (SHA-256):</p>\n<ul>\n"
        let files =
            result.catalogs.map { ("catalog", $0.file, $0.sha256) }
            + result.frameworks.map { ("description", $0.file, $0.sha256) }
            + context.tracking.files.map { ("tracking file", $0.path, $0.sha256) }
            + extra.map { ($0.kind, $0.path, $0.sha256) }
        for (kind, path, sha256) in files {
            out += "<li>\(Escape.html(kind)) \(context.htmlLink(path)) <code>\(Escape.html(sha256))</code></li>\n"
        }
        out += "</ul>\n<p>" + made(context) + "</p>\n</footer>\n"
        return out
    }
}
