import DocumentSchema
import Foundation
import PolicyCatalog
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// The shipped prerequisites, PRE-1 … PRE-5.
func shippedPrerequisites() throws -> [Prerequisite] {
    try TestSupport.shippedCatalogs().prerequisites.flatMap(\.prerequisites)
}

/// The shipped status file (reviews/prerequisites.yaml).
func shippedStatus() throws -> PrerequisiteStatusFile {
    let source = try SourceFile.read(TestSupport.path("reviews/prerequisites.yaml"), maxBytes: 1 << 24)
    let outcome = StatusFileLoader.load(source)
    guard let file = outcome.file else {
        throw TestSupport.Failure(outcome.diagnostics.map(\.description).joined(separator: "\n"))
    }
    return file
}

/// Loads status text as a whole file named `s.yaml` (the format line is added).
func loadStatus(_ body: String) -> StatusFileLoader.Outcome {
    StatusFileLoader.load(SourceFile(path: "s.yaml", bytes: Array(("format: mupj-status/1\n" + body).utf8)))
}

/// Status text validated in full but without requiring sources, for short tests of the rules.
func status(_ body: String) throws -> PrerequisiteStatusFile {
    let source = SourceFile(path: "s.yaml", bytes: Array(("format: mupj-status/1\n" + body).utf8))
    let validated = SchemaValidator(root: StatusFormat.root).validate(try source.load(limits: .default), file: "s.yaml")
    guard let value = validated.value else {
        throw TestSupport.Failure(validated.diagnostics.map(\.description).joined(separator: "\n"))
    }
    let built = StatusFileLoader.build(value, file: "s.yaml", requireSources: false)
    guard built.diagnostics.isEmpty else {
        throw TestSupport.Failure(built.diagnostics.map(\.description).joined(separator: "\n"))
    }
    return built.file
}

func day(_ text: String) -> CalendarDay {
    guard let day = CalendarDay(text) else { fatalError("bad test date \(text)") }
    return day
}

/// A tracker over the shipped prerequisites.
func tracker(_ file: PrerequisiteStatusFile, verdicts: [FrameworkVerdictRecord] = []) throws -> PrerequisiteTracker {
    PrerequisiteTracker(catalogs: try TestSupport.shippedCatalogs().prerequisites, status: file, verdicts: verdicts)
}

/// The state of one prerequisite on a day.
func state(_ id: String, _ file: PrerequisiteStatusFile, on text: String, verdicts: [FrameworkVerdictRecord] = [])
    throws -> PrerequisiteState
{
    let report = try tracker(file, verdicts: verdicts).report(asOf: day(text))
    return try #require(report.prerequisite(id)).state
}
