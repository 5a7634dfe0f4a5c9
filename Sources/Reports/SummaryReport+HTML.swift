/// The summary as one self-contained HTML page.
extension SummaryReport {
    public func html() -> String {
        let entries = self.entries
        let noneRead = SummaryReport.noneRead(entries)
        var out = HTMLPage.head(title: SummaryReport.title, generator: context.result.toolVersion, page: "summary")
        out += "<header>\n<h1>\(Escape.html(SummaryReport.title))</h1>\n"
        out += "<p class=\"meta\">" + HTMLPage.made(context) + " "
        if let dating { out += "<strong>\(Escape.html(dating))</strong> " }
        out += "Words in <em>italics</em> are explained at the end.</p>\n</header>\n"
        out += "<section id=\"verdicts\">\n<h2>Verdicts</h2>\n"
        if entries.isEmpty {
            out += "<p>\(Wording.noFramework)</p>\n"
        } else {
            out += "<table class=\"summary\">\n<thead>\n<tr><th rowspan=\"2\">Framework</th>"
            out += "<th rowspan=\"2\">Verdict</th>"
            for (_, label) in SummaryReport.openStatuses {
                out += "<th colspan=\"\(Counts.severities.count)\">\(label)</th>"
            }
            out += "</tr>\n<tr>"
            for _ in SummaryReport.openStatuses {
                out += Counts.severities.map { "<th>\($0.rawValue)</th>" }.joined()
            }
            out += "</tr>\n</thead>\n<tbody>\n"
            for (index, entry) in entries.enumerated() {
                out += "<tr data-framework=\"\(index + 1)\"><th><a href=\"#\(Wording.frameworkAnchor(index))\">"
                out += "\(Escape.html(entry.review.name))</a> <span class=\"meta\">(\(Escape.html(entry.review.vo)))"
                out +=
                    "</span></th><td class=\"verdict-cell\"><span class=\"verdict\" data-verdict=\"\(entry.verdict.verdict.rawValue)\">"
                out += "\(entry.verdict.verdict.phrase)</span>"
                out += HTMLPage.signOffMark(entry.verdict)
                out += "</td>"
                for (status, _) in SummaryReport.openStatuses {
                    for severity in Counts.severities {
                        out += HTMLPage.number(
                            entry.counts.open(status, severity), key: "\(status.rawValue)-\(severity.rawValue)")
                    }
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
            out += "<p>\(Escape.html(Wording.signOffRule))</p>\n"
            if noneRead { out += "<p class=\"sign-off\">\(Escape.html(SummaryReport.noneReadSentence))</p>\n" }
        }
        out += "</section>\n"
        // One block, so that print can set the frameworks side by side.
        if !entries.isEmpty { out += "<div class=\"frameworks\">\n" }
        for (index, entry) in entries.enumerated() {
            out += "<section class=\"reasons\" id=\"\(Wording.frameworkAnchor(index))\">\n"
            out += "<h3>\(Escape.html(entry.review.name)): <span class=\"verdict\">\(entry.verdict.verdict.phrase)"
            out += "</span></h3>\n<p>\(Escape.html(Wording.explanation(entry.verdict)))"
            out +=
                " <em>Clauses</em>: "
                + Counts.statuses.map { status in
                    let count = entry.counts.count(status, in: entry.counts.clausesByStatus)
                    return "<span data-count=\"clauses-\(status.rawValue)\">\(count)</span> \(status.phrase)"
                }.joined(separator: ", ") + ".</p>\n"
            let (lines, conditions) = SummaryReport.signOffLines(entry, noneRead: noneRead)
            for line in lines { out += "<p class=\"sign-off\">\(Escape.html(line))</p>\n" }
            if !conditions.isEmpty {
                out += "<p>Conditions signed:</p>\n<ul>\n"
                for condition in conditions { out += "<li>\(Escape.html(condition))</li>\n" }
                out += "</ul>\n"
            }
            if entry.verdict.reasons.isEmpty {
                out += "<p>Nothing to act on was found.</p>\n"
            } else {
                out += "<ol>\n"
                let linked = links(entry)
                for reason in entry.topReasons {
                    let (id, text) = (Escape.html(reason.finding.id), Escape.html(reason.text))
                    out += "<li data-finding=\"\(id)\">"
                    out +=
                        linked.contains(reason.finding.id)
                        ? "<a href=\"\(ReportFormat.html.fileName)#\(id)\">\(text)</a>" : text
                    out += "</li>\n"
                }
                out += "</ol>\n"
                if entry.moreReasons > 0 {
                    let report = "<a href=\"\(ReportFormat.html.fileName)\">\(ReportFormat.html.fileName)</a>"
                    out += "<p class=\"meta\">\(moreReasons(entry, report: besideReview ? report : nil))</p>\n"
                }
            }
            out += "</section>\n"
        }
        if !entries.isEmpty { out += "</div>\n" }
        out += "<section id=\"prerequisites\">\n<h2>MB prerequisites</h2>\n"
        if let prerequisites {
            out += "<table>\n<thead><tr><th>Prerequisite</th><th>\(SummaryReport.statusHeading)</th><th>Evidence</th>"
            out += "<th>\(SummaryReport.mbHeading)</th></tr></thead>\n<tbody>\n"
            for item in prerequisites.items {
                out += "<tr><th><span class=\"mono\">\(Escape.html(item.id))</span> \(Escape.html(item.title))</th>"
                out += "<td>\(Escape.html(item.phrase))</td><td>\(Escape.html(item.evidence))</td>"
                out += "<td>\(Escape.html(item.mbCell))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n<p><strong>Can the policy come into effect?</strong> "
            out += "\(Escape.html(prerequisites.gateLead))</p>\n"
            if !prerequisites.gateReasons.isEmpty {
                out += "<ul>\n"
                for reason in prerequisites.gateReasons {
                    guard let listed = reason.listed else {
                        out += "<li>\(Escape.html(reason.sentence))</li>\n"
                        continue
                    }
                    out += "<li>\(Escape.html(reason.text)):\n<ul>\n"
                    for item in listed { out += "<li>\(Escape.html(item))</li>\n" }
                    out += "</ul></li>\n"
                }
                out += "</ul>\n"
            }
        } else {
            out += "<p class=\"not-assessed\">\(Escape.html(SummaryReport.notAssessed))</p>\n"
        }
        // On paper, at the head of the back of the sheet: the front is full on Letter.
        out += "</section>\n<section id=\"next-steps\">\n<h2>Next steps</h2>\n<ul>\n"
        for step in nextSteps(entries) { out += "<li>\(Escape.html(step))</li>\n" }
        out += "</ul>\n</section>\n<section id=\"legend\">\n<h2>Words used here</h2>\n<dl class=\"legend\">\n"
        for (term, meaning) in Wording.legend(context.result.catalogs) {
            out += "<dt>\(Escape.html(term))</dt><dd>\(Escape.html(meaning))</dd>\n"
        }
        out += "</dl>\n</section>\n"
        out += HTMLPage.provenance(context.result, context: context, extra: prerequisites?.files ?? [])
        out += "</body>\n</html>\n"
        return out
    }
}
