import PolicyCatalog
import ReviewEngine
import ReviewRecords

/// The reviewers' findings report in GitHub Flavored Markdown: a summary table, then per
/// framework and clause the status, every finding with its evidence (linked to the description
/// line) and the recommendation. Every string from a description or catalog is escaped, and no
/// line starts with such a string.
public enum MarkdownReport {
    public static func render(_ context: ReportContext) -> String {
        var whole = ""
        render(context) { whole += $0 }
        return whole
    }

    /// The same, handed to `emit` in pieces: what is written goes out between frameworks once it
    /// passes `piece` bytes, so that the report of a thousand descriptions (30 MB) is never held
    /// whole.
    public static func render(_ context: ReportContext, piece: Int = JSONReport.piece, emit: (String) -> Void) {
        var out = MarkdownWriter()
        let result = context.result
        out.line("# mupj review report")
        out.blank()
        var made = "Made by mupj \(Escape.markdown(result.toolVersion))"
        if let date = context.date { made += " on \(Escape.markdown(date))" }
        out.line(
            made + ". Status words: **violated** (the description shows the obligation is not met), "
                + "**needs information** (the description is silent or does not know), **satisfied**, "
                + "**not applicable**.")
        out.blank()
        out.line("Catalogs:")
        out.blank()
        for catalog in result.catalogs {
            out.line(
                "- \(Escape.markdown(catalog.title)) (\(Escape.markdownCode(catalog.id)), "
                    + "\(Escape.markdown(catalog.document.citation))): \(context.markdownLink(catalog.file))"
                    + ", SHA-256 \(Escape.markdownCode(catalog.sha256))")
        }
        out.blank()
        if !context.tracking.files.isEmpty {
            out.line("Tracking files (the reviewers' judgements and sign-offs):")
            out.blank()
            for file in context.tracking.files {
                out.line(
                    "- \(Escape.markdown(file.framework)) (\(Escape.markdown(file.vo))): "
                        + "\(context.markdownLink(file.path)), SHA-256 "
                        + Escape.markdownCode(file.sha256))
            }
            out.blank()
        }
        let overviews = context.frameworks
        summary(overviews, into: &out)
        for (index, overview) in overviews.enumerated() {
            framework(overview, index: index, context: context, into: &out)
            if out.text.utf8.count >= piece { emit(out.take()) }
        }
        emit(out.take())
    }

    static func summary(_ overviews: [FrameworkOverview], into out: inout MarkdownWriter) {
        out.line("## Summary")
        out.blank()
        guard !overviews.isEmpty else {
            out.line(Wording.noFramework)
            out.blank()
            return
        }
        out.line("Clauses by status:")
        out.blank()
        out.line(
            "| Framework | VO | Overall | "
                + Counts.statuses.map { $0.phrase.capitalizedFirst }.joined(separator: " | ") + " |")
        out.line("|---|---|---|" + String(repeating: "--:|", count: Counts.statuses.count))
        for (index, overview) in overviews.enumerated() {
            let (review, counts) = (overview.review, overview.counts)
            let cells = Counts.statuses.map { String(counts.count($0, in: counts.clausesByStatus)) }
            out.line(
                "| [\(Escape.markdown(review.name))](#\(Wording.frameworkAnchor(index))) | "
                    + "\(Escape.markdown(review.vo)) | \(counts.overall.phrase) | "
                    + cells.joined(separator: " | ") + " |")
        }
        out.blank()
        out.line("Findings (open ones are violated or need information):")
        out.blank()
        out.line(
            "| Framework | "
                + Counts.statuses.map { $0.phrase.capitalizedFirst }.joined(separator: " | ")
                + " | Open: " + Counts.severities.map(\.rawValue).joined(separator: " | ")
                + " | Verdict |")
        out.line("|---|" + String(repeating: "--:|", count: Counts.statuses.count + Counts.severities.count) + "---|")
        for (index, overview) in overviews.enumerated() {
            let (review, counts) = (overview.review, overview.counts)
            let statusCells = Counts.statuses.map { String(counts.count($0, in: counts.findingsByStatus)) }
            let severityCells = counts.openBySeverity.map { String($0.1) }
            out.line(
                "| [\(Escape.markdown(review.name))](#\(Wording.frameworkAnchor(index))) | "
                    + (statusCells + severityCells).joined(separator: " | ")
                    + " | \(Self.verdictCell(overview.verdict)) |")
        }
        out.blank()
    }

