import Foundation
import PolicyCatalog
import Reports
import ReviewEngine
import TestSupport
import Testing
import YAMLDocument

@Suite struct SARIFTests {
    /// The official schema in the shared data beside the package (`../shared`), as in CI.
    static let schemaPath = TestSupport.packageRoot
        .appendingPathComponent("../shared/schemas/sarif-schema-2.1.0.json").standardizedFileURL.path

    @Test func shapedAsCodeScanningReadsIt() throws {
        let context = try Inputs.shipped()
        let sarif = try Inputs.jsonObject(SARIFReport.render(context))
        #expect(sarif["version"] as? String == "2.1.0")
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "mupj")
        #expect(driver["version"] as? String == "0.1.0-test")
        #expect((driver["informationUri"] as? String)?.hasPrefix("https://") == true)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("MUPJ-5/glexec-used"))
        for rule in rules {
            #expect((rule["name"] as? String)?.isEmpty == false)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["fullDescription"] as? [String: Any])?["text"] is String)
            let help = try #require(rule["help"] as? [String: Any])
            #expect(help["text"] is String && help["markdown"] is String)
            let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
            #expect(level == "error" || level == "warning")
            let properties = try #require(rule["properties"] as? [String: Any])
            #expect(Severity(rawValue: properties["severity"] as? String ?? "") != nil)
            #expect((properties["tags"] as? [String])?.contains("security") == true)
        }

