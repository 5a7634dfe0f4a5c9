import DocumentSchema
import FrameworkModel
import PolicyCatalog
import YAMLDocument

/// An entry of a file of the reviews (a status or tracking file), with where it is written.
public protocol WrittenEntry {
    var file: String { get }
    var location: SourceLocation { get }
}

extension WrittenEntry {
    /// `path:line`, for reports.
    public var place: String { "\(file):\(location.line)" }
}

/// Where an entry of the status file is written, and what it cites.
public struct EntryOrigin: WrittenEntry, Sendable, Hashable {
    public var file: String
    public var location: SourceLocation
    public var sources: [String]
    public var notes: String?

    public init(file: String, location: SourceLocation, sources: [String] = [], notes: String? = nil) {
        self.file = file
        self.location = location
        self.sources = sources
        self.notes = notes
    }
}

/// A security review of gLExec (PRE-1).
public struct GLExecReview: Sendable, Hashable {
    public enum Outcome: String, Sendable, CaseIterable {
        case positive, negative, pending
    }

    public var organisation: String
    public var outcome: Outcome
    /// No source states the outcome; the file infers it (`inferred`).
    public var inferred = false
    public var date: CalendarDay
    /// Nil when the file says `unknown`.
    public var reference: String?
    public var origin: EntryOrigin
}

/// An integration test of gLExec with one batch system (PRE-3).
public struct BatchSystemTest: Sendable, Hashable {
    public enum Result: String, Sendable, CaseIterable {
        case pass, fail
        case inProgress = "in-progress"
        /// A tester is named for the system, and no source says the test has started.
        case planned
    }

    public var batchSystem: String
    /// Nil when the file says `unknown`.
    public var site: String?
    public var date: CalendarDay
    public var result: Result
    /// No source states the result for this system; the file infers it (`inferred`).
    public var inferred = false
    public var origin: EntryOrigin
}

/// A state reached by an authorisation service (PRE-4).
public struct ServiceState: Sendable, Hashable {
    public enum State: String, Sendable, CaseIterable, Comparable {
        case inDevelopment = "in-development"
        case completed, certified, deployed

        public static func < (lhs: State, rhs: State) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var product: String
    public var state: State
    public var date: CalendarDay
    /// No source states the state; the file infers it (`inferred`).
    public var inferred = false
    public var origin: EntryOrigin
}

/// How far gLExec is deployed at the sites (PRE-5).
public struct DeploymentState: Sendable, Hashable {
    public enum State: String, Sendable, CaseIterable {
        case notStarted = "not-started"
        case inProgress = "in-progress"
        case done
    }

    public var state: State
    public var date: CalendarDay
    /// Nil when not given or `unknown`.
    public var coverage: String?
    /// No source states the state; the file infers it (`inferred`).
    public var inferred = false
    public var origin: EntryOrigin
}

public struct Reviewer: Sendable, Hashable {
    public var name: String
    public var organisation: String

    public init(name: String, organisation: String) {
        self.name = name
        self.organisation = organisation
    }
}

/// The recommendation on one framework (PRE-2).
public struct FrameworkRecommendation: Sendable, Hashable {
    public enum Outcome: String, Sendable, CaseIterable {
        case positive, negative, pending
    }

    public var framework: String
    public var vo: String
    public var outcome: Outcome
    /// No source states the outcome; the file infers it (`inferred`).
    public var inferred = false
    public var date: CalendarDay
    /// Nil when the file says `unknown`: the reviewers are not on record.
    public var reviewers: [Reviewer]?
    public var origin: EntryOrigin