    /// The verdict, and whether it is signed.
    static func verdictCell(_ verdict: FindingsVerdict) -> String {
        "\(verdict.verdict.phrase) (\(Wording.signOffMark(verdict)))"
    }

    static func framework(
        _ overview: FrameworkOverview, index: Int, context: ReportContext, into out: inout MarkdownWriter
    ) {
        let (review, counts) = (overview.review, overview.counts)
        let (tracking, verdict) = (overview.tracking, overview.verdict)
        out.line("<a id=\"\(Wording.frameworkAnchor(index))\"></a>")
        out.blank()
        out.line("## \(Escape.markdown(review.name)) (\(Escape.markdown(review.vo)))")
        out.blank()
        out.line(
            "Description: \(context.markdownLink(review.file)), version "
                + "\(Escape.markdown(review.descriptionVersion)), described on \(Escape.markdown(review.describedOn)), "
                + "SHA-256 \(Escape.markdownCode(review.sha256)).")
        out.blank()
        if let summary = review.summary {
            // Quoted line by line: a summary written as a literal block keeps its lines, and a
            // blank one would otherwise end the quotation.
            for line in summary.split(separator: "\n", omittingEmptySubsequences: false) {
                out.line(line.isEmpty ? ">" : "> " + Escape.markdown(String(line)))
            }
            out.blank()
        }
        out.line(
            "Overall: **\(counts.overall.phrase)**. Verdict: **\(verdict.verdict.phrase)**, "
                + Escape.markdown(verdict.signOff.phrase) + ".")
        out.blank()
        out.line("| Clause | Title | Severity | Status | Findings |")
        out.line("|---|---|---|---|--:|")
        for clause in review.clauses {
            let anchor = Wording.clauseAnchor(framework: index, clause: clause.clause.id)
            out.line(
                "| [\(Escape.markdown(clause.clause.id))](#\(anchor)) | \(Escape.markdown(clause.clause.title)) | "
                    + "\(clause.clause.severity.rawValue) | \(clause.status.phrase) | \(clause.findings.count) |")
        }
        out.blank()
        openFindings(review, tracking: tracking, into: &out)
        let sameFacts = SameFacts(review, page: true)
        for clause in review.clauses {
            self.clause(
                clause, framework: index, context: context, tracking: tracking, sameFacts: sameFacts, into: &out)
        }
    }

    /// The open findings, worst first (`OpenFindingsIndex`), each linking to its entry below.
    static func openFindings(_ review: FrameworkReview, tracking: FrameworkTracking, into out: inout MarkdownWriter) {
        let index = OpenFindingsIndex(review)
        guard !index.findings.isEmpty else { return }
        let judged = tracking.file != nil
        out.line("Open findings, worst first:")
        out.blank()
        out.line("| Status | Severity | Finding | Check | Subject |" + (judged ? " Judgement |" : ""))
        out.line("|---|---|---|---|---|" + (judged ? "---|" : ""))
        for finding in index.findings {
            let id = Escape.html(finding.id)
            out.line(
                "| \(finding.status.phrase) | \(finding.severity.rawValue) | [`\(id)`](#\(id)) | "
                    + "\(Escape.markdown(finding.ruleID)) | \(finding.subject.map(tableCode) ?? "") |"
                    + (judged ? " \(Wording.judgementCell(tracking.state(of: finding))) |" : ""))
        }
        out.blank()
        if let more = index.unlistedSentence {
            out.line(more)
            out.blank()
        }
    }

    /// A finding's id, linked to its entry where the page shows it (`ShownFindings`).
    static func findingLink(_ id: String, onPage: Bool) -> String {
        let id = Escape.html(id)
        return onPage ? "[`\(id)`](#\(id))" : "`\(id)` \(Wording.onlyInJSON)"
    }

    /// A code span in a table cell: GFM splits cells at every `|` not escaped, inside code spans
    /// too, and reads `\|` there as the character.
    static func tableCode(_ text: String) -> String {
        Escape.markdownCode(text).replacing("|", with: "\\|")
    }

