import Foundation
import ReviewEngine
import ReviewRecords
import TestSupport
import Testing
import YAMLDocument

/// docs/limits.md states each limit's default in the table row of its flag: the code's default,
/// written with digits grouped by three ("750 000").
@Suite struct LimitsDocTests {
    static let defaults: [(flag: String, value: Int)] = [
        ("--max-file-size", LoadLimits.default.maxBytes),
        ("--max-depth", LoadLimits.default.maxDepth),
        ("--max-alias-nodes", LoadLimits.default.maxAliasNodes),
        ("--max-nodes", LoadLimits.default.maxNodes),
        ("--max-findings", ReviewLimits.default.maxFindings),
        ("--max-steps", ReviewLimits.default.maxSteps),
        ("--max-history-entries", PrerequisiteStatusFile.defaultHistoryEntries),
        ("--max-history-statuses", PrerequisiteStatusFile.defaultHistoryStatuses),
    ]

    static func grouped(_ value: Int) -> String {
        var digits = String(value)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(Substring(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        return ([Substring(digits)] + groups).joined(separator: " ")
    }

    @Test func eachDefaultIsTheDocumentedOne() throws {
        let text = try String(contentsOfFile: TestSupport.path("docs/limits.md"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
        for (flag, value) in Self.defaults {
            let row = try #require(rows.first { $0.contains("`\(flag) ") }, "no row for \(flag)")
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells.count >= 3 && cells[1].contains(Self.grouped(value)), "\(flag): \(value) in \(row)")
        }
    }

    @Test func groupingByThree() {
        #expect(Self.grouped(16_777_216) == "16 777 216")
        #expect(Self.grouped(64) == "64")
        #expect(Self.grouped(1_000) == "1 000")
    }
}
