import DocumentSchema
import PolicyCatalog
import ReviewEngine
import ReviewRecords

/// The status of the MB prerequisites as the summary shows it. The prerequisites tracker fills
/// it; the summary only lays it out.
public struct PrerequisitesSection: Sendable {
    public struct Item: Sendable {
        /// The prerequisite's id (`PRE-1` … `PRE-5` in the shipped catalog).
        public var id: String
        public var title: String
        /// What the evidence on file gives.
        public var state: PrerequisiteState
        /// Met on entries the status file infers only (`PrerequisiteStatus.metOnInferenceOnly`).
        public var onInferenceOnly = false
        /// "met", or "met (inferred)".
        var phrase: String { state.phrase(onInferenceOnly: onInferenceOnly) }
        /// One line saying what the status rests on.
        public var evidence: String
        /// What the MB last reported on or before the day, nil when it reported nothing: its own
        /// column, beside the status the evidence on file gives, so that a reader sees where the two
        /// agree as well as where they differ.
        public var mbReported: MBReported?

        public init(
            id: String, title: String, state: PrerequisiteState, evidence: String, mbReported: MBReported? = nil
        ) {
            self.id = id
            self.title = title
            self.state = state
            self.evidence = evidence
            self.mbReported = mbReported
        }

        /// The MB column's cell: "met on 2009-11-24", or a dash.
        var mbCell: String { mbReported?.phrase ?? "—" }
    }

    /// A file the block was computed from, for the provenance list.
    public struct File: Sendable {
        /// What the file is, e.g. `prerequisite catalog`, `status file`.
        public var kind: String
        public var path: String
        public var sha256: String

        public init(kind: String, path: String, sha256: String) {
            self.kind = kind
            self.path = path
            self.sha256 = sha256
        }
    }

    public var items: [Item]
    /// The day the prerequisites are given on, YYYY-MM-DD.
    public var asOf: String?
    /// Whether the policy can come into effect: "On 2010-04-06 the policy is not in effect".
    public var gateHeadline: String
    /// Why, and the exception windows that apply; shown as a list under the headline.
    public var gateReasons: [PolicyGate.Reason]
    public var files: [File]
    /// The prerequisites not met on the day, by id, in catalog order (`PolicyGate.blocking`).
    public var notMet: [String]
    /// Whether every prerequisite is met and the policy waits only for the MB to agree.
    public var awaitingMB: Bool

    /// `notMet` and `awaitingMB` have no default: a section that left them out would tell the
    /// next steps that every prerequisite is met.
    public init(
        items: [Item], asOf: String? = nil, gateHeadline: String, gateReasons: [PolicyGate.Reason] = [],
        files: [File] = [], notMet: [String], awaitingMB: Bool
    ) {
        self.items = items
        self.asOf = asOf
        self.gateHeadline = gateHeadline
        self.gateReasons = gateReasons
        self.files = files
        self.notMet = notMet
        self.awaitingMB = awaitingMB
    }

    /// The headline as it leads the list of reasons.
    var gateLead: String { gateHeadline + (gateReasons.isEmpty ? "." : ":") }

    /// The headline and its reasons in one sentence, for the JSON summary.
    public var gate: String {
        gateReasons.isEmpty
            ? gateHeadline + "." : gateHeadline + ": " + gateReasons.map(\.sentence).joined(separator: "; ") + "."
    }
}

/// The formats of `mupj summary`.
public enum SummaryFormat: String, Sendable, CaseIterable {
    case markdown, html, json

    public var fileName: String {
        switch self {
        case .markdown: return "summary.md"
        case .html: return "summary.html"
        case .json: return "summary.json"
        }
    }
}

/// The one page for the WLCG Management Board: per framework the verdict the findings support
/// (pending sign-off) with counts and the three most important reasons in plain words; the
/// prerequisites; a legend; and the files used with their SHA-256.
public struct SummaryReport: Sendable {
    public static let schemaID = "mupj-summary/2"
    public static let title =
        "Security review of multi-user pilot job frameworks: summary for the WLCG Management Board"
    static let notAssessed =
        "Not assessed in this run: the status of the MB prerequisites (PRE-1 to PRE-5) was not "
        + "read, so this page does not say whether the policy can come into effect."

    public var context: ReportContext
    public var prerequisites: PrerequisitesSection?
    /// Whether the reviewers' reports are written beside the page (`review --output-dir` writes
    /// them together): then each reason links to its finding in `review.md` or `review.html`,
    /// where its evidence is, and the rest of the findings are pointed to by file name.
    public var besideReview: Bool

