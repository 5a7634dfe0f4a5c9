import Corpora
import Foundation
import FrameworkModel
import TestSupport
import Testing

/// Hostile files through the built `mupj validate`: exit 1 with a located message, never a crash.
@Suite struct CLIHardeningTests {
    static let cases: [(name: String, bytes: [UInt8], message: String)] = [
        ("bomb.yaml", Hostile.billionLaughs(), ":4:45: error: aliases expand to more than 10000 nodes"),
        (
            "deep.yaml", [UInt8](repeating: UInt8(ascii: "["), count: 100_000),
            ":1:65: error: collections nest deeper than 64 levels"
        ),
        ("nul.yaml", Array("format: mupj/1\n".utf8) + [0, 0], ":2:1: error: NUL byte in the file"),
        ("utf16.yaml", [0xFF, 0xFE, UInt8(ascii: "a"), 0], ":1:1: error: the file is UTF-16"),
        ("latin1.yaml", Array("name: caf".utf8) + [0xE9, 0x0A], ":1:10: error: invalid UTF-8 (byte 0xE9)"),
        ("empty.yaml", [], ":1:1: error: the file is empty"),
        ("two.yaml", Array("a: 1\n---\nb: 2\n".utf8), ":2:1: error: a second YAML document starts here"),
        ("tab.yaml", Array("format: mupj/1\nframework:\n\tname: x\n".utf8), ":3:1: error: found character"),
        ("scalar.yaml", Array("hello\n".utf8), ":1:1: error: expected a mapping (description)"),
    ]

    @Test(arguments: cases.indices)
    func hostileFileIsRefusedWithALocatedError(index: Int) throws {
        let (name, bytes, message) = Self.cases[index]
        let path = try Hostile.file(bytes, name: name)
        let run = try TestSupport.mupj(["validate", path])
        #expect(run.status == 1, "\(name): \(run.stderr)")
        #expect(run.stderr.contains(path + message), "\(name): \(run.stderr)")
        #expect(run.stdout == "1 description checked: 0 valid, 1 invalid (1 error)\n", "\(name)")
    }

    /// The same files as a catalog and as the status file: these are written by people too, read
    /// by the same loader, and refused alike, with the exit code of their kind of input.
    @Test(arguments: cases.indices)
    func hostileCatalogOrStatusFileIsRefusedWithALocatedError(index: Int) throws {
        let (name, bytes, message) = Self.cases[index]
        let path = try Hostile.file(bytes, name: name)
        // A root that is not a mapping is named for what the file should be; the rest is YAML's.
        func expected(_ kind: String) -> String {
            name == "scalar.yaml" ? ":1:1: error: expected a mapping (\(kind)), found the string 'hello'" : message
        }
        let review = try TestSupport.mupj(["review", "--checklist", path, "frameworks/panda.yaml"])
        #expect(review.status == 2, "\(name): \(review.stderr)")
        #expect(review.stderr.contains(path + expected("catalog")), "\(name): \(review.stderr)")
        #expect(review.stderr.hasSuffix("error: the catalogs could not be loaded, and nothing was done\n"))
        #expect(review.stdout.isEmpty, "\(name)")

        let status = try TestSupport.mupj(["status", "--status-file", path])
        #expect(status.status == 1, "\(name): \(status.stderr)")
        #expect(status.stderr.contains(path + expected("status file")), "\(name): \(status.stderr)")
        #expect(status.stderr.hasSuffix("error: invalid status file; nothing was reported\n"))
        #expect(status.stdout.isEmpty, "\(name)")
    }

    /// A catalog pattern that backtracks exponentially elsewhere, with a description whose text
    /// triggers it. With Swift's `Regex`, the review of a name of 16 a's and a '!' took 0.9 s, of
    /// 18 took 6 s (release build); the catalog's own example has 5 000 and the description 20, so
    /// that a regression is endless. Now the review ends, and finds the name violates the check.
    @Test func aCatalogPatternThatBacktracksElsewhereIsSearchedInLinearTime() throws {
        let catalogPath = try Hostile.file(Hostile.backtrackingCatalog(), name: "redos.yaml")
        let template = FrameworkTemplate.text
        let named = template.replacingOccurrences(
            of: "\n  name: ", with: "\n  name: aaaaaaaaaaaaaaaaaaaa! # was: ", options: [], range: nil)
        #expect(named != template)
        let description = try Hostile.file(Array(named.utf8), name: "a.yaml")
        let run = try TestSupport.mupj(["review", "--checklist", catalogPath, description, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let frameworks = try #require(json["frameworks"] as? [[String: Any]])
        let clauses = try #require(frameworks.first?["clauses"] as? [[String: Any]])
        #expect(clauses.first?["status"] as? String == "violated")
    }

    @Test func jsonOutputCarriesTheLocation() throws {
        let path = try Hostile.file(Hostile.billionLaughs())
        let run = try TestSupport.mupj(["validate", path, "--format", "json"])
        #expect(run.status == 1)
        let json = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        let diagnostic = try #require((file["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["line"] as? Int == 4)
        #expect(diagnostic["column"] as? Int == 45)
    }

    /// 64 MiB over the 16 MiB default: refused from its size, before it is read.
    @Test func fileOverTheSizeLimit() throws {
        var bytes = Array("summary: ".utf8)
        bytes.append(contentsOf: [UInt8](repeating: UInt8(ascii: "z"), count: 64 << 20))
        let path = try Hostile.file(bytes)
        let run = try TestSupport.mupj(["validate", path])
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "\(path):1:1: error: file is \(bytes.count) bytes, more than the limit of 16777216 bytes "
                    + "(raise it with --max-file-size)"))
    }

