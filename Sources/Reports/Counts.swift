import DocumentSchema
import PolicyCatalog
import ReviewEngine

/// Tallies of one framework's review, computed once here so that every format shows the same
/// numbers.
public struct Counts: Sendable {
    /// The statuses in the order every report lists them: most urgent first.
    public static let statuses: [Status] = [.violated, .needsInformation, .satisfied, .notApplicable]
    /// The severities, most severe first.
    public static let severities: [Severity] = Severity.allCases.reversed()

    public var clausesByStatus: [(String, Int)]
    public var findingsByStatus: [(String, Int)]
    /// Violated and needs-information findings by severity, most severe first.
    public var openBySeverity: [(String, Int)]
    /// Open findings by status (violated, needs-information), then severity.
    public var openByStatusAndSeverity: [(String, [(String, Int)])]
    /// The framework's overall status: the aggregate of its clauses.
    public var overall: Status

    public init(_ review: FrameworkReview) {
        let statuses = Counts.statuses
        clausesByStatus = statuses.map { s in (s.rawValue, review.clauses.filter { $0.status == s }.count) }
        let findings = review.findings
        findingsByStatus = statuses.map { s in (s.rawValue, findings.filter { $0.status == s }.count) }
        let open = review.openFindings
        openBySeverity = Counts.severities.map { s in (s.rawValue, open.filter { $0.severity == s }.count) }
        openByStatusAndSeverity = [Status.violated, .needsInformation].map { status in
            let some = open.filter { $0.status == status }
            return (
                status.rawValue, Counts.severities.map { s in (s.rawValue, some.filter { $0.severity == s }.count) }
            )
        }
        overall = Status.aggregate(review.clauses.map(\.status))
    }

    public func count(_ status: Status, in table: [(String, Int)]) -> Int {
        table.first { $0.0 == status.rawValue }?.1 ?? 0
    }

    public func open(_ status: Status, _ severity: Severity) -> Int {
        openByStatusAndSeverity.first { $0.0 == status.rawValue }?.1.first { $0.0 == severity.rawValue }?.1 ?? 0
    }

    public var openTotal: Int { openBySeverity.reduce(0) { $0 + $1.1 } }

    func json(_ table: [(String, Int)]) -> JSON {
        .object(table.map { JSON.Member($0.0, .int($0.1)) })
    }
}
