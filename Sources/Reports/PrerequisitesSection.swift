import PolicyCatalog
import ReviewRecords

/// The status of the MB prerequisites as the summary shows it. The prerequisites tracker fills
/// it; the summary only lays it out.
public struct PrerequisitesSection: Sendable {
    public struct Item: Sendable {
        /// The prerequisite's id (`PRE-1` … `PRE-5` in the shipped catalog).
        public var id: String
        public var title: String
        /// What the evidence on file gives.
        public var state: PrerequisiteState
        /// Met on entries the status file infers only (`PrerequisiteStatus.metOnInferenceOnly`).
        public var onInferenceOnly = false
        /// "met", or "met (inferred)".
        var phrase: String { state.phrase(onInferenceOnly: onInferenceOnly) }
        /// One line saying what the status rests on.
        public var evidence: String
        /// What the MB last reported on or before the day, nil when it reported nothing: its own
        /// column, beside the status the evidence on file gives, so that a reader sees where the two
        /// agree as well as where they differ.
        public var mbReported: MBReported?

        public init(
            id: String, title: String, state: PrerequisiteState, evidence: String, mbReported: MBReported? = nil
        ) {
            self.id = id
            self.title = title
            self.state = state
            self.evidence = evidence
            self.mbReported = mbReported
        }

        /// The MB column's cell: "met on 2009-11-24", or a dash.
        var mbCell: String { mbReported?.phrase ?? "—" }
    }

    /// A file the block was computed from, for the provenance list.
    public struct File: Sendable {
        /// What the file is, e.g. `prerequisite catalog`, `status file`.
        public var kind: String
        public var path: String
        public var sha256: String

        public init(kind: String, path: String, sha256: String) {
            self.kind = kind
            self.path = path
            self.sha256 = sha256
        }
    }

    public var items: [Item]
    /// The day the prerequisites are given on, YYYY-MM-DD.
    public var asOf: String?
    /// Whether the policy can come into effect: "On 2010-04-06 the policy is not in effect".
    public var gateHeadline: String
    /// Why, and the exception windows that apply; shown as a list under the headline.
    public var gateReasons: [PolicyGate.Reason]
    public var files: [File]
    /// The prerequisites not met on the day, by id, in catalog order (`PolicyGate.blocking`).
    public var notMet: [String]
    /// Whether every prerequisite is met and the policy waits only for the MB to agree.
    public var awaitingMB: Bool

    /// `notMet` and `awaitingMB` have no default: a section that left them out would tell the
    /// next steps that every prerequisite is met.
    public init(
        items: [Item], asOf: String? = nil, gateHeadline: String, gateReasons: [PolicyGate.Reason] = [],
        files: [File] = [], notMet: [String], awaitingMB: Bool
    ) {
        self.items = items
        self.asOf = asOf
        self.gateHeadline = gateHeadline
        self.gateReasons = gateReasons
        self.files = files
        self.notMet = notMet
        self.awaitingMB = awaitingMB
    }

    /// The headline as it leads the list of reasons.
    var gateLead: String { gateHeadline + (gateReasons.isEmpty ? "." : ":") }

    /// The headline and its reasons in one sentence, for the JSON summary.
    public var gate: String {
        gateReasons.isEmpty
            ? gateHeadline + "." : gateHeadline + ": " + gateReasons.map(\.sentence).joined(separator: "; ") + "."
    }
}
