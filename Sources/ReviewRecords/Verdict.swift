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
        let open = review.openFindings.enumerated()
            .sorted { a, b in
                FindingsVerdict.importance(a.element, b.element)
                    || (!FindingsVerdict.importance(b.element, a.element) && a.offset < b.offset)
            }
            .map(\.element)
        let grave = { (f: Finding) in f.severity >= .high }
        if open.contains(where: { $0.status == .violated && grave($0) }) {
            verdict = .doNotRecommend
        } else if open.contains(where: { $0.status == .needsInformation && grave($0) }) {
            verdict = .reviewIncomplete
        } else if !open.isEmpty {
            verdict = .recommendWithConditions
        } else {
            verdict = .recommend
        }
        reasons = open
        signOffPending = true
    }

    /// Violated before needs-information, then by severity; ties keep catalog order.
    static func importance(_ a: Finding, _ b: Finding) -> Bool {
        let rank = { (f: Finding) in f.status == .violated ? 1 : 0 }
        if rank(a) != rank(b) { return rank(a) > rank(b) }
        return a.severity > b.severity
    }
}
