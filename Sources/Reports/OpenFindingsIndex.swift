import ReviewEngine

/// The open findings of a framework, worst first, for the reviewers to work through: the table
/// at the head of a framework in the reports written for reading (violated before needs
/// information, then by severity, then in the report's order), each linking to the finding.
/// Only findings the page shows are listed (their anchors are there), at most `listed`.
struct OpenFindingsIndex {
    static let listed = 200

    let findings: [Finding]
    /// Open findings shown on the page but not listed here.
    let unlisted: Int

    init(_ review: FrameworkReview, listed: Int = Self.listed) {
        var open: [Finding] = []
        for clause in review.clauses {
            for finding in ShownFindings(clause).findings where finding.status.isOpen { open.append(finding) }
        }
        // A stable sort: within a status and severity, the report's own order.
        let ranked = open.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.status != y.status { return x.status == .violated }
            if x.severity != y.severity { return x.severity > y.severity }
            return a.offset < b.offset
        }
        findings = ranked.prefix(listed).map(\.element)
        unlisted = max(0, ranked.count - listed)
    }

    /// "And 40 more open findings, in the clauses below.", or nil when every one is listed.
    var unlistedSentence: String? {
        guard unlisted > 0 else { return nil }
        return "And \(unlisted) more open finding\(unlisted == 1 ? "" : "s"), in the clauses below."
    }
}
