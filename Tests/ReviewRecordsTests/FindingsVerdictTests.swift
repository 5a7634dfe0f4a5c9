import FrameworkModel
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// The verdict's rules, written out plainly here and compared with `FindingsVerdict` on every
/// shipped description (the four frameworks and the two examples: every verdict but one occurs).
@Suite struct FindingsVerdictTests {
    static let files = [
        "frameworks/alien.yaml", "frameworks/dirac.yaml", "frameworks/glideinwms.yaml", "frameworks/panda.yaml",
        "frameworks/examples/common-mistakes.yaml", "frameworks/examples/model-pilot.yaml",
    ]

    @Test(arguments: files)
    func verdictAndReasonsFollowTheRules(file: String) throws {
        let source = try SourceFile.read(TestSupport.path(file), maxBytes: 1 << 24)
        let description = try #require(DescriptionLoader.load(source).description)
        let review = try Engine.review(description, catalogs: try TestSupport.shippedCatalogs())
        let open = review.findings.filter { $0.status == .violated || $0.status == .needsInformation }
        // Violated before needs-information, then the more severe first, ties in catalog order.
        let rank = { (f: Finding) in (f.status == .violated ? 1 : 0, Severity.allCases.firstIndex(of: f.severity)!) }
        let ordered = open.indices.sorted { a, b in
            rank(open[a]) != rank(open[b]) ? rank(open[a]) > rank(open[b]) : a < b
        }
        let grave = { (status: Status) in open.contains { $0.status == status && $0.severity >= .high } }
        let expected: Verdict =
            grave(.violated)
            ? .doNotRecommend
            : grave(.needsInformation) ? .reviewIncomplete : open.isEmpty ? .recommend : .recommendWithConditions

        let verdict = FindingsVerdict(review)
        #expect(verdict.verdict == expected)
        #expect(verdict.reasons.map(\.id) == ordered.map { open[$0].id })
        #expect(verdict.signOffPending)
    }
}
