import DocumentSchema
import Foundation
import PolicyCatalog
import ReviewRecords
import Testing
import YAMLDocument

/// Where the package is, from this file's own path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func packagePath(_ relative: String) -> String { packageRoot.appendingPathComponent(relative).path }

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Every catalog in `checklists/`, loaded as `mupj review` and `mupj status` load them.
func shippedCatalogSet() throws -> CatalogSet {
    let directory = packagePath("checklists")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
    let sources = try files.map { try SourceFile.read(directory + "/" + $0, maxBytes: 1 << 24) }
    let (set, diagnostics) = CatalogSet.load(sources)
    guard let set else { throw TestFailure(diagnostics.map(\.description).joined(separator: "\n")) }
    return set
}

/// The shipped prerequisites, PRE-1 … PRE-5.
func shippedPrerequisites() throws -> [Prerequisite] {
    try shippedCatalogSet().prerequisites.flatMap(\.prerequisites)
}

/// The shipped status file (reviews/prerequisites.yaml).
func shippedStatus() throws -> PrerequisiteStatusFile {
    let source = try SourceFile.read(packagePath("reviews/prerequisites.yaml"), maxBytes: 1 << 24)
    let outcome = StatusFileLoader.load(source)
    guard let file = outcome.file else {
        throw TestFailure(outcome.diagnostics.map(\.description).joined(separator: "\n"))
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
        throw TestFailure(validated.diagnostics.map(\.description).joined(separator: "\n"))
    }
    let built = StatusFileLoader.build(value, file: "s.yaml", requireSources: false)
    guard built.diagnostics.isEmpty else {
        throw TestFailure(built.diagnostics.map(\.description).joined(separator: "\n"))
    }
    return built.file
}

func day(_ text: String) -> CalendarDay {
    guard let day = CalendarDay(text) else { fatalError("bad test date \(text)") }
    return day
}

/// A tracker over the shipped prerequisites.
func tracker(_ file: PrerequisiteStatusFile, verdicts: [FrameworkVerdictRecord] = []) throws -> PrerequisiteTracker {
    PrerequisiteTracker(catalogs: try shippedCatalogSet().prerequisites, status: file, verdicts: verdicts)
}

/// The state of one prerequisite on a day.
func state(_ id: String, _ file: PrerequisiteStatusFile, on text: String, verdicts: [FrameworkVerdictRecord] = [])
    throws -> PrerequisiteState
{
    let report = try tracker(file, verdicts: verdicts).report(asOf: day(text))
    return try #require(report.prerequisite(id)).state
}

// MARK: - Running the built binary

/// The `mupj` executable built beside the test bundle.
var mupjBinary: URL {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [bundle, bundle.deletingLastPathComponent()] {
        let url = candidate.appendingPathComponent("mupj")
        if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return packageRoot.appendingPathComponent(".build/debug/mupj")
}

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `mupj` in the package root (or `directory`).
func mupj(_ arguments: [String], in directory: URL? = nil) throws -> Run {
    let process = Process()
    process.executableURL = mupjBinary
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? packageRoot
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "MUPJ_CHECKLISTS")
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
        status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mupj-status-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
