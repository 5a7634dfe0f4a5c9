import DocumentSchema
import FrameworkModel
import PolicyCatalog
import YAMLDocument

/// A reviewer's judgement on one open finding.
public struct Judgement: WrittenEntry, Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The finding stands as the engine gives it: a breach, or a question still open.
        case confirmed
        case acceptedRisk = "accepted-risk"
        case mitigated
        case falsePositive = "false-positive"

        public var phrase: String {
            switch self {
            case .confirmed: return "confirmed"
            case .acceptedRisk: return "accepted risk"
            case .mitigated: return "mitigated"
            case .falsePositive: return "false positive"
            }
        }

        /// Whether the finding stops counting against the framework. A confirmed finding counts
        /// in full; an accepted risk counts as a condition of the recommendation.
        public var dismisses: Bool { self == .mitigated || self == .falsePositive }
    }

    /// The finding's id.
    public var finding: String
    /// `CLAUSE/check`, as written.
    public var rule: String
    /// The finding's status when it was judged.
    public var status: Status
    public var kind: Kind
    public var justification: String
    public var reviewer: Reviewer
    public var date: CalendarDay
    public var file: String
    public var location: SourceLocation

    public init(
        finding: String, rule: String, status: Status, kind: Kind, justification: String, reviewer: Reviewer,
        date: CalendarDay, file: String, location: SourceLocation
    ) {
        self.finding = finding
        self.rule = rule
        self.status = status
        self.kind = kind
        self.justification = justification
        self.reviewer = reviewer
        self.date = date
        self.file = file
        self.location = location
    }
}

extension SignOff {
    /// Who signed which version of the description: a reviewer signs a version once (the name
    /// matched regardless of case). What the tracking file's check and `mupj sign-off` compare.
    public var signer: String {
        reviewer.name.lowercased() + "\u{1F}" + reviewer.organisation + "\u{1F}" + descriptionSHA256
    }
}

/// A reviewer's signature on the recommendation for one version of a description.
public struct SignOff: WrittenEntry, Sendable, Hashable {
    public var reviewer: Reviewer
    public var date: CalendarDay
    /// Never `.reviewIncomplete`.
    public var recommendation: Verdict
    public var descriptionSHA256: String
    public var conditions: [String]
    public var file: String
    public var location: SourceLocation

    public init(
        reviewer: Reviewer, date: CalendarDay, recommendation: Verdict, descriptionSHA256: String, conditions: [String],
        file: String, location: SourceLocation
    ) {
        self.reviewer = reviewer
        self.date = date
        self.recommendation = recommendation
        self.descriptionSHA256 = descriptionSHA256
        self.conditions = conditions
        self.file = file
        self.location = location
    }
}

extension Reviewer {
    /// `Name (OSG)`.
    public var phrase: String { "\(name) (\(organisation))" }
}

/// A validated tracking file (format `mupj-tracking/1`).
public struct TrackingFile: Sendable {
    public var path: String
    public var sha256: String
    public var framework: String
    public var vo: String
    public var judgements: [Judgement]
    public var signOffs: [SignOff]
    /// Where `framework:` is written, for errors about the file as a whole.
    public var location: SourceLocation

    /// Framework and VO, case-insensitively, as the status file's framework reviews are matched.
    public var key: FrameworkKey { FrameworkKey(name: framework, vo: vo) }
}

/// Reads a tracking file: YAML → `TrackingFormat` validation → typed entries. Beyond the shape it
/// requires ids and digests of the form the reports give, a justification that says something,
/// conditions exactly with a conditional recommendation, and one sign-off per reviewer and
/// version of the description.
public enum TrackingFileLoader {
    public static func load(_ source: SourceFile, limits: LoadLimits = .default)
        -> (file: TrackingFile?, diagnostics: [Diagnostic])
    {
        let loaded = SchemaValidator(root: TrackingFormat.root).load(
            source, limits: limits, identifier: TrackingFormat.identifier
        ) { value in
            var builder = TrackingBuilder(path: source.path)
            let file = builder.build(value, sha256: source.sha256)
            return (file, builder.diagnostics.sorted())
        }
        return (loaded.document, loaded.diagnostics)
    }

    /// Whether `text` is a finding id as the engine makes them: 16 lower-case hexadecimal digits.
    public static func isFindingID(_ text: String) -> Bool { isHex(text, digits: 16) }

