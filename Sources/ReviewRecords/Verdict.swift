import PolicyCatalog
import ReviewEngine

/// What the MB is told about one framework.
public enum Verdict: String, Sendable, CaseIterable {
    case recommend
    case recommendWithConditions = "recommend-with-conditions"
    case doNotRecommend = "do-not-recommend"
    case reviewIncomplete = "review-incomplete"

    /// The verdict in words for board members.
    public var phrase: String {
        switch self {
        case .recommend: return "recommend"
        case .recommendWithConditions: return "recommend with conditions"
        case .doNotRecommend: return "do not recommend"
        case .reviewIncomplete: return "review incomplete"
        }
    }
}

/// The verdict the findings alone support, before any reviewer has signed. The rules, in order:
/// 1. a violated finding of high or critical severity → do not recommend;
/// 2. an open question (needs-information) of high or critical severity → review incomplete;
/// 3. any other violated or needs-information finding → recommend with conditions (the
///    conditions are those findings);
/// 4. otherwise → recommend.
public struct FindingsVerdict: Sendable {
    public var verdict: Verdict
    /// The findings that decided it, most important first (at most three are shown to the MB).
    public var reasons: [Finding]
    /// Reviewer sign-offs are not recorded yet: every verdict is pending sign-off.
    public var signOffPending: Bool

    public init(_ review: FrameworkReview) {
        // The open findings' places and sort keys, sorted before any finding is copied: violated
        // before needs-information, then by severity; ties keep catalog order.
        var open: [(clause: Int, finding: Int, violated: Bool, severity: Severity)] = []
        for c in review.clauses.indices {
            for f in review.clauses[c].findings.indices {
                let status = review.clauses[c].findings[f].status
                guard status.isOpen else { continue }
                open.append((c, f, status == .violated, review.clauses[c].findings[f].severity))
            }
        }
        open.sort { a, b in
            if a.violated != b.violated { return a.violated }
            if a.severity != b.severity { return a.severity > b.severity }
            return (a.clause, a.finding) < (b.clause, b.finding)
        }
        if open.contains(where: { $0.violated && $0.severity >= .high }) {
            verdict = .doNotRecommend
        } else if open.contains(where: { !$0.violated && $0.severity >= .high }) {
            verdict = .reviewIncomplete
        } else if !open.isEmpty {
            verdict = .recommendWithConditions
        } else {
            verdict = .recommend
        }
        reasons = open.map { review.clauses[$0.clause].findings[$0.finding] }
        signOffPending = true
    }
}
