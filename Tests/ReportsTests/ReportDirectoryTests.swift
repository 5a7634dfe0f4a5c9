import Foundation
import Reports
import TestSupport
import Testing
import YAMLDocument

/// Reports written and checked in pieces: the same bytes as rendered whole, and a drift check
/// that reads the file piece by piece.
@Suite struct ReportDirectoryTests {
    @Test(arguments: ReportFormat.allCases)
    func piecesMakeTheWholeReport(format: ReportFormat) throws {
        let context = try Inputs.shipped()
        var bytes: [UInt8] = []
        var pieces = 0
        format.render(context) { piece in
            bytes += Inputs.copied(piece)
            pieces += 1
        }
        #expect(String(decoding: bytes, as: UTF8.self) == format.render(context))
        // JSON and text come a framework at a time, with an opening and a closing piece.
        #expect(pieces == (format == .json || format == .text ? 3 : 1))
    }

    /// Markdown and HTML go out between frameworks once a piece is full: with pieces of one byte,
    /// one piece per framework and the rest, and the same bytes as the report rendered whole.
    @Test func markdownAndHTMLGoOutBetweenFrameworks() throws {
        let context = try Inputs.shipped()
        let renderers: [(ReportFormat, (ReportContext, Int, (String) -> Void) -> Void)] = [
            (.markdown, { MarkdownReport.render($0, piece: $1, emit: $2) }),
            (.html, { HTMLReport.render($0, piece: $1, emit: $2) }),
        ]
        for (format, render) in renderers {
            var pieces: [String] = []
            render(context, 1) { pieces.append($0) }
            #expect(pieces.count == context.result.frameworks.count + 1, "\(format)")
            #expect(pieces.joined() == format.render(context), "\(format)")
        }
    }

