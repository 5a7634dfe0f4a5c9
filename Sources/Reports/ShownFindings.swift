import PolicyCatalog
import ReviewEngine

/// The findings of one clause that the reports written for reading (HTML, Markdown) show in
/// full: all of them up to `perClause`, open ones first. A description with tens of thousands of
/// channels gives tens of thousands of findings per clause, a page of hundreds of megabytes no
/// browser opens (30 000 channels: 122 MB of HTML, 13 s to write every format). Past the cap the
/// page says how many more there are, by status; the JSON report lists every finding.
struct ShownFindings {
    static let perClause = 100

    /// The findings shown, in the clause's order.
    let findings: [Finding]
    /// How many of each status are left out, in `Counts.statuses` order, only those left out.
    let omitted: [(status: Status, count: Int)]

    init(_ clause: ClauseResult) {
        let all = clause.findings
        guard all.count > Self.perClause else {
            findings = all
            omitted = []
            return
        }
        // Open findings are what the reviewers act on: they take the places first.
        var shown = [Bool](repeating: false, count: all.count)
        var room = Self.perClause
        for pass in [true, false] {
            for (index, finding) in all.enumerated() where room > 0 && finding.status.isOpen == pass {
                shown[index] = true
                room -= 1
            }
        }
        findings = all.indices.filter { shown[$0] }.map { all[$0] }
        var left: [Status: Int] = [:]
        for (index, finding) in all.enumerated() where !shown[index] { left[finding.status, default: 0] += 1 }
        omitted = Counts.statuses.compactMap { status in left[status].map { (status, $0) } }
    }

    /// The ids of the findings of `review` that a page shows, or nil when it shows every one (no
    /// clause has more than `perClause`): a link to a finding left out would lead nowhere.
    static func ids(_ review: FrameworkReview) -> Set<String>? {
        guard review.clauses.contains(where: { $0.findings.count > perClause }) else { return nil }
        return Set(review.clauses.lazy.flatMap { ShownFindings($0).findings.lazy.map(\.id) })
    }

    /// Whether a page shows the finding `id`, given `ids` above.
    static func isShown(_ id: String, in ids: Set<String>?) -> Bool { ids?.contains(id) ?? true }

    /// "1 200 more findings of this clause are not shown here (1 150 satisfied, 50 not applicable);
    /// the JSON report lists every finding.", or nil when none is left out.
    var omittedSentence: String? {
        guard !omitted.isEmpty else { return nil }
        let total = omitted.reduce(0) { $0 + $1.count }
        let parts = omitted.map { "\($0.count) \($0.status.phrase)" }.joined(separator: ", ")
        return "\(total) more finding\(total == 1 ? "" : "s") of this clause \(total == 1 ? "is" : "are") not shown "
            + "here (\(parts)); the JSON report lists every finding."
    }
}