    /// Framework and VO, case-insensitively: how records and descriptions are matched.
    public var key: FrameworkKey { FrameworkKey(name: framework, vo: vo) }
}

/// The status of one prerequisite as the MB reported it.
public struct MBAssessment: Sendable, Hashable {
    public var prerequisite: String
    public var state: PrerequisiteState
    public var location: SourceLocation
    public var notes: String?
}

/// A decision or statement of the MB.
public struct MBDecision: Sendable, Hashable {
    public var date: CalendarDay
    public var summary: String
    /// The MB declared the policy in effect (true) or not in effect (false); nil when it said neither.
    public var policyInEffect: Bool?
    public var assessment: [MBAssessment]
    public var origin: EntryOrigin
}

/// A period in which the MB suspended part of the policy; `from` and `to` are inclusive.
public struct ExceptionWindow: Sendable, Hashable {
    public var id: String
    public var from: CalendarDay
    public var to: CalendarDay
    public var suspends: [String]
    public var conditions: [String]
    public var decision: String
    public var origin: EntryOrigin

    public func covers(_ day: CalendarDay) -> Bool { from <= day && day <= to }
}

/// A validated status file (format `mupj-status/1`): every dated entry, in file order.
public struct PrerequisiteStatusFile: Sendable {
    public var path: String
    public var sha256: String
    public var glexecReviews: [GLExecReview] = []
    public var batchSystemTests: [BatchSystemTest] = []
    public var authorizationService: [ServiceState] = []
    public var glexecDeployment: [DeploymentState] = []
    public var frameworkReviews: [FrameworkRecommendation] = []
    public var mbDecisions: [MBDecision] = []
    public var exceptionWindows: [ExceptionWindow] = []

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }

    /// Every date written in the file (a window's `to` included), sorted, without repeats.
    public var dates: [CalendarDay] {
        var all: [CalendarDay] = glexecReviews.map(\.date) + batchSystemTests.map(\.date)
        all += authorizationService.map(\.date) + glexecDeployment.map(\.date) + frameworkReviews.map(\.date)
        all += mbDecisions.map(\.date) + exceptionWindows.flatMap { [$0.from, $0.to] }
        return Array(Set(all)).sorted()
    }

    /// The latest date in the file: the default day of `mupj status`, so that its output depends
    /// on the file alone and never on the clock.
    public var latestDate: CalendarDay? { dates.last }

    /// The default of `mupj status --max-history-entries`: fifty times the entries of the shipped
    /// file, which has not reached twenty in any section.
    public static let defaultHistoryEntries = 1_000

    /// The default of `mupj status --max-history-statuses`: the history lists every prerequisite
    /// after each change, so its output is the prerequisites times the days. 100 000 is a hundred
    /// prerequisites (the shipped catalog has five) over the full 1 000 entries; 1 000 prerequisites
    /// over 1 000 dated entries gave 1 000 000 statuses, 90 MB of text in 7.7 s, and 1 GB of memory
    /// for 177 MB of JSON.
    public static let defaultHistoryStatuses = 100_000

    /// Where the history passes `maxEntries` entries, or `maxStatuses` statuses (`prerequisites`
    /// listed after each entry's change): it reads the status on each date of the file, and each
    /// reading grows with the entries (a framework, a window listed again on every date) and lists
    /// every prerequisite, so its time and its output grow with the square of the file, or with the
    /// file times the catalog. Each framework reviewed beside it (`status --history --frameworks`) is
    /// one entry more, after the file's: its date is one more the history reads (2 000 descriptions
    /// took 4.6 s). Nil within the limits; else the error is at the file's entry, or names the
    /// description, that passes them.
    public func historyLimit(
        maxEntries: Int, maxStatuses: Int, prerequisites: Int,
        verdicts: [FrameworkVerdictRecord] = []
    ) -> Diagnostic? {
        let origins: [EntryOrigin] =
            glexecReviews.map(\.origin) + batchSystemTests.map(\.origin) + authorizationService.map(\.origin)
            + glexecDeployment.map(\.origin) + frameworkReviews.map(\.origin) + mbDecisions.map(\.origin)
            + exceptionWindows.map(\.origin)
        let total = origins.count + verdicts.count
        let byStatuses = maxStatuses / max(prerequisites, 1)
        let limit = min(maxEntries, byStatuses)
        guard total > limit else { return nil }
        let (why, raise) =
            limit < maxEntries
            ? (
                "with \(prerequisites) prerequisites, --history reads at most \(limit)",
                "as it lists every prerequisite after each change (at most \(maxStatuses) statuses; raise the "
                    + "limit with --max-history-statuses)"
            )
            : (
                "--history reads at most \(limit)",
                "as its time grows with the square of their number (raise the limit with --max-history-entries)"
            )
        guard origins.count <= limit else {
            return Diagnostic(
                file: path, location: origins.map(\.location).sorted()[limit],
                message: "entry \(limit + 1) of \(origins.count): \(why) entries, \(raise)")
        }
        return Diagnostic(
            file: verdicts[limit - origins.count].file ?? path, location: nil,
            message: "entry \(limit + 1) of \(total) (the status file's \(origins.count) and \(verdicts.count) "
                + "reviewed descriptions, each with its date): \(why), \(raise)")
    }
}