    public init(_ context: ReportContext, prerequisites: PrerequisitesSection? = nil, besideReview: Bool = false) {
        self.context = context
        self.prerequisites = prerequisites
        self.besideReview = besideReview
    }

    public func render(_ format: SummaryFormat) -> String {
        switch format {
        case .markdown: return markdown()
        case .html: return html()
        case .json: return json().rendered()
        }
    }

    /// What the summary says about one framework, worked out once for every format: what the
    /// review reports show of it, and the reasons for its verdict (`topReasons`).
    typealias Entry = FrameworkOverview

    var entries: [Entry] { context.frameworks }

    /// Said once under the verdicts, in place of each framework's sign-off line, when no tracking
    /// file was read for any of them: the same sentence four times took the lines the page needs.
    static let noneReadSentence =
        "No judgement or sign-off was read for any framework: each verdict is pending sign-off, and is what the "
        + "findings alone support."

    /// Whether no tracking file was read for any of `entries` (`noneReadSentence`).
    static func noneRead(_ entries: [Entry]) -> Bool { entries.allSatisfy { $0.tracking.file == nil } }

    /// The sign-off, the judgements and the conditions signed, one sentence each, in plain text;
    /// no sign-off line where `noneReadSentence` says it for all.
    static func signOffLines(_ entry: Entry, noneRead: Bool) -> (lines: [String], conditions: [String]) {
        if noneRead { return ([], []) }
        var lines = [entry.verdict.signOff.phrase.capitalizedFirst + "."]
        if let judgements = Wording.judgements(entry.tracking) { lines.append("Judgements: \(judgements).") }
        return (lines, Wording.conditions(entry.verdict.signOff))
    }

    /// The prerequisites' columns: the status the evidence gives (the status file's entries, and
    /// for PRE-2 the reviews' verdicts and sign-offs too), and the MB's own word.
    static let statusHeading = "Status"
    static let mbHeading = "MB reported"

    static let openStatuses: [(Status, String)] = [
        (.violated, "Not met (violated)"), (.needsInformation, "Open questions (needs information)"),
    ]

    // MARK: - Markdown

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

    // MARK: - HTML

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

    // MARK: - JSON

