import PolicyCatalog
import YAMLDocument

/// The complete result of a review: every renderer (text, Markdown, HTML, JSON, SARIF, the MB
/// summary) is a function of this one value, so no two formats can disagree.
public struct ReviewResult: Sendable {
    public var toolVersion: String
    public var catalogs: [CatalogInfo]
    public var frameworks: [FrameworkReview]

    public init(toolVersion: String, catalogs: [CatalogInfo], frameworks: [FrameworkReview]) {
        self.toolVersion = toolVersion
        self.catalogs = catalogs
        self.frameworks = frameworks
    }
}

public struct CatalogInfo: Sendable {
    public var id: String
    public var title: String
    public var document: DocumentReference
    public var file: String
    public var sha256: String
    public var clauses: [ClauseInfo]
}

public struct FrameworkReview: Sendable {
    public var file: String
    public var sha256: String
    public var name: String
    public var vo: String
    public var descriptionVersion: String
    public var describedOn: String
    /// The description's own summary (see `FrameworkDescription.summary`).
    public var summary: String?
    public var clauses: [ClauseResult]

    public var findings: [Finding] { clauses.flatMap(\.findings) }

    /// Findings a reader must act on: violated or needing information.
    public var openFindings: [Finding] {
        findings.filter(\.status.isOpen)
    }

    /// The highest severity of a violated finding; nil when none is violated.
    public var worstViolation: Severity? {
        var worst: Severity?
        for clause in clauses {
            for finding in clause.findings where finding.status == .violated {
                worst = max(worst ?? finding.severity, finding.severity)
            }
        }
        return worst
    }
}

public struct ClauseResult: Sendable {
    public var clause: ClauseInfo
    public var status: Status
    public var findings: [Finding]
}