    @Test func limitFlagsRaiseTheLimits() throws {
        let deep = try Hostile.file(
            Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8))
        #expect(try TestSupport.mupj(["validate", deep]).stderr.contains(":1:65: error: collections nest deeper"))
        // Past the depth limit the file is read, and refused only for not being a description.
        let raised = try TestSupport.mupj(["validate", deep, "--max-depth", "100"])
        #expect(raised.status == 1)
        #expect(raised.stderr.contains(":1:1: error: expected a mapping (description)"))

        let bomb = try Hostile.file(Hostile.billionLaughs(levels: 3))
        #expect(try TestSupport.mupj(["validate", bomb, "--max-alias-nodes", "100"]).stderr.contains("aliases expand"))
        #expect(!(try TestSupport.mupj(["validate", bomb]).stderr.contains("aliases expand")))

        let big = try Hostile.file(Array(FrameworkTemplate.text.utf8))
        let small = try TestSupport.mupj(["validate", big, "--max-file-size", "100"])
        #expect(small.status == 1)
        #expect(small.stderr.contains("more than the limit of 100 bytes"))

        // The template has 251 nodes: the 251st is its last scalar, the 252nd would be one too many.
        let budget = try TestSupport.mupj(["validate", big, "--max-nodes", "250"])
        #expect(budget.status == 1)
        #expect(
            budget.stderr.contains(
                "error: the document has more than 250 nodes (keys, values and items); raise the limit with --max-nodes"
            ))
        #expect(try TestSupport.mupj(["validate", big, "--max-nodes", "251"]).status == 0)
        let zero = try TestSupport.mupj(["validate", big, "--max-nodes", "0"])
        #expect(zero.status == 2)
        #expect(zero.stderr.hasPrefix("Error: --max-nodes must be at least 1, got 0\n"))
    }

    /// A negative limit is the option's value, refused as below the least the option takes (an
    /// alias budget of 0 forbids aliases); before, the parser took `-1` for an option and said the
    /// value was missing.
    @Test(arguments: [("--max-file-size", 1), ("--max-depth", 1), ("--max-alias-nodes", 0), ("--max-nodes", 1)])
    func aNegativeLimitIsRefusedAsALimit(_ option: String, least: Int) throws {
        let run = try TestSupport.mupj(["validate", "frameworks/", option, "-1"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Error: \(option) must be at least \(least), got -1\n"))
        #expect(!run.stderr.contains("Missing value"))
    }

    /// With the size limit raised to the largest, a file that never ends is read until memory runs
    /// out: that is an error on the file (exit 2), not a crash in the allocator.
    @Test func aFileThatNeverEndsRunsOutOfMemoryWithAnError() throws {
        let run = try TestSupport.shell(
            "ulimit -v 1048576 && exec \"$0\" validate /dev/zero --max-file-size \(Int.max)", TestSupport.binary.path)
        #expect(run.status == 2)
        #expect(run.stderr.contains("/dev/zero: error: cannot read the file: out of memory after "))
        #expect(!run.stderr.contains("Fatal error"))
    }

    /// A list of wrong items as long as the node budget allows: 500 errors and the note, and the
    /// validator stops there (before, it built a message for every item past the cap).
    @Test func wrongItemsStopAfterTheCap() throws {
        let path = try Hostile.file(Hostile.wrongComponents())
        let run = try TestSupport.mupj(["validate", path])
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 501)
        #expect(
            lines.first == "\(path):1:14: error: expected a mapping (component) for 'components', found the integer 0")
        #expect(lines.last == "\(path): note: stopped after 500 errors; fix these and run again")
    }

    @Test func descriptionWith50000ComponentsIsValid() throws {
        let path = try Hostile.file(Hostile.manyComponents())
        let run = try TestSupport.mupj(["validate", path])
        #expect(run.status == 0, "\(run.stderr.prefix(500))")
        #expect(run.stdout == "1 description checked: 1 valid\n")
        #expect(run.stderr.isEmpty)
    }
}
