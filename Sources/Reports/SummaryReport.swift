import PolicyCatalog
import ReviewEngine

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

    // MARK: - What every format says alike

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
