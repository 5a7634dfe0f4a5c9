import Corpora
import Foundation
import FrameworkModel
import TestSupport
import Testing

/// A small valid catalog whose checks, with a description of many elements, pass a review limit:
/// through the built `mupj`, every command that reviews ends with exit 2, the error located at the
/// check that passed the limit, and no report.
@Suite struct ReviewLimitsCLITests {
    /// 20 checks that each give a finding per component, and a description of 22 components: the
    /// 51st finding is the 7th of the third check (`c2`, line 16 of the catalog).
    static func inputs(selecting: Bool = true) throws -> (catalog: String, description: String) {
        let catalog = try Hostile.file(Hostile.manyChecksCatalog(checks: 20, selecting: selecting), name: "many.yaml")
        let description = try Hostile.file(Array(TemplateCorpus.withComponents(20).utf8), name: "wide.yaml")
        return (catalog, description)
    }

    static func refusal(_ catalog: String, _ description: String) -> String {
        "\(catalog):16:9: error: the review of \(description) passed 50 findings at check 'c2' of R-1, and was "
            + "stopped; raise the limit with --max-findings\n"
    }

    @Test(arguments: [[], ["--format", "json"], ["--format", "sarif"], ["--output-dir"]])
    func reviewOverTheLimitMakesNoReport(format: [String]) throws {
        let (catalog, description) = try Self.inputs()
        let outputDir = try TestSupport.temporaryDirectory().appendingPathComponent("reports").path
        let run = try TestSupport.mupj(
            ["review", "--checklist", catalog, description, "--max-findings", "50"]
                + (format == ["--output-dir"] ? format + [outputDir] : format))
        #expect(run.status == 2)
        #expect(run.stderr == Self.refusal(catalog, description))
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: outputDir))
    }

    /// Standard output gets one framework at a time: a limit passed by a later description cuts
    /// the report after the frameworks before it (not a valid JSON document), and the exit is 2.
    @Test func aLaterDescriptionOverTheLimitCutsTheStreamedReport() throws {
        let (catalog, description) = try Self.inputs()
        // 40 findings; a framework of its own, since a review takes one description per framework.
        let template = FrameworkTemplate.text.replacingOccurrences(of: "name: ExamplePilot", with: "name: Small")
        let small = try Hostile.file(Array(template.utf8), name: "template.yaml")
        let run = try TestSupport.mupj(
            ["review", "--checklist", catalog, small, description, "--max-findings", "50", "--format", "json"])
        #expect(run.status == 2)
        #expect(run.stderr == Self.refusal(catalog, description))
        #expect(run.stdout.contains("\"file\": \"\(small)\""))
        #expect(!run.stdout.contains(description))
        #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) == nil)
    }

    /// Descriptions are reviewed side by side, yet the limit reported is that of the first
    /// description, in command-line order, to pass one: the same error whichever finishes first.
    @Test func theFirstDescriptionOverTheLimitIsTheOneReported() throws {
        let (catalog, description) = try Self.inputs()
        let renamed = TemplateCorpus.withComponents(20).replacingOccurrences(
            of: "name: ExamplePilot", with: "name: Other")
        let other = try Hostile.file(Array(renamed.utf8), name: "other.yaml")
        let outputDir = try TestSupport.temporaryDirectory().appendingPathComponent("reports").path
        for order in [[description, other], [other, description]] {
            let run = try TestSupport.mupj(
                ["review", "--checklist", catalog] + order + ["--max-findings", "50", "--output-dir", outputDir])
            #expect(run.status == 2)
            #expect(run.stderr == Self.refusal(catalog, order[0]))
            #expect(!FileManager.default.fileExists(atPath: outputDir))
        }
    }

    @Test func everyCommandThatReviewsHasTheLimits() throws {
        let (catalog, description) = try Self.inputs()
        let runs = [
            ["summary", "--checklist", catalog, description],
            ["explain", "R-1", "--checklist", catalog, "--framework", description],
            [
                "status", "--checklist", catalog, "--checklist", TestSupport.path("checklists/mb-prerequisites.yaml"),
                "--frameworks", description, "--status-file", TestSupport.path("reviews/prerequisites.yaml"),
            ],
        ]
        for arguments in runs {
            let run = try TestSupport.mupj(arguments + ["--max-findings", "50"])
            #expect(run.status == 2, "\(arguments[0]): \(run.stderr)")
            #expect(run.stderr.hasSuffix(Self.refusal(catalog, description)), "\(arguments[0]): \(run.stderr)")
        }
    }

    @Test func theLimitsCanBeRaised() throws {
        let (catalog, description) = try Self.inputs()
        let run = try TestSupport.mupj(
            ["review", "--checklist", catalog, description, "--max-findings", "440", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let frameworks = try #require(json["frameworks"] as? [[String: Any]])
        let clauses = try #require(frameworks.first?["clauses"] as? [[String: Any]])
        #expect(clauses.flatMap { $0["findings"] as? [Any] ?? [] }.count == 440)
    }

    /// Checks that select no component give no finding: the steps bound them. Each component is
    /// 3 steps (the component, and the two places of the `where` path), 66 a check.
    @Test func stepsAreBoundedToo() throws {
        let (catalog, description) = try Self.inputs(selecting: false)
        let run = try TestSupport.mupj(["review", "--checklist", catalog, description, "--max-steps", "100"])
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "\(catalog):15:9: error: the review of \(description) passed 100 steps (elements checked and "
                + "places visited) at check 'c1' of R-1, and was stopped; raise the limit with --max-steps\n")
    }

    /// A catalog's examples are reviewed within the limits together: 2 000 examples of 2 000 checks
    /// each (four million findings, 5 s) stop at the 51st, which passes 100 000; a lower limit,
    /// set for the descriptions, does not refuse examples that the default limits admit.
    @Test func aCatalogsExamplesAreBoundedTogether() throws {
        let many = try Hostile.file(Hostile.manyExamplesCatalog(checks: 2_000, examples: 2_000), name: "examples.yaml")
        let template = try Hostile.file(Array(FrameworkTemplate.text.utf8), name: "template.yaml")
        let run = try TestSupport.mupj(["review", "--checklist", many, template])
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix(
                "\(many):2065:9: error: the examples of catalog many-examples passed 100000 findings together, at "
                    + "example 51 of R-1 (check 'c0'), and were stopped; raise the limit with --max-findings\n"))
        let few = try Hostile.file(Hostile.manyExamplesCatalog(checks: 20, examples: 20), name: "few.yaml")
        let lowered = try TestSupport.mupj(["review", "--checklist", few, template, "--max-findings", "50"])
        #expect(lowered.status == 0, "\(lowered.stderr)")
    }

    @Test func limitsMustBePositive() throws {
        for option in ["--max-findings", "--max-steps"] {
            for value in ["0", "-1"] {
                let run = try TestSupport.mupj(["review", TestSupport.path("frameworks/alien.yaml"), option, value])
                #expect(run.status == 2)
                #expect(
                    run.stderr.hasPrefix("Error: \(option) must be at least 1, got \(value)\n"), "\(run.stderr)")
            }
        }
    }
}