    /// SARIF goes out between results: with pieces of one byte, a piece per result and the rest.
    @Test func sarifGoesOutBetweenResults() throws {
        let context = try Inputs.shipped()
        var pieces: [[UInt8]] = []
        SARIFReport.render(context, piece: 1) { pieces.append(Inputs.copied($0)) }
        let results = context.result.frameworks.flatMap(\.clauses).flatMap(\.findings).filter(\.status.isOpen)
        #expect(pieces.count == results.count + 1)
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == SARIFReport.render(context))
    }

    @Test func aFileIsCheckedPieceByPiece() throws {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("reports")
        func pieces(_ parts: [String]) -> RenderedFile {
            RenderedFile("r.txt") { emit in parts.forEach { emit(Array($0.utf8).span) } }
        }
        let file = pieces(["one ", "two ", "three\n"])
        // Missing: stale, and nothing is written by a check.
        #expect(try ReportDirectory.sync([file], into: directory.path, check: true) == [directory.path + "/r.txt"])
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/r.txt"))
        #expect(try ReportDirectory.sync([file], into: directory.path, check: false).isEmpty)
        #expect(try String(contentsOf: directory.appendingPathComponent("r.txt"), encoding: .utf8) == "one two three\n")
        // The same text in other pieces is the same file.
        #expect(try ReportDirectory.sync([pieces(["one two", " three\n"])], into: directory.path, check: true).isEmpty)
        // Longer, shorter or different is stale.
        for other in [["one two three\n", "four"], ["one two"], ["one too three\n"], []] {
            #expect(
                try ReportDirectory.sync([pieces(other)], into: directory.path + "/", check: true) == [
                    directory.path + "/r.txt"
                ], "\(other)")
        }
    }

    /// The files are written side by side: each is attempted, and the error is that of the first
    /// file, in the order given, that could not be written.
    @Test func everyFileIsAttemptedAndTheFirstFailureIsReported() throws {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("reports")
        // A directory where a report should go cannot be replaced by a file.
        for name in ["b.txt", "d.txt"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let files = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"].map { name in
            RenderedFile(name) { emit in emit(Array("\(name)\n".utf8).span) }
        }
        let failure = try #require(throws: OutputFile.Failure.self) {
            try ReportDirectory.sync(files, into: directory.path, check: false)
        }
        #expect(
            failure.description == directory.path + "/b.txt: error: cannot write: is a directory, not a regular file")
        for name in ["a.txt", "c.txt", "e.txt"] {
            #expect(try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) == name + "\n")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(left.isEmpty, "\(left)")
    }

    /// A file already in the directory is replaced only if mupj wrote it and it has not changed
    /// since: a file of the user's under a report's name, or a report edited by hand, stops the
    /// run before anything is written, unless `force`.
    @Test func onlyWhatMupjWroteIsReplaced() throws {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("reports")
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let read = { (name: String) in try String(contentsOfFile: path(name), encoding: .utf8) }
        let files = ["a.txt", "b.txt"].map { name in RenderedFile(name, text: { "new \(name)\n" }) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "the user's own\n".write(toFile: path("b.txt"), atomically: true, encoding: .utf8)
        let refused = try #require(throws: OutputFile.Failure.self) {
            try ReportDirectory.sync(files, into: directory.path, check: false)
        }
        #expect(
            refused.description == path("b.txt") + ": error: mupj did not write this file, or it was changed since "
                + "(mupj-reports.sha256 does not list it with the SHA-256 it has now); use --force to replace it")
        #expect(try read("b.txt") == "the user's own\n")
        #expect(!FileManager.default.fileExists(atPath: path("a.txt")), "nothing is written")
        // Forced: written, and listed as `sha256sum` lists them.
        #expect(try ReportDirectory.sync(files, into: directory.path, check: false, force: true).isEmpty)
        #expect(try read("b.txt") == "new b.txt\n")
        let digest = { (text: String) in SHA256.hex(Array(text.utf8)) }
        #expect(
            try read(ReportManifest.fileName) == "\(digest("new a.txt\n"))  a.txt\n\(digest("new b.txt\n"))  b.txt\n")
        // As mupj left them: replaced without being asked. Edited: not.
        #expect(try ReportDirectory.sync(files, into: directory.path, check: false).isEmpty)
        try "new a.txt\nand a note of mine\n".write(toFile: path("a.txt"), atomically: true, encoding: .utf8)
        #expect(throws: OutputFile.Failure.self) { try ReportDirectory.sync(files, into: directory.path, check: false) }
        #expect(try read("a.txt").hasSuffix("and a note of mine\n"))
        // A file written alone keeps the others' lines; a check names the manifest when only it is out of date.
        try FileManager.default.removeItem(atPath: path("a.txt"))
        let other = RenderedFile("b.txt", text: { "newer b\n" })
        #expect(try ReportDirectory.sync([other], into: directory.path, check: false).isEmpty)
        #expect(try read(ReportManifest.fileName).contains("  a.txt\n"))
        #expect(try ReportDirectory.sync([other], into: directory.path, check: true).isEmpty)
        try "0000  b.txt\n".write(toFile: path(ReportManifest.fileName), atomically: true, encoding: .utf8)
        let malformed = try #require(throws: OutputFile.Failure.self) {
            try ReportDirectory.sync([other], into: directory.path, check: true)
        }
        #expect(malformed.description.hasPrefix(path(ReportManifest.fileName) + ":1:1: error: not a line of mupj's"))
        let lines = ["\(digest("x"))  b.txt\n", "\(digest("x"))  b.txt\n"].joined()
        try lines.write(toFile: path(ReportManifest.fileName), atomically: true, encoding: .utf8)
        #expect(throws: OutputFile.Failure.self) {
            try ReportDirectory.sync([other], into: directory.path, check: false)
        }
        #expect(try ReportDirectory.sync([other], into: directory.path, check: false, force: true).isEmpty)
        #expect(try read(ReportManifest.fileName) == "\(digest("newer b\n"))  b.txt\n")
        try "\(digest("x"))  b.txt\n".write(toFile: path(ReportManifest.fileName), atomically: true, encoding: .utf8)
        #expect(try ReportDirectory.sync([other], into: directory.path, check: true) == [path(ReportManifest.fileName)])
    }

    /// Only the lines mupj writes are a manifest's: anything else is refused at its line, CR LF
    /// line ends and names that would steer a terminal included.
    @Test func manifestLinesAreStrict() throws {
        let hex = SHA256.hex(Array("x".utf8))
        #expect(
            try ReportManifest.parse("\(hex)  a.md\n\(hex)  b.md", path: "m").digests == ["a.md": hex, "b.md": hex])
        #expect(try ReportManifest.parse("", path: "m").digests.isEmpty)
        let refused: [(String, Int)] = [
            ("\(hex)  a.md\r\n", 1),  // CR LF: the CR would be part of the name
            ("\(hex)  a.md\n\(hex.uppercased())  b.md\n", 2),
            ("\(hex) *a.md\n", 1),  // sha256sum's binary mode: mupj writes text mode only
            ("\(hex)  ../a.md\n", 1), ("\(hex)  sub/a.md\n", 1), ("\(hex)  ..\n", 1), ("\(hex)  \n", 1),
            ("\(hex)  a\u{202E}dm.exe\n", 1), ("\(hex)  a\u{1B}[2J\n", 1), ("\n\(hex)  a.md\n", 1),
            ("\(hex)  a.md\n\(hex)  a.md\n", 2), ("# My notes\n", 1),
        ]
        for (text, line) in refused {
            let failure = try #require(throws: OutputFile.Failure.self) { try ReportManifest.parse(text, path: "m") }
            #expect(failure.description.hasPrefix("m:\(line):1: error: "), "\(text.debugDescription)")
        }
    }
}