    /// Whether `text` is a SHA-256 as the reports give it: 64 lower-case hexadecimal digits.
    public static func isSHA256(_ text: String) -> Bool { isHex(text, digits: 64) }

    private static func isHex(_ text: String, digits: Int) -> Bool {
        text.utf8.count == digits && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

private struct TrackingBuilder {
    let path: String
    var diagnostics: CappedDiagnostics

    init(path: String) {
        self.path = path
        diagnostics = CappedDiagnostics(file: path)
    }

    mutating func error(_ location: SourceLocation, _ message: String) { diagnostics.error(location, message) }

    mutating func build(_ value: Value, sha256: String) -> TrackingFile {
        let root = value.object
        var file = TrackingFile(
            path: path, sha256: sha256, framework: root?["framework"]?.string ?? "", vo: root?["vo"]?.string ?? "",
            judgements: [], signOffs: [], location: root?["framework"]?.range.start ?? value.range.start)
        for item in root?["judgements"]?.list ?? [] {
            guard let o = item.object else { continue }
            file.judgements.append(judgement(o, at: item.range.start))
        }
        var signed: [String: SourceLocation] = [:]
        for item in root?["sign_offs"]?.list ?? [] {
            guard let o = item.object else { continue }
            let signOff = signOff(o, at: item.range.start)
            // One signature per reviewer and version: two could disagree, and neither would say which holds.
            let key = signOff.signer
            if let first = signed[key] {
                error(
                    item.range.start,
                    "\(signOff.reviewer.phrase) already signed this version of the description at line \(first.line); "
                        + "keep one sign-off")
            } else {
                signed[key] = item.range.start
            }
            file.signOffs.append(signOff)
        }
        return file
    }

    mutating func judgement(_ o: ObjectValue, at location: SourceLocation) -> Judgement {
        let finding = o["finding"]?.string ?? ""
        if let value = o["finding"], !TrackingFileLoader.isFindingID(finding) {
            error(
                value.range.start,
                "a finding id is 16 hexadecimal digits in lower case, as the reports give it; found "
                    + Diagnostic.quote(finding))
        }
        let rule = o["rule"]?.string ?? ""
        if let value = o["rule"], !Self.isRule(rule) {
            error(
                value.range.start,
                "a rule is CLAUSE/check, as the reports give it (e.g. MUPJ-8/private-directory); found "
                    + Diagnostic.quote(rule))
        }
        let justification = o["justification"]?.string ?? ""
        if let value = o["justification"], justification.allSatisfy(\.isWhitespace) {
            error(value.range.start, "the justification is empty; say why, in your words")
        }
        return Judgement(
            finding: finding, rule: rule, status: EntryValue.word(o["status"]) ?? .violated,
            kind: EntryValue.word(o["judgement"]) ?? .acceptedRisk, justification: justification,
            reviewer: EntryValue.reviewer(o["by"]), date: EntryValue.day(o["date"]), file: path, location: location)
    }

    mutating func signOff(_ o: ObjectValue, at location: SourceLocation) -> SignOff {
        let digest = o["description_sha256"]?.string ?? ""
        if let value = o["description_sha256"], !TrackingFileLoader.isSHA256(digest) {
            error(
                value.range.start,
                "a SHA-256 is 64 hexadecimal digits in lower case, as the reports give it; found "
                    + Diagnostic.quote(Value.shown(digest)))
        }
        let recommendation: Verdict = EntryValue.word(o["recommendation"]) ?? .doNotRecommend
        let conditions = o["conditions"]?.list?.compactMap(\.string) ?? []
        if recommendation == .recommendWithConditions, o["conditions"] == nil, let value = o["recommendation"] {
            error(value.range.start, "recommend-with-conditions needs its conditions: add a list under 'conditions'")
        } else if recommendation != .recommendWithConditions, let key = o.entry("conditions")?.keyRange {
            error(
                key.start,
                "conditions go with recommend-with-conditions only; this sign-off says \(recommendation.rawValue)")
        }
        return SignOff(
            reviewer: EntryValue.reviewer(o["by"]), date: EntryValue.day(o["date"]), recommendation: recommendation,
            descriptionSHA256: digest, conditions: conditions, file: path, location: location)
    }

    /// `CLAUSE/check`: one slash with something either side, no space.
    static func isRule(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty } && !text.contains(where: \.isWhitespace)
    }
}