    static func clause(
        _ result: ClauseResult, framework: Int, context: ReportContext, tracking: FrameworkTracking,
        sameFacts: SameFacts, into out: inout MarkdownWriter
    ) {
        let info = result.clause
        out.line("<a id=\"\(Wording.clauseAnchor(framework: framework, clause: info.id))\"></a>")
        out.blank()
        out.line("### \(Escape.markdown(info.id)): \(Escape.markdown(info.title)) (\(result.status.phrase))")
        out.blank()
        out.line(
            "Policy: \(Escape.markdown(info.paraphrase)) (\(Escape.markdown(info.source.description)); "
                + "severity \(info.severity.rawValue))")
        out.blank()
        if result.status == .violated || result.status == .needsInformation {
            out.line("Recommendation: \(Escape.markdown(info.recommendation))")
            out.blank()
        }
        let shown = ShownFindings(result)
        for finding in shown.findings {
            self.finding(
                finding, clause: info, context: context, tracking: tracking, sameFacts: sameFacts, into: &out)
        }
        if let omitted = shown.omittedSentence {
            out.line(Escape.markdown(omitted))
            out.blank()
        }
    }

    static func finding(
        _ finding: Finding, clause: ClauseInfo, context: ReportContext, tracking: FrameworkTracking,
        sameFacts: SameFacts, into out: inout MarkdownWriter
    ) {
        out.line("<a id=\"\(Escape.html(finding.id))\"></a>")
        out.blank()
        out.line("#### \(finding.status.phrase.capitalizedFirst): \(Escape.markdown(finding.title))")
        out.blank()
        out.line(
            "- Check \(Escape.markdownCode(finding.ruleID)), severity \(finding.severity.rawValue), "
                + "finding id \(Escape.markdownCode(finding.id))")
        if let subject = finding.subject {
            out.line("- Subject: \(Escape.markdownCode(subject))")
        }
        out.line("- Found: \(Escape.markdownMessage(finding.message))")
        if finding.evidence.isEmpty {
            out.line("- Evidence: none (nothing in the description was consulted)")
        } else {
            out.line("- Evidence:")
            for evidence in finding.evidence {
                out.line("  - " + self.evidence(evidence, context: context))
            }
            if finding.unlistedPlaces > 0 { out.line("  - (\(Wording.unlisted(finding.unlistedPlaces)))") }
        }
        if finding.recommendation != clause.recommendation {
            out.line("- Recommendation: \(Escape.markdown(finding.recommendation))")
        }
        if let judgement = Wording.judgement(tracking.state(of: finding)) {
            out.line("- Judgement: \(Escape.markdown(judgement)).")
        }
        if let others = sameFacts.others(of: finding) {
            let links = Wording.sameFacts(
                others, id: { Self.findingLink($0.id, onPage: $0.onPage) }, code: Escape.markdownCode)
            out.line("- \(Wording.sameFacts): \(links)")
        }
        out.blank()
    }

    static func evidence(_ evidence: Evidence, context: ReportContext) -> String {
        let line = evidence.range.start.line
        var text =
            "\(context.markdownLink(evidence.file, text: "\(evidence.file):\(line)", line: line)) "
            + "\(Escape.markdownCode(evidence.path)): \(Wording.state(evidence.state))"
        if evidence.state == .stated { text += " " + Escape.markdownCode(evidence.value) }
        if evidence.partial { text += " " + Wording.partialList }
        if let reason = evidence.reason { text += ": " + linked(Wording.clause(reason)) }
        if let guarding = Wording.guarding(evidence.phase) { text += " " + guarding }
        if !evidence.sources.isEmpty {
            text += "; source: " + evidence.sources.map(linked).joined(separator: "; ")
            if evidence.unlistedSources > 0 { text += "; " + Wording.moreSources(evidence.unlistedSources) }
        }
        if let notes = evidence.notes { text += "; note: " + linked(notes) }
        return text
    }

    /// A description's text (a source, a note, why a fact is unknown): each web address in it an
    /// autolink, the rest escaped text.
    static func linked(_ text: String) -> String {
        Citation.parts(text).map { $0.isAddress ? "<\($0.text)>" : Escape.markdown($0.text) }.joined()
    }
}

/// Lines of Markdown, never more than one blank line in a row.
struct MarkdownWriter {
    /// What is written and not yet taken.
    var text = ""
    /// The end of what was taken (its last two characters): whether a blank line is needed depends
    /// on what came before, taken or not.
    private var taken = ""

    mutating func line(_ line: String) { text += line + "\n" }

    mutating func blank() {
        let written = text.utf8.count >= 2 ? text : taken + text
        if !written.isEmpty && !written.hasSuffix("\n\n") { text += "\n" }
    }

    /// What is written so far, leaving the writer empty but in the same place of the document.
    mutating func take() -> String {
        defer { text = "" }
        taken = String((taken + text).suffix(2))
        return text
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
