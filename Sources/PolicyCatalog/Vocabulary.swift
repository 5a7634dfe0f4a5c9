/// How bad a violation is, in increasing order.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case low, medium, high, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The outcome of a check, a clause or a finding.
public enum Status: String, Sendable, Hashable, CaseIterable, Codable {
    /// The description shows the obligation is met.
    case satisfied
    /// The description shows the obligation is not met.
    case violated
    /// The description is silent, or says it does not know: the reviewers must ask.
    case needsInformation = "needs-information"
    /// The obligation does not arise for this framework (its precondition does not hold).
    case notApplicable = "not-applicable"

    /// Aggregation order: violated > needs-information > satisfied > not-applicable. A clause is
    /// not applicable only when every one of its checks is.
    @usableFromInline var weight: Int {
        switch self {
        case .violated: return 3
        case .needsInformation: return 2
        case .satisfied: return 1
        case .notApplicable: return 0
        }
    }

    /// The statuses of findings a reader must act on, in the order reports list them.
    public static let open: [Status] = [.violated, .needsInformation]

    /// Whether a finding of this status is one a reader must act on (see `open`).
    public var isOpen: Bool { Status.open.contains(self) }

    /// Inlinable, so that it is specialized where it is called: the engine calls it once per
    /// clause of every description, and unspecialized it went through `max(by:)`'s generic code.
    @inlinable
    public static func aggregate<S: Sequence>(_ statuses: S) -> Status where S.Element == Status {
        var worst = Status.notApplicable
        for status in statuses where status.weight > worst.weight { worst = status }
        return worst
    }

    /// Plain words for readers who do not know the vocabulary.
    public var phrase: String {
        switch self {
        case .satisfied: return "satisfied"
        case .violated: return "violated"
        case .needsInformation: return "needs information"
        case .notApplicable: return "not applicable"
        }
    }
}

/// Who an obligation binds (domain brief §3).
public enum Subject: String, Sendable, Hashable, CaseIterable {
    case vo, owner, framework, site
}
