import Corpora
import Foundation
import PolicyCatalog
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// One worked example of one shipped prerequisite.
struct PrerequisiteExampleCase: Sendable, CustomTestStringConvertible {
    var file: String
    var prerequisite: Prerequisite
    var index: Int

    var example: PrerequisiteExample { prerequisite.examples[index] }
    var testDescription: String {
        "\(prerequisite.id) example \(index + 1) (\(example.expect.rawValue)) at \(file):\(example.range.start.line)"
    }
}

/// A one-prerequisite catalog; each test breaks one thing in it.
private let catalog = """
    catalog: test
    title: Test prerequisites
    document: {title: Test, reference: T-1, version: "1"}
    prerequisites:
      - id: T-1
        title: Tested
        paraphrase: Tested everywhere.
        source: {document: T, date: 2007-12-07, section: slide 2}
        original_list: true
        evidence: {kind: batch-system-tests, batch_systems: [LSF, SGE]}
        decided_by: Tests.
        examples:
          - expect: met
            status:
              batch_system_tests:
                - {batch_system: LSF, site: CERN, date: 2009-01-01, result: pass}
                - {batch_system: SGE, site: CESGA, date: 2009-01-01, result: pass}
          - expect: not-met
            as_of: 2008-01-01
            status: {batch_system_tests: []}

    """

private func load(_ text: String) -> PrerequisiteCatalogLoader.Outcome {
    PrerequisiteCatalogLoader.load(SourceFile(path: "p.yaml", bytes: Array(text.utf8)))
}

private func errors(replacing old: String, with new: String) -> [String] {
    let text = catalog.replacingOccurrences(of: old, with: new)
    #expect(text != catalog, "the catalog does not contain \(old)")
    return load(text).diagnostics.map(\.description)
}

@Suite struct PrerequisiteCatalogTests {
    static let cases: [PrerequisiteExampleCase] = {
        guard let set = try? TestSupport.shippedCatalogs() else { return [] }
        return set.prerequisites.flatMap { catalog in
            catalog.prerequisites.flatMap { prerequisite in
                prerequisite.examples.indices.map {
                    PrerequisiteExampleCase(file: catalog.file, prerequisite: prerequisite, index: $0)
                }
            }
        }
    }()

