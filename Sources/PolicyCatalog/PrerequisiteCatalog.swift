import DocumentSchema
import YAMLDocument

// The WLCG MB prerequisites for multi-user pilot jobs (domain brief §2), as a catalog file of its
// own shape (top-level `prerequisites:` instead of `clauses:`), and the format of the status file
// whose dated evidence decides them (StatusFormat.swift). The status format lives in this module,
// beside the catalog, because every catalog example is a status fragment and is validated when the
// catalog is loaded; the decision itself (met, partly met, not met) is made downstream, in
// ReviewRecords.

/// How far a prerequisite is met on a given day.
public enum PrerequisiteState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Everything the prerequisite asks for is in evidence.
    case met
    /// Some of it is in evidence, not all.
    case partlyMet = "partly-met"
    /// None of it is in evidence.
    case notMet = "not-met"

    public var phrase: String {
        switch self {
        case .met: return "met"
        case .partlyMet: return "partly met"
        case .notMet: return "not met"
        }
    }
}

/// A catalog of prerequisites: the conditions under which the MB policy comes into effect.
public struct PrerequisiteCatalog: Sendable {
    public var id: String
    public var title: String
    public var document: DocumentReference
    public var prerequisites: [Prerequisite]
    public var source: SourceFile

    public var file: String { source.path }
}

public struct Prerequisite: Sendable {
    public var id: String
    public var title: String
    /// The condition in our own words.
    public var paraphrase: String
    public var source: PrerequisiteSource
    /// Whether it is one of the four of the MB policy of November 2007; `false` for a condition
    /// the MB added later (gLExec deployed at the sites, 24 November 2009).
    public var originalList: Bool
    /// Who added it and when, for a prerequisite that was not in the original list.
    public var addition: PrerequisiteAddition?
    /// Which part of the status file decides it, with the parameters of the rule.
    public var evidence: PrerequisiteEvidence
    /// What evidence decides it, in words, for readers of the catalog and of reports.
    public var decidedBy: String
    public var examples: [PrerequisiteExample]
    public var range: SourceRange
}

public struct PrerequisiteSource: Sendable, Hashable, CustomStringConvertible {
    public var document: String
    /// The date of the document (YYYY-MM-DD).
    public var date: String
    public var section: String

    public var description: String { "\(document), \(date), \(section)" }
}

public struct PrerequisiteAddition: Sendable, Hashable {
    public var by: String
    /// YYYY-MM-DD.
    public var date: String
    public var note: String?
}

/// The evidence rule of a prerequisite: a section of the status file and what must be found there.
public enum PrerequisiteEvidence: Sendable, Hashable {
    /// A positive gLExec security review by each of these organisations (`glexec_reviews`).
    case glexecReviews(requiredBy: [String])
    /// Per framework, a positive recommendation signed by reviewers from each of these organisations
    /// (`framework_reviews`), not contradicted by a do-not-recommend findings verdict.
    case frameworkReviews(representatives: [String])
    /// A passing integration test for each of these batch systems (`batch_system_tests`).
    case batchSystemTests(batchSystems: [String])
    /// One of these products reaching completed, certified and deployed, in that order
    /// (`authorization_service`).
    case authorizationService(products: [String])
    /// gLExec deployed at the sites (`glexec_deployment`).
    case glexecDeployment

    public enum Kind: String, Sendable, CaseIterable {
        case glexecReviews = "glexec-reviews"
        case frameworkReviews = "framework-reviews"
        case batchSystemTests = "batch-system-tests"
        case authorizationService = "authorization-service"
        case glexecDeployment = "glexec-deployment"

        /// The catalog key that carries the rule's list parameter, if it has one.
        var parameter: String? {
            switch self {
            case .glexecReviews: return "required_by"
            case .frameworkReviews: return "representatives"
            case .batchSystemTests: return "batch_systems"
            case .authorizationService: return "products"
            case .glexecDeployment: return nil
            }
        }
    }

    public var kind: Kind {
        switch self {
        case .glexecReviews: return .glexecReviews
        case .frameworkReviews: return .frameworkReviews
        case .batchSystemTests: return .batchSystemTests
        case .authorizationService: return .authorizationService
        case .glexecDeployment: return .glexecDeployment
        }
    }
}

/// A worked example: a status fragment, the day it is read on, and the state it must produce.
public struct PrerequisiteExample: Sendable {
    public var expect: PrerequisiteState
    public var note: String
    /// The day to evaluate on; by default the latest date in the fragment.
    public var asOf: String?
    /// Findings verdicts to apply (framework reviews only).
    public var verdicts: [ExampleVerdict]
    /// The validated fragment (shape `StatusFormat.root`, fragment mode).
    public var status: Value
    public var range: SourceRange
}

/// A findings verdict written into an example, standing in for a `mupj review` result.
public struct ExampleVerdict: Sendable, Hashable {
    public var framework: String
    public var vo: String
    /// One of `StatusFormat.Words.verdicts` (the raw values of ReviewRecords' `Verdict`).
    public var verdict: String
    public var describedOn: String?
    /// The day of the last signature, when the example stands in for a verdict the reviewers
    /// signed (mupj sign-off); nil for a verdict not signed.
    public var signedOn: String?
    public var signedBy: [ExampleSigner]
}

/// A reviewer who signed an example's verdict.
public struct ExampleSigner: Sendable, Hashable {
    public var name: String
    /// One of `StatusFormat.Words.reviewerOrganisations`.
    public var organisation: String
}
