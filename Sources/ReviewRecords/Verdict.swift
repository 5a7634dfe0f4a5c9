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

extension Verdict {
    /// How favourable to the framework: a signature may be less favourable than the findings, never more.
    /// An incomplete review is above "do not recommend": reviewers whose questions stay unanswered
    /// may close the review by refusing the recommendation, which no site can act on, but not by
    /// giving one.
    var favour: Int {
        switch self {
        case .recommend: return 3
        case .recommendWithConditions: return 2
        case .reviewIncomplete: return 1
        case .doNotRecommend: return 0
        }
    }
}

/// Whether a framework's recommendation is signed, and if not, what it still lacks.
public struct SignOffStatus: Sendable {
    /// The sign-offs of the description as reviewed, in file order.
    public var signOffs: [SignOff]
    /// What the sign-off still lacks, in plain words; empty when the recommendation is signed.
    public var missing: [String]

    public var signed: Bool { missing.isEmpty }

    /// Who signed, or what the sign-off still lacks, without a final full stop.
    public var phrase: String {
        guard signed else { return "pending sign-off: " + missing.joined(separator: "; ") }
        return "signed by " + Self.named(signOffs) { "\($0.reviewer.phrase) on \($0.date)" }
    }

    /// The latest sign-off; of two on one day, the later written.
    public var last: SignOff? {
        var last: SignOff?
        for signOff in signOffs where last.map({ signOff.date >= $0.date }) ?? true { last = signOff }
        return last
    }

    /// The most sign-offs a phrase names. It is one line of the MB's page, and a tracking file
    /// written by a script can hold thousands of sign-offs (the JSON reports list them all).
    public static let namedAtMost = 6

    /// The first `namedAtMost` sign-offs, each as `name` says, and how many more there are.
    static func named(_ signOffs: [SignOff], _ name: (SignOff) -> String) -> String {
        let named = signOffs.prefix(namedAtMost).map(name).joined(separator: ", ")
        let more = signOffs.count - namedAtMost
        return more > 0 ? named + " and \(more) more" : named
    }
}

/// The verdict on one framework. The findings decide what can be supported; the reviewers'
/// judgements confirm a finding, take it out (mitigated, false positive) or make it a condition
/// (accepted risk); their signatures make it the recommendation. The rules, in order, over the findings
/// still counting:
/// 1. a violated finding of high or critical severity, not an accepted risk → do not recommend;
/// 2. an open question (needs-information) of high or critical severity, not an accepted risk →
///    review incomplete;
/// 3. any other counting finding → recommend with conditions (the conditions are those findings);
/// 4. otherwise → recommend.
///
/// The recommendation is signed when every open finding has a judgement that holds, reviewers
/// from both OSG and EGEE have signed the description as reviewed, every signature of it says
/// the same, and what they say is no more favourable than what the findings support. Then the
/// verdict is what they signed; until then it is what the findings support, pending sign-off.
public struct FindingsVerdict: Sendable {
    public var verdict: Verdict
    /// What the findings and the judgements on them support.
    public var supported: Verdict
    /// The findings still counting, most important first (at most three are shown to the MB):
    /// violations, then open questions, then accepted risks; by severity within each.
    public var reasons: [Finding]
    /// Open findings the reviewers judged mitigated or false positives.
    public var dismissed = 0
    public var signOff: SignOffStatus

    public var signOffPending: Bool { !signOff.signed }

    /// The organisations whose signatures the recommendation needs (PRE-2).
    public static let signingOrganisations = StatusFormat.Words.organisations

    public init(_ review: FrameworkReview, tracking: FrameworkTracking? = nil) {
        let tracking = tracking ?? FrameworkTracking(review, file: nil)
        let judging = tracking.hasJudgements
        // The counting findings' places and sort keys, sorted before any finding is copied.
        var open: [(clause: Int, finding: Int, accepted: Bool, violated: Bool, severity: Severity)] = []
        for c in review.clauses.indices {
            for f in review.clauses[c].findings.indices {
                let status = review.clauses[c].findings[f].status
                guard status.isOpen else { continue }
                let kind = judging ? tracking.judgement(of: review.clauses[c].findings[f])?.kind : nil
                if let kind, kind.dismisses {
                    dismissed += 1
                    continue
                }
                open.append(
                    (c, f, kind == .acceptedRisk, status == .violated, review.clauses[c].findings[f].severity))
            }
        }
        open.sort { a, b in
            if a.accepted != b.accepted { return b.accepted }
            if a.violated != b.violated { return a.violated }
            if a.severity != b.severity { return a.severity > b.severity }
            return (a.clause, a.finding) < (b.clause, b.finding)
        }
        let blocking = open.filter { !$0.accepted && $0.severity >= .high }
        if blocking.contains(where: \.violated) {
            supported = .doNotRecommend
        } else if !blocking.isEmpty {
            supported = .reviewIncomplete
        } else if !open.isEmpty {
            supported = .recommendWithConditions
        } else {
            supported = .recommend
        }
        reasons = open.map { review.clauses[$0.clause].findings[$0.finding] }
        signOff = Self.signOff(tracking, supported: supported)
        verdict = signOff.signed ? signOff.signOffs[0].recommendation : supported
    }

    /// The sign-offs of the description as reviewed, and what they still lack.
    static func signOff(_ tracking: FrameworkTracking, supported: Verdict) -> SignOffStatus {
        let signOffs = tracking.signOffs
        guard tracking.file != nil else {
            return SignOffStatus(
                signOffs: [],
                missing: [
                    "no judgement or sign-off was read: the verdict is what the findings alone support"
                ])
        }
        var missing: [String] = []
        if tracking.unjudged > 0 {
            missing.append(
                tracking.unjudged == 1
                    ? "1 of the \(tracking.open) open findings is not judged"
                    : "\(tracking.unjudged) of the \(tracking.open) open findings are not judged")
        }
        let unsigned = signingOrganisations.filter { org in !signOffs.contains { $0.reviewer.organisation == org } }
        if !unsigned.isEmpty {
            missing.append("no reviewer from \(unsigned.joined(separator: " or ")) has signed this description")
        }
        let said = signOffs.map(\.recommendation)
        if let first = said.first {
            if said.contains(where: { $0 != first }) {
                missing.append(
                    "the sign-offs disagree: "
                        + SignOffStatus.named(signOffs) { "\($0.reviewer.phrase) signed \($0.recommendation.phrase)" })
            } else if first.favour > supported.favour {
                missing.append(
                    "the sign-offs say \(first.phrase), more than the judged findings support (\(supported.phrase))")
            }
        }
        if !missing.isEmpty && !tracking.outdatedSignOffs.isEmpty {
            let n = tracking.outdatedSignOffs.count
            missing.append(
                n == 1
                    ? "1 sign-off is of another version of the description"
                    : "\(n) sign-offs are of other versions of the description")
        }
        return SignOffStatus(signOffs: signOffs, missing: missing)
    }
}
