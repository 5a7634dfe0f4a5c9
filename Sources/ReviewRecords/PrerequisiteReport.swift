import FrameworkModel
import PolicyCatalog
import ReviewEngine

/// The status of the MB prerequisites on one day, and whether the policy is in effect: the value
/// that `mupj status` renders and the MB summary's prerequisites block is made from.
public struct PrerequisiteReport: Sendable {
    public var asOf: CalendarDay
    public var statusFile: String
    public var statusFileSHA256: String
    /// The latest date in the status file (the default `asOf`).
    public var latestDate: CalendarDay?
    /// The prerequisite catalogs used, as `(id, file)`.
    public var catalogs: [CatalogReference]
    /// In catalog order.
    public var prerequisites: [PrerequisiteStatus]
    public var gate: PolicyGate
    /// Findings verdicts that were given, whether or not they applied on `asOf`.
    public var verdicts: [FrameworkVerdictRecord]

    public func prerequisite(_ id: String) -> PrerequisiteStatus? { prerequisites.first { $0.id == id } }
}

public struct CatalogReference: Sendable, Hashable {
    public var id: String
    public var title: String
    public var file: String
    public var sha256: String
}

/// One prerequisite on one day.
public struct PrerequisiteStatus: Sendable {
    public var id: String
    public var title: String
    public var paraphrase: String
    public var decidedBy: String
    public var source: PrerequisiteSource
    /// False for a condition the MB added after November 2007.
    public var originalList: Bool
    public var addition: PrerequisiteAddition?
    /// Whether it is a condition of the policy on the day: a later addition is one from the day the
    /// MB added it. Before, it is decided and shown, but blocks nothing: the gate on a day is the
    /// one the MB had set by then.
    public var inForce: Bool
    public var state: PrerequisiteState
    /// One line: "4 of 6 batch systems tested; outstanding: PBS Pro, SGE".
    public var summary: String
    /// What the prerequisite asks for, item by item, with the evidence for each.
    public var items: [RequirementItem]
    /// Context that does not decide the state (evidence not counted, verdicts that do not block).
    public var notes: [String]
    /// What the MB last reported about this prerequisite, on or before the day.
    public var mbReported: MBReported?

    /// What is missing, one sentence per item not fully in evidence.
    public var missing: [String] { items.filter { $0.state != .done }.map(\.detail) }

    /// Met, but on entries the status file infers only: no item in evidence is stated.
    public var metOnInferenceOnly: Bool {
        state == .met && items.contains { $0.state == .done } && items.allSatisfy { $0.state != .done || $0.inferred }
    }

    /// The state as every page words it: "met (inferred)" when met on inferred entries only, so
    /// that the status a reader scans first says so, not only the evidence beside it.
    public var phrase: String { state.phrase(onInferenceOnly: metOnInferenceOnly) }
}

extension PrerequisiteState {
    /// "met", or "met (inferred)" for a state reached on inferred entries only.
    public func phrase(onInferenceOnly: Bool) -> String { phrase + (onInferenceOnly ? " (inferred)" : "") }
}

/// One unit of what a prerequisite asks for: a review, a batch system, a state of the server, a
/// framework, the deployment at the sites.
public struct RequirementItem: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// In evidence.
        case done
        /// Some evidence, not enough (a positive review whose signatories are not on record; a
        /// deployment in progress).
        case partial
        /// No evidence, or evidence against.
        case absent
    }

    public var name: String
    public var state: State
    /// What the evidence shows, or what is missing, as a sentence.
    public var detail: String
    /// The status file entries that decided it.
    public var evidence: [EvidenceEntry]
    /// Decided by an entry the status file infers rather than a source states (`inferred`): the
    /// prerequisite's summary names it beside its count when it is done, and its detail says so.
    public var inferred = false
}

/// An entry of the status file that a decision used.
public struct EvidenceEntry: Sendable, Hashable {
    public var date: CalendarDay
    public var section: String
    public var origin: EntryOrigin
}

public struct MBReported: Sendable, Hashable {
    public var date: CalendarDay
    public var state: PrerequisiteState
    public var notes: String?
    public var origin: EntryOrigin
    /// Whether the evidence on file gives the same state.
    public var agreesWithEvidence: Bool

    /// "met on 2009-11-24": how every page words it.
    public var phrase: String { "\(state.phrase) on \(date)" }
}

/// The gate: "the policy will come into effect when the MB agrees that all of the above
/// pre-requisites have been met". In effect only on an MB declaration; otherwise blocked by the
/// prerequisites not met, or awaiting the MB's agreement when all are met.
public struct PolicyGate: Sendable {
    public enum State: String, Sendable, Hashable {
        case inEffect = "in-effect"
        case awaitingMB = "awaiting-mb-agreement"
        case blocked
    }

    public var state: State
    /// Ids of the prerequisites not met on the day, in catalog order.
    public var blocking: [String]
    /// The latest MB decision on or before the day that declared the policy in or out of effect.
    public var declaration: MBDecision?
    /// Why, one reason each: a prerequisite not met with what it misses, or the MB's decision.
    public var reasons: [Reason]
    /// The exception windows that cover the day (overlapping windows all apply), by start date.
    public var exceptionWindows: [ExceptionWindow]
    /// When no window covers the day, those that ended last before it (all that ended on that
    /// last day), by start date: decisions the MB took, which a page of a later day would otherwise
    /// leave out without a word.
    public var endedWindows: [ExceptionWindow] = []
    /// With `endedWindows`, the first window on file that starts after the day, if any.
    public var nextWindow: ExceptionWindow? = nil