/// Reads a status file: YAML → `StatusFormat` validation → typed entries, with every problem as a
/// located diagnostic. Beyond the shape it requires a source on every entry, a window that does
/// not end before it starts, and no two entries about the same thing on the same day that
/// disagree (the history could not say which holds).
public enum StatusFileLoader {
    public struct Outcome: Sendable {
        public var file: PrerequisiteStatusFile?
        public var diagnostics: [Diagnostic]
    }

    public static func load(_ source: SourceFile, limits: LoadLimits = .default) -> Outcome {
        let loaded = SchemaValidator(root: StatusFormat.root).load(
            source, limits: limits, identifier: StatusFormat.identifier
        ) { value in
            let built = build(value, file: source.path, sha256: source.sha256, requireSources: true)
            return (built.file, built.diagnostics)
        }
        return Outcome(file: loaded.document, diagnostics: loaded.diagnostics)
    }

    /// The typed file from a validated tree (a whole file, or a catalog example's fragment, for
    /// which `requireSources` is false).
    public static func build(_ value: Value, file: String, sha256: String = "", requireSources: Bool)
        -> (file: PrerequisiteStatusFile, diagnostics: [Diagnostic])
    {
        var builder = StatusBuilder(file: file, requireSources: requireSources)
        let status = builder.build(value, sha256: sha256)
        return (status, builder.diagnostics.sorted())
    }

    /// Checks the file against the catalogs: every MB assessment must name a known prerequisite.
    public static func crossCheck(_ status: PrerequisiteStatusFile, against prerequisites: [Prerequisite])
        -> [Diagnostic]
    {
        let ids = prerequisites.map(\.id)
        let known = Set(ids)
        // The ids named, and suggestions made, are bounded: a catalog may hold thousands of
        // prerequisites and a status file name wrong ones in thousands of items.
        let named = ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? ", … (\(ids.count) in all)" : "")
        var comparisons = SchemaValidator.suggestionComparisons
        var diagnostics = CappedDiagnostics(file: status.path)
        for item in status.mbDecisions.lazy.flatMap(\.assessment) where !known.contains(item.prerequisite) {
            guard diagnostics.hasRoom() else { break }
            var suggestion = ""
            if ids.count <= comparisons {
                comparisons -= ids.count
                suggestion = Suggestion.phrase(for: item.prerequisite, in: ids)
            }
            diagnostics.append(
                Diagnostic(
                    file: status.path, location: item.location,
                    message: "no prerequisite \(Diagnostic.quote(item.prerequisite)) in the catalogs (known: \(named))"
                        + suggestion))
        }
        return diagnostics.sorted()
    }
}

private struct StatusBuilder {
    let file: String
    let requireSources: Bool
    /// At most `SchemaValidator.maxDiagnostics`, as the shape's errors: 60 000 entries of one
    /// review on one day that disagree gave 40 001 errors.
    var diagnostics: CappedDiagnostics

