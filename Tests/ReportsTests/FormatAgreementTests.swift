import DocumentSchema
import Foundation
import FrameworkModel
import PolicyCatalog
import Reports
import ReviewEngine
import ReviewRecords
import Testing
import YAMLDocument

/// Every format is rendered from one result: the numbers each shows, read back from the rendered
/// text, must be the JSON report's numbers.
@Suite struct FormatAgreementTests {
    let context: ReportContext
    let json: [String: Any]
    let frameworks: [[String: Any]]

    init() throws {
        context = try Inputs.shipped()
        json = try Inputs.jsonObject(JSONReport.render(context))
        frameworks = json["frameworks"] as? [[String: Any]] ?? []
    }

    @Test func jsonCountsMatchTheFindingsItLists() throws {
        #expect(frameworks.count == Inputs.frameworks.count)
        for framework in frameworks {
            let reference = ReferenceCounts(framework)
            let clauses = try #require(framework["clauses"] as? [[String: Any]])
            var byStatus: [String: Int] = [:]
            var clauseStatus: [String: Int] = [:]
            for clause in clauses {
                clauseStatus[clause["status"] as? String ?? "", default: 0] += 1
                for finding in clause["findings"] as? [[String: Any]] ?? [] {
                    byStatus[finding["status"] as? String ?? "", default: 0] += 1
                }
            }
            #expect(reference.findings.filter { $0.value > 0 } == byStatus)
            #expect(reference.clauses.filter { $0.value > 0 } == clauseStatus)
            #expect(
                reference.openBySeverity.values.reduce(0, +) == byStatus["violated", default: 0]
                    + byStatus["needs-information", default: 0])
        }
    }

    @Test func htmlShowsTheJSONCounts() throws {
        let html = HTMLReport.render(context)
        let sections = html.components(separatedBy: "<section class=\"framework\" id=\"fw").dropFirst()
        #expect(sections.count == frameworks.count)
        for (index, (framework, section)) in zip(frameworks, sections).enumerated() {
            let reference = ReferenceCounts(framework)
            // The finding articles of this framework's section, by status.
            for status in Status.allCases {
                let articles = section.components(separatedBy: "<article class=\"finding st-\(status.rawValue)\"")
                #expect(articles.count - 1 == reference.findings[status.rawValue], "\(status) in section \(index)")
            }
            #expect(
                section.components(separatedBy: "<section class=\"clause ").count - 1
                    == reference.clauses.values.reduce(0, +))
            // The summary tables' cells for this framework.
            var cells: [String: Int] = [:]
            for row in try Inputs.matches("<tr data-framework=\"\(index + 1)\">(.*?)</tr>", in: html) {
                for pair in try Inputs.matches("data-count=\"([a-z-]+)\">([0-9]+)<", in: row[0]) {
                    cells[pair[0]] = Int(pair[1])
                }
            }
            for (status, count) in reference.clauses { #expect(cells["clauses-\(status)"] == count) }
            for (status, count) in reference.findings { #expect(cells["findings-\(status)"] == count) }
            for (severity, count) in reference.openBySeverity { #expect(cells["open-\(severity)"] == count) }
        }
    }

    @Test func markdownShowsTheJSONCounts() throws {
        let markdown = MarkdownReport.render(context)
        #expect(!markdown.contains("<a id=\"fw\(frameworks.count + 1)\"></a>"))
        for (index, framework) in frameworks.enumerated() {
            let start = try #require(markdown.range(of: "<a id=\"fw\(index + 1)\"></a>"))
            let end = markdown.range(of: "<a id=\"fw\(index + 2)\"></a>")?.lowerBound ?? markdown.endIndex
            let section = markdown[start.upperBound..<end]
            let reference = ReferenceCounts(framework)
            for status in Status.allCases {
                let heading = "\n#### " + status.phrase.prefix(1).uppercased() + status.phrase.dropFirst() + ": "
                #expect(section.components(separatedBy: heading).count - 1 == reference.findings[status.rawValue])
            }
            let rows = try Inputs.matches("\n(\\| \\[[^\\n]*\\]\\(#fw\(index + 1)\\) \\|[^\\n]*)", in: markdown)
            #expect(rows.count == 2)
            let clauseRow = cells(rows[0][0])
            let findingRow = cells(rows[1][0])
            let statuses = [Status.violated, .needsInformation, .satisfied, .notApplicable]
            #expect(Array(clauseRow[3..<7]) == statuses.map { String(reference.clauses[$0.rawValue] ?? -1) })
            #expect(Array(findingRow[1..<5]) == statuses.map { String(reference.findings[$0.rawValue] ?? -1) })
            let severities = ["critical", "high", "medium", "low"]
            #expect(Array(findingRow[5..<9]) == severities.map { String(reference.openBySeverity[$0] ?? -1) })
        }
    }

    @Test func sarifHasOneResultPerOpenFinding() throws {
        let sarif = try Inputs.jsonObject(SARIFReport.render(context))
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        for framework in frameworks {
            let reference = ReferenceCounts(framework)
            let mine = results.filter {
                ($0["properties"] as? [String: Any])?["framework"] as? String == framework["name"] as? String
            }
            let levels = Dictionary(grouping: mine, by: { $0["level"] as? String ?? "" }).mapValues(\.count)
            let kinds = Dictionary(grouping: mine, by: { $0["kind"] as? String ?? "" }).mapValues(\.count)
            #expect(levels["error", default: 0] + levels["warning", default: 0] == reference.findings["violated"])
            #expect(kinds["fail", default: 0] == reference.findings["violated"])
            #expect(levels["none", default: 0] == reference.findings["needs-information"])
            #expect(kinds["open", default: 0] == reference.findings["needs-information"])
            let severities = Dictionary(
                grouping: mine, by: { ($0["properties"] as? [String: Any])?["severity"] as? String ?? "" }
            ).mapValues(\.count)
            #expect(
                severities.merging(reference.openBySeverity.filter { $0.value == 0 }) { a, _ in a }
                    == reference.openBySeverity)
        }
    }

    @Test func summaryShowsTheJSONCounts() throws {
        let summary = SummaryReport(context)
        let summaryJSON = try Inputs.jsonObject(summary.render(.json))
        let entries = try #require(summaryJSON["frameworks"] as? [[String: Any]])
        let html = summary.render(.html)
        let markdown = summary.render(.markdown)
        #expect(entries.count == frameworks.count)
        for (index, (framework, entry)) in zip(frameworks, entries).enumerated() {
            // The review JSON's open findings, by status and severity.
            var grid: [String: [String: Int]] = [:]
            for clause in framework["clauses"] as? [[String: Any]] ?? [] {
                for finding in clause["findings"] as? [[String: Any]] ?? [] {
                    let status = finding["status"] as? String ?? ""
                    guard status == "violated" || status == "needs-information" else { continue }
                    grid[status, default: [:]][finding["severity"] as? String ?? "", default: 0] += 1
                }
            }
            let open = try #require(entry["open_findings"] as? [String: [String: Int]])
            for status in ["violated", "needs-information"] {
                #expect(open[status]?.filter { $0.value > 0 } ?? [:] == grid[status] ?? [:])
            }
            #expect(entry["clause_status_counts"] as? [String: Int] == ReferenceCounts(framework).clauses)
            #expect(entry["verdict"] as? String == (framework["verdict"] as? [String: Any])?["value"] as? String)
            // HTML cells and Markdown rows say the same.
            let row = try #require(try Inputs.matches("<tr data-framework=\"\(index + 1)\">(.*?)</tr>", in: html).first)
            for pair in try Inputs.matches("data-count=\"([a-z-]+)-([a-z]+)\">([0-9]+)<", in: row[0]) {
                #expect(open[pair[0]]?[pair[1]] == Int(pair[2]))
            }
            let name = try #require(framework["name"] as? String)
            for (status, label) in [
                ("violated", "Not met (violated)"), ("needs-information", "Open questions (needs information)"),
            ] {
                let line = try #require(
                    markdown.split(separator: "\n").first { $0.hasPrefix("| \(name) | \(label) |") })
                let numbers = cells(String(line))[2...].compactMap { Int($0) }
                let severities = ["critical", "high", "medium", "low"]
                #expect(
                    numbers == severities.map { open[status]?[$0] ?? -1 } + [open[status]?.values.reduce(0, +) ?? -1])
            }
        }
    }

    @Test func everyFormatIsByteIdenticalFromTheSameInputs() throws {
        let again = try Inputs.shipped()
        for format in ReportFormat.allCases {
            #expect(format.render(context) == format.render(again), "\(format)")
        }
        for format in SummaryFormat.allCases {
            #expect(SummaryReport(context).render(format) == SummaryReport(again).render(format), "\(format)")
        }
        // No date unless one is given; given, it is shown.
        #expect(json["date"] == nil)
        var dated = context
        dated.date = "1999-12-31"
        for format in ReportFormat.allCases where format != .text && format != .sarif {
            #expect(format.render(dated).contains("1999-12-31"), "\(format)")
            #expect(!format.render(context).contains("1999-12-31"), "\(format)")
        }
    }

    /// A framework's JSON report handed on in pieces, as `mupj review --format json` writes it, is
    /// the report rendered whole: the pieces are cut between findings.
    @Test func theJSONReportWrittenInPiecesIsTheWholeReport() throws {
        let credentials = (0..<300).map { i in
            "  - {id: extra-\(i), type: voms-proxy, identity: payload-user, lifetime_hours: 12, delegation: limited, "
                + "location: here, file_mode: \"0640\", readable_by: [pilot-account, other-payloads]}\n"
        }.joined()
        // Held by the pilot on the worker node, where the checks of user proxies look.
        let held = (0..<300).map { "extra-\($0)" }.joined(separator: ", ")
        let text = FrameworkTemplate.text.replacingOccurrences(
            of: "\ncredentials:\n", with: "\ncredentials:\n" + credentials
        ).replacingOccurrences(
            of: "holds: [pilot-proxy, payload-proxy]", with: "holds: [pilot-proxy, payload-proxy, \(held)]")
        let source = SourceFile(path: "wide.yaml", bytes: Array(text.utf8))
        let context = try Inputs.context([source])
        var stream = try #require(ReportStream(.json, colour: false))
        var pieces = [
            stream.opening(toolVersion: context.result.toolVersion, catalogs: context.result.catalogs, date: nil)
        ]
        stream.frameworks(context) { pieces.append(Inputs.copied($0)) }
        pieces.append(stream.closing())
        // The opening, several pieces of the framework, the last of it, and the closing.
        #expect(pieces.count >= 5)
        #expect(pieces.dropFirst().dropLast(2).allSatisfy { $0.count >= 1 << 20 })
        // Written in one go, with no pieces taken.
        var whole = JSONWriter()
        JSONReport.opening(
            toolVersion: context.result.toolVersion, catalogs: context.result.catalogs, date: nil, into: &whole)
        for framework in context.frameworks { JSONReport.framework(framework, context: context, into: &whole) }
        JSONReport.closing(into: &whole)
        #expect(Array(pieces.joined()) == whole.take())
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == ReportFormat.json.render(context))
    }

    /// A finding whose tests reached more places than they list says so in every format that shows
    /// its evidence, with the count; the JSON trace has it per test.
    @Test func placesBeyondTheListedOnesAreCountedInEveryFormat() throws {
        // 150 components holding the pilot's proxy, and the template's pilot: its `held_by` reaches 151 places,
        // 51 more than are listed.
        let components = (0..<150).map { i in
            "  - {id: extra-\(i), name: X, kind: monitoring, zone: central, operated_by: vo, holds: [pilot-proxy]}\n"
        }.joined()
        // The proxy readable by payloads makes that finding open, so that SARIF, which lists open
        // findings only, shows it too.
        let text = FrameworkTemplate.text.replacingOccurrences(
            of: "\ncomponents: # the distributed parts of the framework\n",
            with: "\ncomponents: # the distributed parts of the framework\n" + components
        ).replacingOccurrences(
            of: "    file_mode: \"0600\"\n    readable_by: [pilot-account]\n",
            with: "    file_mode: \"0600\"\n    readable_by: [pilot-account, payload-account]\n")
        #expect(text.contains("extra-149") && text.contains("[pilot-account, payload-account]"))
        let context = try Inputs.context([SourceFile(path: "many.yaml", bytes: Array(text.utf8))])
        let findings = context.result.frameworks.flatMap(\.findings).filter { $0.unlistedPlaces > 0 }
        #expect(!findings.isEmpty)
        let json = ReportFormat.json.render(context)
        #expect(json.contains("\"unlisted\": 51"))
        for format in [ReportFormat.text, .markdown, .html, .sarif] {
            #expect(format.render(context).contains("its tests reached 51 more places, not listed"), "\(format)")
        }
    }

    /// Quotes count lines as the locations do, whatever the line ends: a file with CR alone was
    /// quoted as one line, and no quote matched its evidence.
    @Test func quotesFollowEveryKindOfLineEnd() throws {
        for end in ["\r", "\r\n"] {
            let text = FrameworkTemplate.text.replacingOccurrences(of: "\n", with: end)
            let context = try Inputs.context([SourceFile(path: "ends.yaml", bytes: Array(text.utf8))])
            let lines = FrameworkTemplate.text.components(separatedBy: "\n")
            let evidence = context.result.frameworks.flatMap(\.findings).flatMap(\.evidence)
            #expect(!evidence.isEmpty)
            for e in evidence {
                let quote = try #require(context.quote(e, limit: 5), "\(e.path)")
                #expect(quote.lines.first?.number == e.range.start.line)
                #expect(quote.lines.first?.text == lines[e.range.start.line - 1], "\(e.path)")
            }
        }
    }

    /// The cells of a Markdown table row, split on pipes that are not escaped.
    func cells(_ row: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in row {
            if character == "|" && !escaped {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            escaped = character == "\\" && !escaped
        }
        return Array(cells.dropFirst())
    }
}
