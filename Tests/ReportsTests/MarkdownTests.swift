import Foundation
import Reports
import ReviewEngine
import Testing
import YAMLDocument

@Suite struct MarkdownTests {
    /// Every evidence link, followed from the report's directory, reaches the cited file, and
    /// its `#L` anchor is the line the evidence is on: the line that holds the value's text.
    @Test func evidenceLinksPointAtTheRightLines() throws {
        let context = try Inputs.shipped(reportDirectory: "reports")
        let markdown = MarkdownReport.render(context)
        let links = try Inputs.matches("\\[([^\\]\\n]+):([0-9]+)\\]\\(([^)#\\s]+)#L([0-9]+)\\)", in: markdown)
        let evidence = context.result.frameworks.flatMap(\.findings).flatMap(\.evidence)
        #expect(links.count == evidence.count)
        var checkedValues = 0
        for link in links {
            #expect(link[1] == link[3], "link text and anchor name the same line")
            #expect(link[2] == "../" + link[0], "relative to reports/")
            let target = Inputs.root.appendingPathComponent("reports").appendingPathComponent(link[2]).standardized
            #expect(FileManager.default.fileExists(atPath: target.path), "\(link[2])")
        }
        let lines = try Dictionary(
            uniqueKeysWithValues: Inputs.frameworks.map { name in
                (name, String(decoding: try Inputs.file(name).bytes, as: UTF8.self).components(separatedBy: "\n"))
            })
        for item in evidence {
            let line = item.range.start.line
            #expect(markdown.contains("(../\(item.file)#L\(line))"))
            // A stated scalar's text is on that line, at the evidence's column.
            // An element (`components[pilot]`, reached through `held_by`) is shown by its id and
            // located at the whole mapping, not at a scalar.
            guard item.state == .stated, !item.value.contains("\n"), !item.value.hasPrefix("["),
                !item.path.hasSuffix("]"),
                let text = lines[item.file]?[line - 1]
            else { continue }
            let from = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(item.range.start.column - 1)))
            let bare = from.hasPrefix("\"") || from.hasPrefix("'") ? String(from.dropFirst()) : from
            if bare.hasPrefix("{") { continue }  // {value: …, source: …}: the value is inside
            if let number = Double(item.value) {
                // Numbers are shown normalised (24 as 24.0): compare the numbers.
                let written = bare.prefix { $0.isNumber || $0 == "." || $0 == "-" }
                #expect(Double(written) == number, "\(item.file):\(line): \(item.path) = \(item.value)")
            } else {
                #expect(bare.hasPrefix(item.value), "\(item.file):\(line): \(item.path) = \(item.value)")
            }
            checkedValues += 1
        }
        #expect(checkedValues > 20)
    }

    @Test func linksFollowTheReportDirectory() throws {
        let panda = try Inputs.file("frameworks/panda.yaml")
        let here = try Inputs.context([panda], reportDirectory: ".")
        #expect(MarkdownReport.render(here).contains("](frameworks/panda.yaml#L"))
        let deep = try Inputs.context([panda], reportDirectory: "out/reports/")
        #expect(MarkdownReport.render(deep).contains("](../../frameworks/panda.yaml#L"))
        let absolute = try Inputs.context([panda], reportDirectory: Inputs.root.path + "/build")
        #expect(MarkdownReport.render(absolute).contains("](../frameworks/panda.yaml#L"))
    }

    /// Each catalog is cited with its document and version as `explain` cites a clause's source
    /// ("CERN EDMS 855383 v1.0", "…, version unknown"), and linked; one built into `mupj` is named
    /// by its `mupj:` name without a link, here and in HTML, since no link would reach it.
    @Test func catalogsAreCitedAndLinkedUnlessBuiltIn() throws {
        let panda = try Inputs.file("frameworks/panda.yaml")
        let context = try Inputs.context([panda])
        let markdown = MarkdownReport.render(context)
        #expect(!markdown.contains("version version"))
        for catalog in context.result.catalogs {
            let cited = "(`\(catalog.id)`, \(Escape.markdown(catalog.document.citation))): "
            #expect(markdown.contains(cited + "[\(catalog.file)](../\(catalog.file)), SHA-256"), "\(catalog.id)")
        }
        #expect(
            markdown.contains("`vo-operations`, CERN EDMS 853968 and the documents each clause names, version unknown)")
        )
        #expect(markdown.contains("(`jspg-mupj-v1.0`, CERN EDMS 855383 v1.0): [checklists/jspg-mupj-v1.0.yaml]"))
        let builtIn = try Inputs.context([panda], builtIn: true)
        let (builtInMarkdown, html) = (MarkdownReport.render(builtIn), HTMLReport.render(builtIn))
        for catalog in builtIn.result.catalogs {
            #expect(catalog.file.hasPrefix("mupj:checklists/"))
            #expect(builtInMarkdown.contains("): \(catalog.file), SHA-256"), "\(catalog.file)")
            #expect(html.contains("<li>catalog \(catalog.file) <code>"), "\(catalog.file)")
        }
        #expect(!builtInMarkdown.contains("(mupj:") && !html.contains("href=\"mupj:"))
        #expect(builtInMarkdown.contains("](../frameworks/panda.yaml#L"), "descriptions are still linked")
    }

    @Test func everyClauseHasStatusFindingsAndRecommendation() throws {
        let context = try Inputs.shipped()
        let markdown = MarkdownReport.render(context)
        for (index, review) in context.result.frameworks.enumerated() {
            for clause in review.clauses {
                let heading = "### \(clause.clause.id): "
                #expect(markdown.contains(heading), "\(clause.clause.id)")
                #expect(markdown.contains("<a id=\"fw\(index + 1)-\(clause.clause.id.lowercased())\"></a>"))
                for finding in clause.findings {
                    #expect(markdown.contains("<a id=\"\(finding.id)\"></a>"))
                }
            }
            let open = review.clauses.filter { $0.status == .violated || $0.status == .needsInformation }
            #expect(
                open.allSatisfy { markdown.contains("Recommendation: \(Escape.markdown($0.clause.recommendation))") })
        }
    }
}
