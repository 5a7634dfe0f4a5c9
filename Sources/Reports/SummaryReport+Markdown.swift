/// The summary as Markdown, for the MB's wiki and mail.
extension SummaryReport {
    public func markdown() -> String {
        var out = MarkdownWriter()
        let entries = self.entries
        let noneRead = SummaryReport.noneRead(entries)
        out.line("# " + SummaryReport.title)
        out.blank()
        var made = "Made by mupj \(Escape.markdown(context.result.toolVersion))"
        if let date = context.date { made += " on \(Escape.markdown(date))" }
        out.line(
            made + ". " + (dating.map { "**\(Escape.markdown($0))** " } ?? "")
                + "Words in *italics* are explained at the end.")
        out.blank()
        out.line("## Verdicts")
        out.blank()
        if entries.isEmpty {
            out.line(Wording.noFramework)
        } else {
            out.line(
                "| Framework | Verdict | *Clauses* "
                    + Counts.statuses.map(\.phrase).joined(separator: " | ") + " |")
            out.line("|---|---|" + String(repeating: "--:|", count: Counts.statuses.count))
            for entry in entries {
                let cells =
                    [
                        "\(Escape.markdown(entry.review.name)) (\(Escape.markdown(entry.review.vo)))",
                        "**\(entry.verdict.verdict.phrase)**"
                            + " (\(Wording.signOffMark(entry.verdict)))",
                    ] + Counts.statuses.map { String(entry.counts.count($0, in: entry.counts.clausesByStatus)) }
                out.line("| " + cells.joined(separator: " | ") + " |")
            }
            out.blank()
            out.line("Findings to act on, by *severity* and status:")
            out.blank()
            out.line(
                "| Framework | Status | "
                    + Counts.severities.map { $0.rawValue.capitalizedFirst }.joined(separator: " | ") + " | Total |")
            out.line("|---|---|" + String(repeating: "--:|", count: Counts.severities.count + 1))
            for entry in entries {
                for (status, label) in SummaryReport.openStatuses {
                    let counts = Counts.severities.map { entry.counts.open(status, $0) }
                    let cells =
                        [Escape.markdown(entry.review.name), label] + counts.map(String.init)
                        + [String(counts.reduce(0, +))]
                    out.line("| " + cells.joined(separator: " | ") + " |")
                }
            }
            out.blank()
            out.line(Escape.markdown(Wording.signOffRule))
            if noneRead {
                out.blank()
                out.line(Escape.markdown(SummaryReport.noneReadSentence))
            }
        }
        out.blank()
        for entry in entries {
            out.line("### \(Escape.markdown(entry.review.name)): \(entry.verdict.verdict.phrase)")
            out.blank()
            out.line(Wording.explanation(entry.verdict))
            out.blank()
            let (lines, conditions) = SummaryReport.signOffLines(entry, noneRead: noneRead)
            for line in lines {
                out.line(Escape.markdown(line))
                out.blank()
            }
            if !conditions.isEmpty {
                out.line("Conditions signed:")
                out.blank()
                for condition in conditions { out.line("- " + Escape.markdown(condition)) }
                out.blank()
            }
            if entry.verdict.reasons.isEmpty {
                out.line("Nothing to act on was found.")
            } else {
                out.line("Main reasons:")
                out.blank()
                let linked = links(entry)
                for (i, reason) in entry.topReasons.enumerated() {
                    let text = Escape.markdown(reason.text)
                    let id = Escape.html(reason.finding.id)
                    out.line(
                        "\(i + 1). "
                            + (linked.contains(reason.finding.id)
                                ? "[\(text)](\(ReportFormat.markdown.fileName)#\(id))" : text))
                }
                if entry.moreReasons > 0 {
                    out.blank()
                    let report = ReportFormat.markdown.fileName
                    out.line(moreReasons(entry, report: besideReview ? "[\(report)](\(report))" : nil))
                }
            }
            out.blank()
        }
        out.line("## MB prerequisites")
        out.blank()
        if let prerequisites {
            out.line("| Prerequisite | \(SummaryReport.statusHeading) | Evidence | \(SummaryReport.mbHeading) |")
            out.line("|---|---|---|---|")
            for item in prerequisites.items {
                out.line(
                    "| \(Escape.markdown(item.id)): \(Escape.markdown(item.title)) | \(Escape.markdown(item.phrase)) | "
                        + "\(Escape.markdown(item.evidence)) | \(Escape.markdown(item.mbCell)) |")
            }
            out.blank()
            out.line("**Can the policy come into effect?** \(Escape.markdown(prerequisites.gateLead))")
            if !prerequisites.gateReasons.isEmpty {
                out.blank()
                out.text += StatusRendering.markdownList(prerequisites.gateReasons)
            }
        } else {
            out.line(SummaryReport.notAssessed)
        }
        out.blank()
        out.line("## Next steps")
        out.blank()
        for step in nextSteps(entries) { out.line("- " + Escape.markdown(step)) }
        out.blank()
        out.line("## Words used here")
        out.blank()
        for (term, meaning) in Wording.legend(context.result.catalogs) {
            out.line("- *\(Escape.markdown(term))*: \(Escape.markdown(meaning))")
        }
        out.blank()
        out.line("## Files used")
        out.blank()
        out.line("mupj version \(Escape.markdown(context.result.toolVersion)). SHA-256 of every file read:")
        out.blank()
        for catalog in context.result.catalogs {
            out.line("- catalog \(Escape.markdownCode(catalog.file)): \(Escape.markdownCode(catalog.sha256))")
        }
        for review in context.result.frameworks {
            out.line("- description \(Escape.markdownCode(review.file)): \(Escape.markdownCode(review.sha256))")
        }
        for file in context.tracking.files {
            out.line("- tracking file \(Escape.markdownCode(file.path)): \(Escape.markdownCode(file.sha256))")
        }
        for file in prerequisites?.files ?? [] {
            out.line("- \(file.kind) \(Escape.markdownCode(file.path)): \(Escape.markdownCode(file.sha256))")
        }
        return out.text
    }
}
