import DocumentSchema
import PolicyCatalog
import YAMLDocument

/// A fact (or a gap) that a decision used, with where it is in the description.
public struct Evidence: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        /// The description states the value.
        case stated
        /// The description says it does not know.
        case unknown
        /// The description does not mention it; the range is the section where it belongs.
        case absent
    }

    public var file: String
    public var range: SourceRange
    /// Where in the description, e.g. `channels[payload-fetch].authentication`.
    public var path: String
    /// The value as written, `unknown`, or empty when absent.
    public var value: String
    public var state: State
    /// Why it is unknown, cut as values are.
    public var reason: String?
    /// The first `listedSources` of the citations given for it, each cut as values are.
    public var sources: [String]
    /// How many more citations the description gives for it.
    public var unlistedSources = 0
    /// The part of the check that cited it first: the requirement, or its guard (`when`, whether
    /// the check applies; `where`, whether the element is checked). The requirement's come first.
    public var phase = Observation.Phase.require
    /// The describer's notes on it, cut as values are: what the description says of its own
    /// fact (a caveat, what it rests on) belongs beside it wherever it is cited.
    public var notes: String?
    /// A list written with `partial: true`: what it names is in it, and others may be too, so a
    /// test that an item is absent cannot be decided from it.
    public var partial = false

    /// Where a fact is: its path and its offset in the description. The same place cited twice is
    /// one fact, whatever else its citations hold; what decides whether two citations are the same.
    public struct Place: Hashable, Sendable {
        public var path: String
        public var offset: Int

        public init(path: String, offset: Int) {
            self.path = path
            self.offset = offset
        }
    }

    public var place: Place { Place(path: path, offset: range.start.offset) }

    /// How many citations of a fact its evidence lists. A description cites a handful; one that
    /// cited thousands on a fact that thousands of findings quote wrote gigabytes (4 000 findings
    /// of 2 000 sources: 4.2 s and 1 GB of JSON).
    public static let listedSources = 10

    init(
        file: String, range: SourceRange, path: String, value: String, state: State, reason: String?,
        citing annotations: Annotations? = nil
    ) {
        self.file = file
        self.range = range
        self.path = path
        self.value = value
        self.state = state
        self.reason = reason
        let sources = annotations?.sources ?? []
        self.sources = sources.prefix(Self.listedSources).map(Value.shown)
        unlistedSources = max(0, sources.count - Self.listedSources)
        notes = annotations?.notes.map(Value.shown)
    }
}

/// The outcome of one check on one subject (the description, or one of its components,
/// credentials or channels).
public struct Finding: Sendable {
    /// Stable across edits elsewhere in the files: derived from catalog, clause, check, framework
    /// and subject, never from line numbers.
    public var id: String
    public var catalogID: String
    public var clauseID: String
    public var checkID: String
    public var title: String
    public var severity: Severity
    public var status: Status
    /// The element the finding is about (`channels[payload-fetch]`), or nil for the description.
    public var subject: String?
    /// Expected versus found, in words.
    public var message: String
    public var evidence: [Evidence]
    public var recommendation: String
    /// Every field test the decision ran, for `mupj explain`.
    public var trace: [Observation]

    /// How many more places the tests it cites reached than they list (each test lists at most
    /// `Observation.listedPlaces`), counted per test; the evidence cites the listed ones only.
    public var unlistedPlaces: Int { trace.reduce(0) { $0 + ($1.decides ? $1.unlisted : 0) } }

    /// `CLAUSE/check`: how reports and tracking files name what the finding is about.
    public var ruleID: String { clauseID + "/" + checkID }

    static func fingerprint(
        catalog: String, clause: String, check: String, framework: String, subject: String?
    ) -> String {
        SHA256.hex(joining: [catalog, clause, check, framework, subject ?? ""], digits: 16)
    }
}
