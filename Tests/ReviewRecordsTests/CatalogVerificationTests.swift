import FoundationEssentials
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// Catalogs are loaded with their examples run, clause and prerequisite catalogs alike.
@Suite struct CatalogVerificationTests {
    /// The files of `checklists/`, in name order (the last is `vo-operations.yaml`).
    static func shipped() throws -> [SourceFile] {
        let listed = try #require(FileKind.entries(of: TestSupport.path("checklists"), endingWith: [".yaml"]))
        return try listed.files.map { try SourceFile.read($0, maxBytes: 1 << 24) }
    }

    @Test func theShippedCatalogsAreVerified() throws {
        let (set, diagnostics) = CatalogSet.verified(try Self.shipped(), limits: .default, requireClauses: true)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(set?.catalogs.count == 2 && set?.prerequisites.count == 1)
    }

    /// An example that does not come out as it says refuses its catalog, located at the example.
    @Test func aWrongExampleRefusesTheCatalog() throws {
        var sources = try Self.shipped()
        #expect(sources[2].path.hasSuffix("/vo-operations.yaml"))
        let text = String(decoding: sources[2].bytes, as: UTF8.self)
        let written = "security_contact_review_interval_months: 36}"
        let at = try #require(text.range(of: written))
        let line = text[..<at.lowerBound].count { $0 == "\n" } + 1
        sources[2] = SourceFile(
            path: sources[2].path,
            bytes: Array(text.replacingCharacters(in: at, with: "security_contact_review_interval_months: 6}").utf8))
        let (set, diagnostics) = CatalogSet.verified(sources, limits: .default, requireClauses: true)
        #expect(set == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        // Located at the example that expects the violation, four lines above the value changed.
        #expect(diagnostics.first?.location?.line == line - 4, "\(diagnostics)")
        #expect(
            diagnostics.first?.message.hasPrefix("example 2 of VO-1 expects violated, but the checks give satisfied")
                == true)
    }

    /// Limits lowered for the descriptions do not refuse the catalogs: their examples run within
    /// the default limits, bound by bound, wherever those are higher.
    @Test func limitsAreRaisedBoundByBound() {
        let raised = ReviewLimits(maxFindings: 7, maxSteps: .max).atLeast(ReviewLimits(maxFindings: 100, maxSteps: 5))
        #expect(raised == ReviewLimits(maxFindings: 100, maxSteps: .max))
    }

    @Test func loweredReviewLimitsDoNotRefuseTheCatalogs() throws {
        for lowered in [
            ReviewLimits(maxFindings: 1, maxSteps: 1), ReviewLimits(maxFindings: 1, maxSteps: .max),
            ReviewLimits(maxFindings: .max, maxSteps: 1),
        ] {
            let (set, diagnostics) = CatalogSet.verified(
                try Self.shipped(), limits: .default, reviewLimits: lowered, requireClauses: true)
            #expect(set != nil && diagnostics.isEmpty, "\(lowered): \(diagnostics)")
        }
    }
}