    public var inEffect: Bool { state == .inEffect }

    /// One reason, with the items it lists kept apart, so that a report can show them as a list
    /// (PRE-2 names every framework) rather than one long sentence.
    public struct Reason: Sendable, Hashable {
        /// "PRE-2 partly met"; or the whole reason when it lists nothing.
        public var text: String
        /// What is missing, one item each; empty when the reason lists nothing.
        public var items: [String]

        public init(_ text: String, items: [String] = []) {
            self.text = text
            self.items = items
        }

        /// The reason as one sentence: "PRE-1 partly met: OSG: no review of gLExec on file".
        public var sentence: String { items.isEmpty ? text : text + ": " + items.joined(separator: "; ") }

        /// The items to list under `text`, or nil when the reason reads best as its sentence (it
        /// lists one item or none). Every report that lists reasons follows this.
        public var listed: [String]? { items.count > 1 ? items : nil }
    }

    public var phrase: String {
        switch state {
        case .inEffect: return "in effect"
        case .awaitingMB: return "not in effect (awaiting the MB's agreement)"
        case .blocked: return "not in effect"
        }
    }
}

/// A framework's findings verdict (ReviewRecords' `FindingsVerdict`), with the day from which it
/// applies: the date its description reflects.
public struct FrameworkVerdictRecord: Sendable, Hashable {
    public var framework: String
    public var vo: String
    public var verdict: Verdict
    /// Nil: applies on every day.
    public var describedOn: CalendarDay?
    /// The description the verdict is about, when it came from a review.
    public var file: String?
    /// When the verdict is signed (mupj sign-off): from `signature.on`, the reviewers'
    /// recommendation, which PRE-2 counts as a recommendation on file does.
    public var signature: Signature?

    /// The signatures that make a verdict the review team's recommendation.
    public struct Signature: Sendable, Hashable {
        /// The day of the last signature: the recommendation is made then.
        public var on: CalendarDay
        public var by: [Reviewer]
        /// Where the last signature is written.
        public var origin: EntryOrigin
        /// What the findings and judgements supported, which stands until `on`.
        public var unsigned: Verdict

        public init(on: CalendarDay, by: [Reviewer], origin: EntryOrigin, unsigned: Verdict) {
            self.on = on
            self.by = by
            self.origin = origin
            self.unsigned = unsigned
        }
    }

    public init(
        framework: String, vo: String, verdict: Verdict, describedOn: CalendarDay?, file: String? = nil,
        signature: Signature? = nil
    ) {
        self.framework = framework
        self.vo = vo
        self.verdict = verdict
        self.describedOn = describedOn
        self.file = file
        self.signature = signature
    }

    /// The verdict on one reviewed framework, with the reviewers' judgements and sign-offs in
    /// `tracking`.
    public init(_ review: FrameworkReview, tracking: TrackingSet = .empty) {
        self.init(TrackedReview(review, tracking: tracking))
    }

    /// The verdict on one reviewed framework joined with its tracking file already: the verdict
    /// the reports show of it, not one worked out again.
    public init(_ tracked: TrackedReview) {
        let (review, verdict) = (tracked.review, tracked.verdict)
        var signature: Signature?
        // The last signature makes the recommendation.
        if verdict.signOff.signed, let last = verdict.signOff.last {
            signature = Signature(
                on: last.date, by: verdict.signOff.signOffs.map(\.reviewer),
                origin: EntryOrigin(file: last.file, location: last.location),
                unsigned: verdict.supported)
        }
        self.init(
            framework: review.name, vo: review.vo, verdict: verdict.verdict,
            describedOn: CalendarDay(review.describedOn), file: review.file, signature: signature)
    }

    /// The verdict as it stood on `day`: what the findings supported until the reviewers signed.
    public func verdict(on day: CalendarDay) -> Verdict {
        guard let signature, day < signature.on else { return verdict }
        return signature.unsigned
    }

    /// The reviewers' signed recommendation on `day`, if it is positive: a recommendation to count
    /// for PRE-2.
    func signedRecommendation(on day: CalendarDay) -> Signature? {
        guard let signature, signature.on <= day, verdict == .recommend || verdict == .recommendWithConditions else {
            return nil
        }
        return signature
    }

    /// One record per framework of a review, in order, from its frameworks joined with their
    /// tracking files.
    public static func records(_ frameworks: [TrackedReview]) -> [FrameworkVerdictRecord] {
        frameworks.map(FrameworkVerdictRecord.init)
    }

    public func applies(on day: CalendarDay) -> Bool { describedOn.map { $0 <= day } ?? true }

    var key: FrameworkKey { FrameworkKey(name: framework, vo: vo) }
}

/// A day on which the status changed, what changed, and the status after the change.
public struct StatusChange: Sendable {
    public var date: CalendarDay
    /// One sentence per change: "PRE-3: not met → met (6 of 6 batch systems tested)".
    public var changes: [String]
    public var report: PrerequisiteReport
}