    init(file: String, requireSources: Bool) {
        self.file = file
        self.requireSources = requireSources
        diagnostics = CappedDiagnostics(file: file)
    }

    mutating func error(_ location: SourceLocation, _ message: String) { diagnostics.error(location, message) }

    mutating func build(_ value: Value, sha256: String) -> PrerequisiteStatusFile {
        let root = value.object
        var status = PrerequisiteStatusFile(path: file, sha256: sha256)
        status.glexecReviews = entries(root, "glexec_reviews") { o, origin in
            GLExecReview(
                organisation: o["by"]?.string ?? "", outcome: EntryValue.word(o["outcome"]) ?? .pending,
                inferred: EntryValue.flag(o["inferred"]), date: EntryValue.day(o["date"]),
                reference: o["reference"]?.string, origin: origin)
        }
        status.batchSystemTests = entries(root, "batch_system_tests") { o, origin in
            BatchSystemTest(
                batchSystem: o["batch_system"]?.string ?? "", site: o["site"]?.string, date: EntryValue.day(o["date"]),
                result: EntryValue.word(o["result"]) ?? .inProgress, inferred: EntryValue.flag(o["inferred"]),
                origin: origin)
        }
        status.authorizationService = entries(root, "authorization_service") { o, origin in
            ServiceState(
                product: o["product"]?.string ?? "", state: EntryValue.word(o["state"]) ?? .inDevelopment,
                date: EntryValue.day(o["date"]), inferred: EntryValue.flag(o["inferred"]),
                origin: origin)
        }
        status.glexecDeployment = entries(root, "glexec_deployment") { o, origin in
            DeploymentState(
                state: EntryValue.word(o["state"]) ?? .notStarted, date: EntryValue.day(o["date"]),
                coverage: o["coverage"]?.string, inferred: EntryValue.flag(o["inferred"]),
                origin: origin)
        }
        status.frameworkReviews = entries(root, "framework_reviews") { o, origin in
            let reviewers = o["reviewers"]?.list?.map(EntryValue.reviewer)
            return FrameworkRecommendation(
                framework: o["framework"]?.string ?? "", vo: o["vo"]?.string ?? "",
                outcome: EntryValue.word(o["outcome"]) ?? .pending,
                inferred: EntryValue.flag(o["inferred"]), date: EntryValue.day(o["date"]),
                reviewers: reviewers,
                origin: origin)
        }
        status.mbDecisions = entries(root, "mb_decisions") { o, origin in
            let assessment = (o["assessment"]?.list ?? []).compactMap { item -> MBAssessment? in
                guard let a = item.object, let state = a["status"]?.string.flatMap(PrerequisiteState.init) else {
                    return nil
                }
                return MBAssessment(
                    prerequisite: a["prerequisite"]?.string ?? "", state: state, location: item.range.start,
                    notes: a.notes)
            }
            return MBDecision(
                date: EntryValue.day(o["date"]), summary: o["summary"]?.string ?? "",
                policyInEffect: o["policy_in_effect"]?.boolean,
                assessment: assessment, origin: origin)
        }
        status.exceptionWindows = entries(root, "exception_windows") { o, origin in
            ExceptionWindow(
                id: o["id"]?.string ?? "", from: EntryValue.day(o["from"]), to: EntryValue.day(o["to"]),
                suspends: o["suspends"]?.list?.compactMap(\.string) ?? [],
                conditions: o["conditions"]?.list?.compactMap(\.string) ?? [], decision: o["decision"]?.string ?? "",
                origin: origin)
        }
        checkConsistency(status, root: root)
        return status
    }

    /// The typed entries of one section, skipping (and reporting) what cannot be read.
    mutating func entries<T>(
        _ root: ObjectValue?, _ section: String, _ make: (ObjectValue, EntryOrigin) -> T
    ) -> [T] {
        (root?[section]?.list ?? []).compactMap { value -> T? in
            guard let object = value.object else { return nil }
            if requireSources && value.sources.isEmpty {
                error(value.range.start, "every entry of \(section) needs a source: say where the fact comes from")
            }
            let origin = EntryOrigin(
                file: file, location: value.range.start, sources: value.sources, notes: object.notes)
            return make(object, origin)
        }
    }