        // Every open finding is one result, located where its evidence is; no other finding is.
        let findings = context.result.frameworks.flatMap(\.findings)
        let byID = Dictionary(uniqueKeysWithValues: findings.map { ($0.id, $0) })
        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == context.result.frameworks.flatMap(\.openFindings).count)
        for result in results {
            let ruleIndex = try #require(result["ruleIndex"] as? Int)
            #expect(ids[ruleIndex] == result["ruleId"] as? String)
            let id = try #require((result["partialFingerprints"] as? [String: String])?["mupjFindingId/v1"])
            let finding = try #require(byID[id])
            #expect(result["ruleId"] as? String == "\(finding.clauseID)/\(finding.checkID)")
            // SARIF §3.27.10: a result of any kind but `fail` has level `none`.
            let expected: (kind: String, level: String) =
                switch (finding.status, finding.severity >= .high) {
                case (.violated, true): ("fail", "error")
                case (.violated, false): ("fail", "warning")
                default: ("open", "none")
                }
            #expect(finding.status == .violated || finding.status == .needsInformation)
            #expect(result["kind"] as? String == expected.kind)
            #expect(result["level"] as? String == expected.level)
            let properties = try #require(result["properties"] as? [String: Any])
            #expect(properties["severity"] as? String == finding.severity.rawValue)
            #expect(properties["status"] as? String == finding.status.rawValue)
            let text = try #require((result["message"] as? [String: Any])?["text"] as? String)
            #expect(text.contains(finding.title) && text.hasSuffix(" Finding \(finding.id)."))
            let locations = try #require(result["locations"] as? [[String: Any]])
            #expect(locations.count == max(finding.evidence.count, 1))
            // In the evidence's order, the requirement's places first (`theDecidingPlaceIsTheFirstLocation`).
            for (location, evidence) in zip(locations, finding.evidence) {
                let physical = try #require(location["physicalLocation"] as? [String: Any])
                #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == evidence.file)
                let region = try #require(physical["region"] as? [String: Int])
                #expect(region["startLine"] == evidence.range.start.line)
                #expect(region["startColumn"] == evidence.range.start.column)
                #expect(region["endLine"] == evidence.range.end.line)
                #expect(region["endColumn"] == evidence.range.end.column)
            }
        }
        #expect(results.contains { $0["kind"] as? String == "open" })
        #expect(results.contains { $0["level"] as? String == "error" })
        #expect(!results.contains { $0["level"] as? String == "note" })
    }

    /// A result is shown at its first location: the line that decides it, not the check's guard.
    /// DIRAC's refusal fallback is decided at its 203 line, under the `mechanism: glexec` guard:
    /// the evidence of every format starts there, and the guard comes last, marked as such.
    @Test func theDecidingPlaceIsTheFirstLocation() throws {
        let context = try Inputs.context([try Inputs.file("frameworks/dirac.yaml")])
        let sarif = try Inputs.jsonObject(SARIFReport.render(context))
        let results = try #require((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let refusal = try #require(results.first { $0["ruleId"] as? String == "MUPJ-6/no-fallback-on-refusal" })
        let lines = (refusal["locations"] as? [[String: Any]] ?? []).compactMap {
            (($0["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])?["startLine"] as? Int
        }
        let finding = try #require(context.result.frameworks[0].findings.first { $0.id == Self.id(refusal) })
        #expect(lines.count == finding.evidence.count)
        #expect(Set(lines) == Set(finding.evidence.map(\.range.start.line)))
        let decided = try #require(finding.trace.first { $0.phase == .require }?.reached.first)
        #expect(lines == finding.evidence.map(\.range.start.line))
        #expect(lines.first == decided.range.start.line)
        #expect(finding.evidence.map(\.phase) == [.require, .when])
        let guarding = try #require(finding.trace.first { $0.phase == .when }?.reached.first)
        #expect(lines.last == guarding.range.start.line && guarding.range.start.line < decided.range.start.line)
    }

    static func id(_ result: [String: Any]) -> String? {
        (result["partialFingerprints"] as? [String: Any])?["mupjFindingId/v1"] as? String
    }

    @Test func urisAreRepositoryRelativeAndNormalised() throws {
        let panda = try Inputs.file("frameworks/panda.yaml")
        let context = try Inputs.context([SourceFile(path: "./frameworks//x/../panda.yaml", bytes: panda.bytes)])
        let sarif = SARIFReport.render(context)
        #expect(sarif.contains("\"uri\": \"frameworks/panda.yaml\""))
        #expect(!sarif.contains("\"uri\": \"./"))
        #expect(Paths.uri("/abs/a b.yaml") == "file:///abs/a%20b.yaml")
    }

    /// Validates against the official schema with python3's jsonschema. Without `../shared` (where
    /// the schema is) the test is skipped, saying so, as the YAML conformance tests are; a missing
    /// python3 or jsonschema is a failure with a message saying which, never a silent pass.
    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: SARIFTests.schemaPath),
            "the official SARIF schema (../shared/schemas) is absent: SARIF is not validated against it"))
    func validAgainstTheSARIFSchema() throws {
        let probe = Inputs.run("python3", ["-c", "import jsonschema"])
        guard let probe else {
            Issue.record("cannot validate SARIF: python3 is not installed")
            return
        }
        guard probe.status == 0 else {
            Issue.record("cannot validate SARIF: python3 has no jsonschema package (\(probe.output))")
            return
        }
        let validator = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = json.load(open(sys.argv[2]))
            errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(document))
            for error in errors[:10]:
                print(list(error.absolute_path), error.message)
            sys.exit(1 if errors else 0)
            """
        let context = try Inputs.shipped()
        // The shipped frameworks, and a review whose judged findings are suppressed results.
        for (name, checked) in [("shipped", context), ("tracked", try Inputs.tracked().context)] {
            let good = try Inputs.temporaryFile("review.sarif", SARIFReport.render(checked))
            let run = try #require(Inputs.run("python3", ["-c", validator, Self.schemaPath, good]))
            #expect(run.status == 0, "\(name): SARIF does not validate:\n\(run.output)")
        }
        // The validator does reject what the schema forbids, so the pass above means something.
        let broken = SARIFReport.render(context).replacingOccurrences(
            of: "\"level\": \"none\"", with: "\"level\": \"fatal\"")
        let bad = try Inputs.temporaryFile("broken.sarif", broken)
        let rejected = try #require(Inputs.run("python3", ["-c", validator, Self.schemaPath, bad]))
        #expect(rejected.status == 1)
        #expect(rejected.output.contains("fatal"))
    }
}
