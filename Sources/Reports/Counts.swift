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

    /// One pass over the findings, reading their status and severity in place: a framework has
    /// dozens of findings, and copying each into filtered arrays cost more than the counting.
    public init(_ review: FrameworkReview) {
        let statuses = Counts.statuses
        let severities = Counts.severities
        var clauses = [Int](repeating: 0, count: statuses.count)
        var findings = [Int](repeating: 0, count: statuses.count)
        // Rows: the open statuses; columns: the severities.
        var open = [[Int]](repeating: [Int](repeating: 0, count: severities.count), count: Status.open.count)
        for c in review.clauses.indices {
            if let i = statuses.firstIndex(of: review.clauses[c].status) { clauses[i] += 1 }
            for f in review.clauses[c].findings.indices {
                let status = review.clauses[c].findings[f].status
                if let i = statuses.firstIndex(of: status) { findings[i] += 1 }
                if let row = Status.open.firstIndex(of: status),
                    let column = severities.firstIndex(of: review.clauses[c].findings[f].severity)
                {
                    open[row][column] += 1
                }
            }
        }
        clausesByStatus = zip(statuses, clauses).map { ($0.rawValue, $1) }
        findingsByStatus = zip(statuses, findings).map { ($0.rawValue, $1) }
        openBySeverity = severities.indices.map { column in
            (severities[column].rawValue, open.reduce(0) { $0 + $1[column] })
        }
        openByStatusAndSeverity = zip(Status.open, open).map { status, row in
            (status.rawValue, zip(severities, row).map { ($0.rawValue, $1) })
        }
        overall = Status.aggregate(review.clauses.lazy.map(\.status))
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