    mutating func checkConsistency(_ status: PrerequisiteStatusFile, root: ObjectValue?) {
        for window in status.exceptionWindows where window.to < window.from {
            let location = windowField(root, window, "to") ?? window.origin.location
            error(
                location,
                "exception window \(Diagnostic.quote(window.id)) ends (\(window.to)) before it starts (\(window.from))")
        }
        // What an entry says includes whether it is inferred: a stated and an inferred entry of the
        // same day conflict, as whichever came last would decide what the reports call it.
        conflicts(status.glexecReviews, section: "glexec_reviews") {
            (
                "\($0.organisation) review", "\($0.date)",
                $0.outcome.rawValue + PrerequisiteTracker.inferred($0.inferred), $0.origin
            )
        }
        // Matched as the tracker groups them (`StatusIndex.Site`), not by the words of the message:
        // a test at no named site and one at a site named "an unknown site" are not the same.
        conflicts(
            status.batchSystemTests, section: "batch_system_tests",
            same: { AnyHashable(StatusIndex.Site(batchSystem: $0.batchSystem, site: $0.site ?? "")) }
        ) {
            (
                "test of \($0.batchSystem) at \($0.site.flatMap { $0.isEmpty ? nil : $0 } ?? "an unknown site")",
                "\($0.date)",
                $0.result.rawValue + PrerequisiteTracker.inferred($0.inferred),
                $0.origin
            )
        }
        conflicts(status.glexecDeployment, section: "glexec_deployment") {
            (
                "gLExec deployment", "\($0.date)", $0.state.rawValue + PrerequisiteTracker.inferred($0.inferred),
                $0.origin
            )
        }
        // Matched as the tracker matches them, case-insensitively: `foo/BAR` on the same day as
        // `Foo/BAR` is the same framework, and the two must agree.
        conflicts(status.frameworkReviews, section: "framework_reviews", same: { AnyHashable($0.key) }) {
            (
                "review of \($0.framework) (\($0.vo))", "\($0.date)",
                $0.outcome.rawValue + PrerequisiteTracker.inferred($0.inferred), $0.origin
            )
        }
        conflicts(status.mbDecisions.filter { $0.policyInEffect != nil }, section: "mb_decisions") {
            ("MB declaration on the policy", "\($0.date)", String($0.policyInEffect ?? false), $0.origin)
        }
    }

    func windowField(_ root: ObjectValue?, _ window: ExceptionWindow, _ name: String) -> SourceLocation? {
        root?["exception_windows"]?.list?.first { $0.range.start == window.origin.location }?.object?[name]?.range.start
    }

    /// Two entries about the same subject on the same day must say the same thing. Subjects are
    /// the same when their words are, or, given `same`, when that says so.
    mutating func conflicts<T>(
        _ entries: [T], section: String, same: ((T) -> AnyHashable)? = nil,
        _ key: (T) -> (subject: String, day: String, says: String, origin: EntryOrigin)
    ) {
        var first: [SubjectOnDay: (says: String, origin: EntryOrigin)] = [:]
        for entry in entries {
            let k = key(entry)
            let id = SubjectOnDay(subject: same?(entry) ?? AnyHashable(k.subject), day: k.day)
            guard let earlier = first[id] else {
                first[id] = (k.says, k.origin)
                continue
            }
            if earlier.says != k.says {
                error(
                    k.origin.location,
                    "this \(k.subject) on \(k.day) says \(k.says), but the entry at line \(earlier.origin.location.line) "
                        + "says \(earlier.says) for the same day; keep one, or date them apart")
            }
        }
    }
}

/// What two entries of a status file must agree on: one subject on one day.
private struct SubjectOnDay: Hashable {
    var subject: AnyHashable
    var day: String
}
