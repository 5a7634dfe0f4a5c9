import Foundation
import Reports
import Testing
import YAMLDocument

/// `validate`'s summary line and JSON, written from one value.
@Suite struct ValidationReportTests {
    static func diagnostic(_ file: String, _ severity: Diagnostic.Severity, line: Int? = 3) -> Diagnostic {
        Diagnostic(
            file: file, location: line.map { SourceLocation(line: $0, column: 5, offset: 0) }, severity: severity,
            message: "\(severity) in \(file)")
    }

    static let report = ValidationReport(
        files: [
            .init(path: "a.yaml", kind: .description, diagnostics: [diagnostic("a.yaml", .warning)]),
            .init(
                path: "b.yaml", kind: .description,
                diagnostics: [diagnostic("b.yaml", .error), diagnostic("b.yaml", .error, line: nil)]),
            .init(path: "c.yaml", kind: .catalog, diagnostics: []),
        ],
        unreadable: [diagnostic("gone.yaml", .error, line: nil)])

    @Test func theSummaryCountsKindsValidityAndErrors() {
        #expect(
            Self.report.summaryLine()
                == "3 files (2 descriptions, 1 catalog) checked: 2 valid, 1 invalid (2 errors), 1 unreadable\n")
        let one = ValidationReport(files: [Self.report.files[0]], unreadable: [])
        #expect(one.summaryLine() == "1 description checked: 1 valid\n")
        #expect(one.valid)
        #expect(ValidationReport(files: [], unreadable: []).summaryLine() == "0 descriptions checked: 0 valid\n")
    }

    @Test func theJSONSaysWhatTheSummarySays() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(Self.report.json().utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.map { $0["kind"] as? String } == ["description", "description", "catalog"])
        #expect(files.map { $0["valid"] as? Bool } == [true, false, true])
        let errors = try #require(files[1]["diagnostics"] as? [[String: Any]])
        #expect(errors.map { $0["line"] as? Int } == [3, nil])
        #expect(errors.first?["severity"] as? String == "error")
        let unreadable = try #require(object["unreadable"] as? [[String: Any]])
        #expect(unreadable.map { $0["file"] as? String } == ["gone.yaml"])
    }
}
