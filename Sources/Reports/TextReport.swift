import PolicyCatalog
import ReviewEngine
import ReviewRecords

/// The terminal report: grouped by framework and clause, open findings with their evidence.
/// Colour is the caller's decision (only on a terminal, never with NO_COLOR). Written one
/// framework at a time (`ReportStream`), then a closing line with the totals.
public enum TextReport {
    public static func render(_ context: ReportContext, colour: Bool) -> String {
        ReportStream.render(.text, context, colour: colour)
    }

    /// What the closing line counts, gathered framework by framework.
    public struct Totals: Sendable {
        public var frameworks = 0
        public var violated = 0
        public var needsInformation = 0

        public init() {}

        mutating func add(_ other: Totals) {
            frameworks += other.frameworks
            violated += other.violated
            needsInformation += other.needsInformation
        }
    }

    /// One framework's section (after a blank line, unless it is the first).
    public static func framework(
        _ framework: FrameworkOverview, context: ReportContext, colour: Bool, totals: inout Totals
    ) -> String {
        let (review, counts, tracking, verdict) = (
            framework.review, framework.counts, framework.tracking, framework.verdict
        )
        let paint = Paint(enabled: colour)
        // Descriptions and catalogs are untrusted: no control character reaches the terminal.
        let t = Escape.terminal
        var out = totals.frameworks > 0 ? "\n" : ""
        out += paint.bold("\(t(review.name)) (\(t(review.vo)))") + "  \(t(review.file))\n"
        out +=
            "  clauses: "
            + Counts.statuses.map { "\(counts.count($0, in: counts.clausesByStatus)) \($0.phrase)" }
            .joined(separator: ", ") + "\n"
        let sameFacts = SameFacts(review)
        out += "  verdict: \(verdict.verdict.phrase), \(t(verdict.signOff.phrase))\n"
        for clause in review.clauses {
            let status = paint.status(clause.status)
            out += "  \(status) \(t(clause.clause.id)) \(t(clause.clause.title)) [\(clause.clause.severity.rawValue)]\n"
            for finding in clause.findings where finding.status == .violated || finding.status == .needsInformation {
                let subject = finding.subject.map { " (\(t($0)))" } ?? ""
                out += "      - \(paint.status(finding.status)) \(t(finding.checkID))\(subject) "
                out += "[\(finding.severity.rawValue)]: \(t(finding.title))\n"
                out += "        \(t(finding.message))\n"
                for evidence in finding.evidence.prefix(3) {
                    let at = "\(evidence.file):\(evidence.range.start.line):\(evidence.range.start.column)"
                    let partial = evidence.partial ? " " + Wording.partialList : ""
                    out += paint.dim("        at \(t(at)) \(t(evidence.path))\(partial)") + "\n"
                }
                if finding.evidence.count > 3 {
                    out += paint.dim("        … and \(finding.evidence.count - 3) more places") + "\n"
                }
                if finding.unlistedPlaces > 0 {
                    out += paint.dim("        (\(Wording.unlisted(finding.unlistedPlaces)))") + "\n"
                }
                // The id `mupj judge` takes, where the reviewer reading the finding needs it.
                out += paint.dim("        finding \(finding.id)") + "\n"
                if let judgement = Wording.judgement(tracking.state(of: finding)) {
                    out += "        \(t(judgement)).\n"
                }
                if let others = sameFacts.others(of: finding) {
                    let links = Wording.sameFacts(others, id: \.id, code: t)
                    out += paint.dim("        \(Wording.sameFacts.lowercased()): \(links)") + "\n"
                }
                if finding.status == .violated { totals.violated += 1 } else { totals.needsInformation += 1 }
            }
        }
        totals.frameworks += 1
        return out
    }

    public static func closing(_ totals: Totals) -> String {
        "\n\(totals.frameworks) framework(s) reviewed: \(totals.violated) violated finding(s), "
            + "\(totals.needsInformation) needing information\n"
    }
}

/// Colour by SGR code when `enabled`: the one place that writes the escape sequences, for the text
/// report and the CLI's diagnostics.
public struct Paint: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    public func code(_ text: String, _ sgr: String) -> String { enabled ? "\u{1B}[\(sgr)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { code(text, "1") }
    func dim(_ text: String) -> String { code(text, "2") }

    /// A fixed-width status word, coloured by how urgent it is.
    func status(_ status: Status) -> String {
        let phrase = status.phrase
        let word = phrase.count >= 17 ? phrase : phrase + String(repeating: " ", count: 17 - phrase.count)
        switch status {
        case .violated: return code(word, "31;1")
        case .needsInformation: return code(word, "33")
        case .satisfied: return code(word, "32")
        case .notApplicable: return dim(word)
        }
    }
}
