import DocumentSchema
import FrameworkModel
import YAMLDocument

/// A policy catalog: one document's clauses, each with machine checks and worked examples.
public struct Catalog: Sendable {
    public var id: String
    public var title: String
    public var document: DocumentReference
    public var clauses: [Clause]
    public let source: SourceFile
    /// The SHA-256 of the file, in hex: taken once, when the catalog is read, since every review
    /// reports it (for the 36 KB of the shipped catalogs, 20 µs a review, where one description's
    /// whole review takes 300 µs).
    public let sha256: String

    public init(id: String, title: String, document: DocumentReference, clauses: [Clause], source: SourceFile) {
        self.id = id
        self.title = title
        self.document = document
        self.clauses = clauses
        self.source = source
        sha256 = source.sha256
    }

    public var file: String { source.path }
}

public struct DocumentReference: Sendable, Hashable {
    public var title: String
    public var reference: String
    public var version: String
    public var url: String?

    /// "CERN EDMS 855383 v1.0".
    public var citation: String { Self.cite(reference, version: version) }

    /// A document with its version: "CERN EDMS 855383 v1.0"; a version that is not a number
    /// ("undated", "version unknown") is written as it is, after a comma: a source whose version is
    /// not known says so rather than leave it out.
    public static func cite(_ document: String, version: String) -> String {
        version.first?.isNumber == true ? "\(document) v\(version)" : "\(document), \(version)"
    }
}

/// What a reader needs of a clause: its words, without the machinery. Reports carry this.
public struct ClauseInfo: Sendable {
    public var id: String
    public var catalogID: String
    public var title: String
    public var paraphrase: String
    public var subjects: [Subject]
    public var source: ClauseSource
    public var severity: Severity
    public var rationale: String
    public var recommendation: String
}

/// A clause: its words (`info`, reachable as `clause.id`, `clause.title`, …), its checks and
/// its worked examples.
@dynamicMemberLookup
public struct Clause: Sendable {
    public var info: ClauseInfo
    public var checks: [Check]
    public var examples: [Example]
    public var range: SourceRange

    public subscript<T>(dynamicMember keyPath: KeyPath<ClauseInfo, T>) -> T { info[keyPath: keyPath] }
}

public struct ClauseSource: Sendable, Hashable, CustomStringConvertible {
    public var document: String
    public var version: String
    public var section: String

    /// "CERN EDMS 855383 v1.0, clause 5" (`DocumentReference.cite`).
    public var description: String { DocumentReference.cite(document, version: version) + ", " + section }
}

/// One machine-decidable part of a clause.
public struct Check: Sendable {
    public enum Collection: String, Sendable, CaseIterable {
        case components, credentials, channels
    }

    public let id: String
    public let title: String
    /// Overrides the clause's severity for this check.
    public let severity: Severity?
    /// The check applies only when this holds of the description (otherwise not applicable).
    public let when: Condition?
    /// Evaluate `require` once per element of this collection instead of once per description.
    public let forEach: Collection?
    /// Keep only the elements for which this holds.
    public let whereCondition: Condition?
    public let require: Condition
    /// With `forEach`: when no element is selected, the check is violated rather than not applicable.
    public let expectSome: Bool
    public let range: SourceRange
    /// The message of every finding the check satisfies, `require` in words (those of an `all` or
    /// `any` joined from its items): made once here, not once per finding.
    public let satisfiedMessage: String
    /// How many field tests one evaluation records at most (`when`, `where` and `require`): what
    /// the engine reserves for a finding's trace, rather than growing it test by test.
    public let testCount: Int

    public init(
        id: String, title: String, severity: Severity?, when: Condition?, forEach: Collection?,
        whereCondition: Condition?, require: Condition, expectSome: Bool, range: SourceRange
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.when = when
        self.forEach = forEach
        self.whereCondition = whereCondition
        self.require = require
        self.expectSome = expectSome
        self.range = range
        satisfiedMessage = "As required: \(require.words)."
        testCount = [when, whereCondition, require].reduce(0) { $0 + ($1?.testCount ?? 0) }
    }
}

/// A worked example: a description fragment and the clause status it must produce. The
/// examples document the clause, and are run whenever the catalog is loaded (`ExampleCheck`).
public struct Example: Sendable {
    public var expect: Status
    public var note: String
    public var description: FrameworkDescription
    public var range: SourceRange
    /// The aliases the example was reached through, outermost first (an example list pasted into
    /// a second clause): its failure there names them.
    public var aliases = AliasTrail()
}
