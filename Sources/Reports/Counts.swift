import DocumentSchema
import PolicyCatalog
import ReviewEngine

/// Tallies of one framework's review, computed once here so that every format shows the same
/// numbers.
public struct Counts: Sendable {
    public var clausesByStatus: [(String, Int)]
    public var findingsByStatus: [(String, Int)]
    /// Violated and needs-information findings by severity, most severe first.
    public var openBySeverity: [(String, Int)]
    /// The framework's overall status: the aggregate of its clauses.
    public var overall: Status

    public init(_ review: FrameworkReview) {
        let statuses: [Status] = [.violated, .needsInformation, .satisfied, .notApplicable]
        clausesByStatus = statuses.map { s in (s.rawValue, review.clauses.filter { $0.status == s }.count) }
        let findings = review.findings
        findingsByStatus = statuses.map { s in (s.rawValue, findings.filter { $0.status == s }.count) }
        let open = review.openFindings
        openBySeverity = Severity.allCases.reversed().map { s in (s.rawValue, open.filter { $0.severity == s }.count) }
        overall = Status.aggregate(review.clauses.map(\.status))
    }

    public func count(_ status: Status, in table: [(String, Int)]) -> Int {
        table.first { $0.0 == status.rawValue }?.1 ?? 0
    }

    func json(_ table: [(String, Int)]) -> JSON {
        .object(table.map { JSON.Member($0.0, .int($0.1)) })
    }
}
