import Foundation
import FrameworkModel
import PolicyCatalog
import Reports
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// Real inputs for the report tests: the shipped catalogs and framework descriptions, read from
/// the package root and named by repository-relative paths, as the CLI names them.
enum Inputs {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let frameworks = [
        "frameworks/panda.yaml", "frameworks/alien.yaml", "frameworks/dirac.yaml",
        "frameworks/glideinwms.yaml",
    ]

    /// A piece of a report as it is lent to its writer, copied to be kept.
    static func copied(_ piece: Span<UInt8>) -> [UInt8] {
        piece.withUnsafeBufferPointer { Array($0) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A file of the package, under its repository-relative name.
    static func file(_ relative: String) throws -> SourceFile {
        let read = try SourceFile.read(root.appendingPathComponent(relative).path, maxBytes: 1 << 24)
        return SourceFile(path: relative, bytes: read.bytes)
    }

    /// The shipped catalogs, named as `checklists/…`, or, `builtIn`, as the catalogs built into `mupj`
    /// are (`mupj:checklists/…`).
    static func catalogs(builtIn: Bool = false) throws -> CatalogSet {
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("checklists").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        let files = try names.map { try file("checklists/" + $0) }
        let (set, diagnostics) = CatalogSet.load(
            builtIn ? files.map { SourceFile.builtIn($0.path, bytes: $0.bytes) } : files)
        guard let set else { throw Failure(description: diagnostics.map(\.description).joined(separator: "\n")) }
        return set
    }

    static func description(_ source: SourceFile) throws -> FrameworkDescription {
        let outcome = DescriptionLoader.load(source)
        guard let description = outcome.description else {
            throw Failure(description: outcome.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return description
    }

    /// A context as `mupj review <files> --output-dir reports` makes it.
    static func context(
        _ sources: [SourceFile], reportDirectory: String = "reports", date: String? = nil, builtIn: Bool = false,
        catalogs given: CatalogSet? = nil, tracking: TrackingSet = .empty
    ) throws -> ReportContext {
        let descriptions = try sources.map(description)
        let result = try Engine.review(
            descriptions, catalogs: try given ?? catalogs(builtIn: builtIn), toolVersion: "0.1.0-test")
        return ReportContext(
            result: result, date: date, sources: sources, reportDirectory: reportDirectory,
            workingDirectory: root.path, tracking: tracking)
    }

    /// The fictional signed review of "Shortcut" (reviews/examples/shortcut.yaml), beside PanDA,
    /// which has no tracking file.
    static func tracked() throws -> (context: ReportContext, tracking: TrackingFile) {
        let loaded = TrackingFileLoader.load(try file("reviews/examples/shortcut.yaml"))
        guard let tracking = loaded.file else {
            throw Failure(description: loaded.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return (try tracked(tracking), tracking)
    }

    /// Shortcut and PanDA, with `tracking` (the example's file, perhaps edited) for Shortcut.
    static func tracked(_ tracking: TrackingFile) throws -> ReportContext {
        try context(
            try ["frameworks/examples/common-mistakes.yaml", "frameworks/panda.yaml"].map(file),
            tracking: TrackingSet.make([tracking]).set)
    }

    /// Tracking files with judgements that apply to no open finding as written, each said with a
    /// warning: PanDA's of a finding that does not exist; the example's first of no finding, its
    /// second of another rule.
    static func trackingWithWarnings() throws -> TrackingSet {
        var shortcut = try tracked().tracking
        shortcut.judgements[0].finding = "0000000000000000"
        shortcut.judgements[1].rule = "MUPJ-6/other-check"
        let text = """
            format: mupj-tracking/1
            framework: PanDA
            vo: ATLAS
            judgements:
              - finding: "1111111111111111"
                rule: "MUPJ-6/no-retry-at-site"
                status: violated
                judgement: confirmed
                justification: "Of a finding that is gone."
                by: {name: "A. Reviewer", organisation: OSG}
                date: 2009-02-03

            """
        let loaded = TrackingFileLoader.load(SourceFile(path: "reviews/tracking/panda.yaml", bytes: Array(text.utf8)))
        guard let panda = loaded.file else {
            throw Failure(description: loaded.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return TrackingSet.make([shortcut, panda]).set
    }

    static func shipped(reportDirectory: String = "reports") throws -> ReportContext {
        try context(try frameworks.map(file), reportDirectory: reportDirectory)
    }

    /// The finding `id` of the first framework of a JSON report, as an object, for its members
    /// (`evidence`, `trace`); empty when there is none.
    static func jsonFinding(_ report: String, id: String) throws -> [String: Any] {
        let json = try jsonObject(report)
        return ((json["frameworks"] as? [[String: Any]])?.first?["clauses"] as? [[String: Any]] ?? [])
            .flatMap { $0["findings"] as? [[String: Any]] ?? [] }
            .first { $0["id"] as? String == id } ?? [:]
    }

    static func jsonObject(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Failure(description: "not a JSON object")
        }
        return object
    }

    /// Every match of `pattern`'s capture groups in `text`.
    static func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { i in
                Range(match.range(at: i), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    /// Runs a program found on PATH, returning its exit status and combined output; nil when it
    /// cannot be started.
    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let url = try TestSupport.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}

/// The counts the JSON report gives for one framework, the reference the other formats must match.
struct ReferenceCounts: Equatable {
    var clauses: [String: Int]
    var findings: [String: Int]
    var openBySeverity: [String: Int]

    init(_ framework: [String: Any]) {
        clauses = framework["clause_status_counts"] as? [String: Int] ?? [:]
        findings = framework["finding_status_counts"] as? [String: Int] ?? [:]
        openBySeverity = framework["open_findings_by_severity"] as? [String: Int] ?? [:]
    }
}