    @Test(arguments: cases)
    func exampleGivesItsState(_ item: PrerequisiteExampleCase) {
        let result = PrerequisiteTracker.evaluate(item.example, of: item.prerequisite, file: item.file)
        #expect(
            result.state == item.example.expect,
            "\(item.testDescription): got \(result.state.rawValue): \(result.summary); \(result.missing)")
    }

    @Test func theShippedCatalogHoldsTheFourPrerequisitesAndTheLaterOne() throws {
        let set = try TestSupport.shippedCatalogs()
        #expect(set.prerequisites.map(\.id) == ["mb-prerequisites"])
        let prerequisites = set.prerequisites.flatMap(\.prerequisites)
        #expect(prerequisites.map(\.id) == ["PRE-1", "PRE-2", "PRE-3", "PRE-4", "PRE-5"])
        #expect(prerequisites.map(\.originalList) == [true, true, true, true, false])
        #expect(prerequisites[4].addition?.date == "2009-11-24")
        #expect(prerequisites[4].source.date == "2009-11-24")
        #expect(prerequisites[0].evidence == .glexecReviews(requiredBy: ["OSG", "EGEE"]))
        #expect(prerequisites[1].evidence == .frameworkReviews(representatives: ["OSG", "EGEE"]))
        #expect(
            prerequisites[2].evidence
                == .batchSystemTests(batchSystems: ["BQS", "PBS", "PBS Pro", "Condor", "LSF", "SGE"]))
        #expect(prerequisites[3].evidence == .authorizationService(products: ["LCAS/LCMAPS", "SCAS", "Argus"]))
        #expect(prerequisites[4].evidence == .glexecDeployment)
        // Every prerequisite shows each of the three states at least once.
        for prerequisite in prerequisites {
            #expect(Set(prerequisite.examples.map(\.expect)) == Set(PrerequisiteState.allCases), "\(prerequisite.id)")
        }
        #expect(Self.cases.count >= 25)
    }

    @Test func clauseCatalogsAreLoadedAsBeforeBesideThePrerequisites() throws {
        let set = try TestSupport.shippedCatalogs()
        #expect(set.catalogs.map(\.id).sorted() == ["jspg-mupj-v1.0", "vo-operations"])
        #expect(set.catalogs.allSatisfy { $0.clauses.allSatisfy { !$0.id.hasPrefix("PRE-") } })
    }

    @Test func aReviewNeedsAClauseCatalog() throws {
        let source = try SourceFile.read(TestSupport.path("checklists/mb-prerequisites.yaml"), maxBytes: 1 << 24)
        let review = CatalogSet.load([source])
        #expect(review.set == nil)
        #expect(
            review.diagnostics.map(\.description) == [
                "\(source.path): error: holds MB prerequisites only; a review needs at least one clause catalog"
            ])
        let status = CatalogSet.load([source], requireClauses: false)
        #expect(status.diagnostics.isEmpty)
        #expect(status.set?.prerequisites.count == 1)
        #expect(status.set?.catalogs.isEmpty == true)
    }

    @Test func prerequisiteIdsAreUniqueAcrossCatalogs() {
        let first = SourceFile(path: "a.yaml", bytes: Array(catalog.utf8))
        let second = SourceFile(path: "b.yaml", bytes: Array(catalog.utf8))
        let (set, diagnostics) = CatalogSet.load([first, second], requireClauses: false)
        #expect(set == nil)
        #expect(
            diagnostics.map(\.description) == [
                "b.yaml:5:5: error: prerequisite id T-1 is already defined in a.yaml at line 5"
            ])
    }

    @Test func theVerdictWordsAreTheVerdicts() {
        #expect(StatusFormat.Words.verdicts == Verdict.allCases.map(\.rawValue))
        #expect(StatusFormat.Words.reviewOutcomes == GLExecReview.Outcome.allCases.map(\.rawValue))
        #expect(StatusFormat.Words.reviewOutcomes == FrameworkRecommendation.Outcome.allCases.map(\.rawValue))
        #expect(StatusFormat.Words.testResults == BatchSystemTest.Result.allCases.map(\.rawValue))
        #expect(StatusFormat.Words.serviceStates == ServiceState.State.allCases.map(\.rawValue))
        #expect(StatusFormat.Words.deploymentStates == DeploymentState.State.allCases.map(\.rawValue))
    }

    /// A prerequisite catalog's errors stop at 500 with the note, as the shape's do: 600
    /// prerequisites with ids that are not identifiers.
    @Test func errorsStopAfter500() {
        let text = HostileStatusFile.prerequisiteCatalog(count: 600)
            .replacingOccurrences(of: "  - id: PRE-", with: "  - id: PRE/")
        let found = load(text).diagnostics.map(\.description)
        #expect(found.count == 501)
        #expect(found.dropLast().allSatisfy { $0.contains(": error: ") && $0.contains("PRE/") })
        #expect(found.last == "p.yaml: note: stopped after 500 errors; fix these and run again")
    }

    @Test func loadsTheTestCatalog() throws {
        let outcome = load(catalog)
        #expect(outcome.diagnostics.isEmpty)
        let loaded = try #require(outcome.catalog)
        #expect(loaded.prerequisites.map(\.id) == ["T-1"])
        #expect(loaded.prerequisites[0].examples.map(\.expect) == [.met, .notMet])
    }

    /// The examples are run when the catalog is loaded, as a clause catalog's are: one that does
    /// not give its state is a located error.
    @Test func anExampleThatDoesNotGiveItsStateIsAnError() throws {
        let good = try #require(load(catalog).catalog)
        #expect(PrerequisiteTracker.exampleFailures(of: good).isEmpty)
        let text = catalog.replacingOccurrences(
            of: "- {batch_system: SGE, site: CESGA, date: 2009-01-01, result: pass}",
            with: "- {batch_system: SGE, site: CESGA, date: 2009-01-01, result: fail}")
        let wrong = try #require(load(text).catalog)
        #expect(
            PrerequisiteTracker.exampleFailures(of: wrong).map(\.description) == [
                "p.yaml:13:9: error: example 1 of T-1 expects met, but the status gives partly met: "
                    + "1 of 2 batch systems tested; outstanding: SGE"
            ])
        let shipped = try TestSupport.shippedCatalogs()
        #expect(shipped.prerequisites.flatMap(PrerequisiteTracker.exampleFailures).isEmpty)
    }

    @Test func aParameterOfAnotherKindIsLocated() {
        #expect(
            errors(replacing: "batch_systems: [LSF, SGE]}", with: "batch_systems: [LSF, SGE], products: [SCAS]}")
                == [
                    "p.yaml:10:69: error: 'products' does not apply to evidence of kind batch-system-tests; it takes "
                        + "'batch_systems'"
                ])
        #expect(
            errors(
                replacing: "{kind: batch-system-tests, batch_systems: [LSF, SGE]}", with: "{kind: batch-system-tests}")
                == ["p.yaml:10:15: error: evidence of kind batch-system-tests needs 'batch_systems'"])
        #expect(
            errors(replacing: "[LSF, SGE]", with: "[LSF, Torque]").first?.hasPrefix(
                "p.yaml:10:63: error: 'Torque' is not allowed for 'batch_systems'; expected one of: BQS, PBS") == true)
    }

    @Test func aLaterPrerequisiteMustSayWhoAddedIt() {
        #expect(
            errors(replacing: "original_list: true", with: "original_list: false") == [
                "p.yaml:5:5: error: prerequisite T-1 is not in the original list; say who added it, and when, in 'added'"
            ])
    }

    @Test func anInvalidExampleFragmentIsLocatedInTheCatalog() {
        #expect(
            errors(
                replacing: "site: CERN, date: 2009-01-01, result: pass",
                with: "site: CERN, date: 2009-01-01, result: ok")
                == [
                    "p.yaml:16:73: error: in an example: 'ok' is not allowed for 'result'; expected one of: pass, fail, "
                        + "in-progress, planned"
                ])
        #expect(
            errors(replacing: "date: 2009-01-01, result: pass}\n", with: "date: 2009-02-30, result: pass}\n")
                == [
                    "p.yaml:16:53: error: in an example: expected a date (YYYY-MM-DD) for 'date', found the string "
                        + "'2009-02-30'; month 2 of 2009 has 28 days",
                    "p.yaml:17:54: error: in an example: expected a date (YYYY-MM-DD) for 'date', found the string "
                        + "'2009-02-30'; month 2 of 2009 has 28 days",
                ])
    }

    @Test func anExampleWithoutADayIsRefused() {
        #expect(
            errors(replacing: "        as_of: 2008-01-01\n", with: "") == [
                "p.yaml:18:9: error: this example's fragment has no date; give the day to read it on in 'as_of'"
            ])
    }

    /// Verdicts decide framework reviews only; on another kind of evidence they were checked and
    /// then ignored.
    @Test func verdictsBelongToFrameworkReviewsOnly() {
        #expect(
            errors(
                replacing: "        as_of: 2008-01-01\n",
                with:
                    "        as_of: 2008-01-01\n        verdicts: [{framework: PanDA, vo: ATLAS, verdict: recommend}]\n"
            )
                == [
                    "p.yaml:20:9: error: 'verdicts' applies only to evidence of kind framework-reviews, not "
                        + "batch-system-tests"
                ])
    }

    /// A signed verdict in an example says when and by whom, both; and nobody signs an incomplete review.
    @Test func aSignedExampleVerdictSaysWhenAndByWhom() throws {
        let shipped = try String(contentsOfFile: TestSupport.path("checklists/mb-prerequisites.yaml"), encoding: .utf8)
        let signers =
            "            signed_by: [{name: Reviewer A, organisation: EGEE}, {name: Reviewer B, organisation: OSG}]\n"
        let lines = shipped.components(separatedBy: "\n")
        let signedOn = try #require(lines.firstIndex { $0.hasPrefix("            signed_on: ") }) + 1
        func diagnostics(_ text: String) -> [String] { load(text).diagnostics.map(\.description) }
        #expect(diagnostics(shipped).isEmpty)
        let unsigned = try #require(shipped.range(of: signers))
        #expect(
            diagnostics(shipped.replacingCharacters(in: unsigned, with: "")) == [
                "p.yaml:\(signedOn):13: error: a signed verdict has both signed_on and signed_by; this one has only "
                    + "signed_on"
            ])
        let verdict = try #require(lines.firstIndex { $0 == "            verdict: recommend-with-conditions" })
        var incomplete = lines
        incomplete[verdict] = "            verdict: review-incomplete"
        #expect(
            diagnostics(incomplete.joined(separator: "\n")) == [
                "p.yaml:\(verdict + 1):22: error: review-incomplete is a state of the review; nobody signs it"
            ])
    }

    @Test func everyPrerequisiteNeedsAMetAndANotMetExample() {
        #expect(
            errors(replacing: "expect: not-met", with: "expect: partly-met") == [
                "p.yaml:5:5: error: prerequisite T-1 has no example that is not met; every prerequisite needs at least "
                    + "one met and one not-met example"
            ])
    }
}