    /// When what the page says holds: the days the descriptions reflect, and the day of the
    /// prerequisites. The page has no other date unless one is asked for (`--date`), and a
    /// verdict read without its day reads as today's.
    var dating: String? {
        let days = Set(context.result.frameworks.map(\.describedOn).filter { !$0.isEmpty }).sorted()
        var parts: [String] = []
        if let first = days.first, let last = days.last {
            parts.append(
                first == last ? "The description reflects \(first)" : "The descriptions reflect \(first) to \(last)")
        }
        if let day = prerequisites?.asOf {
            parts.append((parts.isEmpty ? "The" : "the") + " prerequisites are as of \(day)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ") + "."
    }

    /// The reasons of `entry` that link to their findings: none unless the reviewers' reports
    /// are written beside the page, and only those the reports show (`ShownFindings`).
    func links(_ entry: Entry) -> Set<String> {
        guard besideReview else { return [] }
        let shown = ShownFindings.ids(entry.review)
        return Set(entry.topReasons.map(\.finding.id).filter { ShownFindings.isShown($0, in: shown) })
    }

    /// "And 36 more points in the reviewers' report", naming it (`report`, already marked up)
    /// where it is written beside the page.
    func moreReasons(_ entry: Entry, report: String?) -> String {
        "And \(entry.moreReasons) more point\(entry.moreReasons == 1 ? "" : "s") in the reviewers' report"
            + (report.map { " (\($0))" } ?? "") + "."
    }

    /// Who acts next (`NextSteps`), the same sentences in every format.
    func nextSteps(_ entries: [Entry]) -> [String] { NextSteps.sentences(entries, prerequisites: prerequisites) }

    public func json() -> JSON {
        let result = context.result
        let entries = self.entries
        return .obj([
            ("schema", .string(SummaryReport.schemaID)),
            ("tool", .obj([("name", .string("mupj")), ("version", .string(result.toolVersion))])),
            ("date", context.date.map(JSON.string)),
            ("as_of", prerequisites?.asOf.map(JSON.string)),
            ("dating", dating.map(JSON.string)),
            (
                "frameworks",
                .array(
                    entries.map { entry in
                        .obj([
                            ("name", .string(entry.review.name)),
                            ("vo", .string(entry.review.vo)),
                            ("file", .string(entry.review.file)),
                            ("verdict", .string(entry.verdict.verdict.rawValue)),
                            ("verdict_phrase", .string(entry.verdict.verdict.phrase)),
                            ("explanation", .string(Wording.explanation(entry.verdict))),
                            ("supported", .string(entry.verdict.supported.rawValue)),
                            ("sign_off_pending", .bool(entry.verdict.signOffPending)),
                            ("sign_off_missing", .array(entry.verdict.signOff.missing.map(JSON.string))),
                            (
                                "signed_by",
                                .array(
                                    entry.verdict.signOff.signed
                                        ? entry.verdict.signOff.signOffs.map {
                                            .obj([
                                                ("name", .string($0.reviewer.name)),
                                                ("organisation", .string($0.reviewer.organisation)),
                                                ("date", .string($0.date.description)),
                                            ])
                                        } : [])
                            ),
                            ("conditions", .array(Wording.conditions(entry.verdict.signOff).map(JSON.string))),
                            ("judgements", Wording.judgements(entry.tracking).map(JSON.string)),
                            (
                                "open_findings",
                                .object(
                                    entry.counts.openByStatusAndSeverity.map { status, table in
                                        JSON.Member(status, entry.counts.json(table))
                                    })
                            ),
                            ("clause_status_counts", entry.counts.json(entry.counts.clausesByStatus)),
                            (
                                "reasons",
                                .array(
                                    entry.topReasons.map { reason in
                                        .obj([
                                            ("finding", .string(reason.finding.id)),
                                            ("clause", .string(reason.finding.clauseID)),
                                            ("check", .string(reason.finding.checkID)),
                                            ("status", .string(reason.finding.status.rawValue)),
                                            ("severity", .string(reason.finding.severity.rawValue)),
                                            ("text", .string(reason.text)),
                                        ])
                                    })
                            ),
                            ("more_reasons", .int(entry.moreReasons)),
                        ])
                    })
            ),
            ("prerequisites", prerequisitesJSON),
            ("next_steps", .array(nextSteps(entries).map(JSON.string))),
            (
                "provenance",
                .obj([
                    ("tool_version", .string(result.toolVersion)),
                    (
                        "catalogs",
                        .array(
                            result.catalogs.map {
                                .obj([
                                    ("id", .string($0.id)), ("file", .string($0.file)), ("sha256", .string($0.sha256)),
                                ])
                            })
                    ),
                    (
                        "descriptions",
                        .array(
                            result.frameworks.map {
                                .obj([
                                    ("name", .string($0.name)), ("file", .string($0.file)),
                                    ("sha256", .string($0.sha256)),
                                ])
                            })
                    ),
                    (
                        "tracking_files",
                        .array(
                            context.tracking.files.map {
                                .obj([("file", .string($0.path)), ("sha256", .string($0.sha256))])
                            })
                    ),
                    (
                        "prerequisite_files",
                        .array(
                            (prerequisites?.files ?? []).map {
                                .obj([
                                    ("kind", .string($0.kind)), ("file", .string($0.path)),
                                    ("sha256", .string($0.sha256)),
                                ])
                            })
                    ),
                ])
            ),
        ])
    }

    var prerequisitesJSON: JSON {
        guard let prerequisites else {
            return .obj([("assessed", .bool(false)), ("statement", .string(SummaryReport.notAssessed))])
        }
        return .obj([
            ("assessed", .bool(true)),
            (
                "items",
                .array(
                    prerequisites.items.map {
                        .obj([
                            ("id", .string($0.id)), ("title", .string($0.title)),
                            ("status", .string($0.state.rawValue)), ("status_phrase", .string($0.phrase)),
                            ("evidence", .string($0.evidence)),
                            ("mb_reported", StatusRendering.json($0.mbReported)),
                        ])
                    })
            ),
            ("gate", .string(prerequisites.gate)),
            (
                "gate_reasons",
                .array(
                    prerequisites.gateReasons.map {
                        .obj([("text", .string($0.text)), ("items", .array($0.items.map(JSON.string)))])
                    })
            ),
        ])
    }
}

extension FrameworkOverview {
    /// The three most important reasons for the verdict, in plain words, with the findings they
    /// stand for.
    var topReasons: [(finding: Finding, text: String)] {
        let titles = Dictionary(
            review.clauses.map { ($0.clause.id, $0.clause.title) }, uniquingKeysWith: { first, _ in first })
        return verdict.reasons.prefix(3).map { ($0, Wording.reason($0, clauseTitle: titles[$0.clauseID] ?? "")) }
    }

    /// Open findings beyond those three.
    var moreReasons: Int { max(verdict.reasons.count - 3, 0) }
}
