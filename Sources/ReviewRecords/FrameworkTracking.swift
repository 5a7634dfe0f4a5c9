import DocumentSchema
import FrameworkModel
import PolicyCatalog
import ReviewEngine
import YAMLDocument

/// The tracking files of a run, by the framework each is about.
public struct TrackingSet: Sendable {
    public private(set) var files: [TrackingFile] = []
    private var byKey: [FrameworkKey: Int] = [:]

    public static let empty = TrackingSet()

    private init() {}

    /// The set, and an error for every file about a framework that an earlier file is about: the
    /// two could disagree, and neither would say which holds.
    public static func make(_ files: [TrackingFile]) -> (set: TrackingSet, diagnostics: [Diagnostic]) {
        var set = TrackingSet()
        var diagnostics: [Diagnostic] = []
        for file in files {
            if let first = set.byKey[file.key] {
                diagnostics.append(
                    Diagnostic(
                        file: file.path, location: file.location,
                        message:
                            "\(set.files[first].path) already tracks the review of \(file.framework) (\(file.vo)); "
                            + "keep one tracking file per framework"))
                continue
            }
            set.byKey[file.key] = set.files.count
            set.files.append(file)
        }
        return (set, diagnostics)
    }

    /// The file about the framework reviewed, matched by name and VO as written in it.
    public func file(for review: FrameworkReview) -> TrackingFile? { file(framework: review.name, vo: review.vo) }

    /// The file about the framework `name` of `vo`, matched as `FrameworkKey` matches.
    public func file(framework name: String, vo: String) -> TrackingFile? {
        guard !byKey.isEmpty else { return nil }
        return byKey[FrameworkKey(name: name, vo: vo)].map { files[$0] }
    }
}

/// The review of one framework joined with its tracking file: the judgement that holds for each
/// open finding, the judgements that no longer apply (each with a warning saying why), and the
/// sign-offs of the description as reviewed.
public struct FrameworkTracking: Sendable {
    /// What the reviewers have said of one finding.
    public enum State: Sendable, Equatable {
        /// Not judged (or not open).
        case unjudged
        case judged(Judgement)
        /// Judged when the finding had another status: it is open again.
        case lapsed(Judgement, now: Status)
    }

    public var file: TrackingFile?
    /// Judgements that hold, by finding id.
    private var current: [String: Judgement] = [:]
    private var lapsed: [String: (Judgement, Status)] = [:]
    /// Open findings without a judgement that holds (counted with a tracking file only).
    public private(set) var unjudged = 0
    /// Open findings (counted with a tracking file only).
    public private(set) var open = 0
    /// Open findings with a judgement that holds, by its kind.
    public private(set) var judged: [Judgement.Kind: Int] = [:]
    /// Sign-offs of the description as reviewed (its SHA-256), in file order.
    public private(set) var signOffs: [SignOff] = []
    /// Sign-offs of other versions of the description.
    public private(set) var outdatedSignOffs: [SignOff] = []
    /// Warnings about judgements that apply to no open finding as written, at most
    /// `maxWarnings`, then a note with the number left out.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Judgements past `maxWarnings` that apply to no open finding.
    private var unlisted = 0

    /// As many as a file's errors (`SchemaValidator.maxDiagnostics`): a tracking file kept from
    /// an older catalog could hold thousands of judgements that no finding matches any more.
    public static let maxWarnings = SchemaValidator.maxDiagnostics

    public init(_ review: FrameworkReview, file: TrackingFile?) {
        self.file = file
        // Every review passes here, most of them without a tracking file: nothing to join, and
        // nothing the verdict or any format reads without one.
        guard let file else { return }
        var findings: [String: (rule: String, status: Status)] = [:]
        if !file.judgements.isEmpty {
            findings.reserveCapacity(review.clauses.reduce(0) { $0 + $1.findings.count })
            // Read in place: a finding copied to be looked at is a dozen reference counts.
            for c in review.clauses.indices {
                for f in review.clauses[c].findings.indices {
                    let finding = (review.clauses[c].findings[f].ruleID, review.clauses[c].findings[f].status)
                    findings[review.clauses[c].findings[f].id] = finding
                }
            }
        }
        for judgement in file.judgements {
            guard let finding = findings[judgement.finding] else {
                warn(
                    judgement,
                    "no finding of \(review.name) (\(review.vo)) has the id \(judgement.finding): the judgement is "
                        + "ignored (the check or its subject may have been removed; the ids are in the reports)")
                continue
            }
            if finding.rule != judgement.rule {
                warn(
                    judgement,
                    "finding \(judgement.finding) is \(finding.rule), not \(judgement.rule): the judgement is ignored; "
                        + "copy the id and the rule from the same finding")
            } else if !finding.status.isOpen {
                warn(
                    judgement,
                    "finding \(judgement.finding) (\(finding.rule)) is now \(finding.status.rawValue): the judgement no "
                        + "longer applies and can be removed")
            } else if finding.status != judgement.status {
                lapsed[judgement.finding] = (judgement, finding.status)
                warn(
                    judgement,
                    "finding \(judgement.finding) (\(finding.rule)) was \(judgement.status.rawValue) when judged and is "
                        + "now \(finding.status.rawValue): the judgement lapses; judge it again by editing this entry "
                        + "(its status, judgement and reason)")
            } else {
                current[judgement.finding] = judgement
            }
        }
        for c in review.clauses.indices {
            for f in review.clauses[c].findings.indices where review.clauses[c].findings[f].status.isOpen {
                open += 1
                if !current.isEmpty, let judgement = current[review.clauses[c].findings[f].id] {
                    judged[judgement.kind, default: 0] += 1
                } else {
                    unjudged += 1
                }
            }
        }
        for signOff in file.signOffs {
            if signOff.descriptionSHA256 == review.sha256 {
                signOffs.append(signOff)
            } else {
                outdatedSignOffs.append(signOff)
            }
        }
        if unlisted > 0 {
            diagnostics.append(
                Diagnostic(
                    file: file.path, location: nil, severity: .note,
                    message: unlisted == 1
                        ? "1 more judgement of \(review.name) (\(review.vo)) applies to no open finding as written; "
                            + "not listed"
                        : "\(unlisted) more judgements of \(review.name) (\(review.vo)) apply to no open finding as "
                            + "written; not listed"))
        }
    }

    /// Whether any judgement holds or lapsed: without one, every finding is unjudged.
    public var hasJudgements: Bool { !current.isEmpty || !lapsed.isEmpty }

    public func state(of finding: Finding) -> State {
        guard hasJudgements else { return .unjudged }
        if let judgement = current[finding.id] { return .judged(judgement) }
        if let (judgement, now) = lapsed[finding.id] { return .lapsed(judgement, now: now) }
        return .unjudged
    }

    /// The judgement that holds for `finding`, if any.
    public func judgement(of finding: Finding) -> Judgement? {
        if case .judged(let judgement) = state(of: finding) { return judgement }
        return nil
    }

    private mutating func warn(_ judgement: Judgement, _ message: @autoclosure () -> String) {
        guard diagnostics.count < Self.maxWarnings else {
            unlisted += 1
            return
        }
        diagnostics.append(
            Diagnostic(file: judgement.file, location: judgement.location, severity: .warning, message: message()))
    }
}
