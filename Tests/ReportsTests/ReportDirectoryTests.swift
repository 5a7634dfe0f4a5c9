import Foundation
import Glibc
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
        var sizes: [Int] = []
        format.render(context) { piece in
            bytes += Inputs.copied(piece)
            sizes.append(piece.count)
        }
        #expect(String(decoding: bytes, as: UTF8.self) == format.render(context))
        // JSON and text have an opening and a closing piece, and the frameworks between them; the
        // JSON of the frameworks, like every other format, is cut once past a piece's size.
        let cut = format == .json || format == .text ? Array(sizes.dropFirst().dropLast()) : sizes
        #expect(!cut.isEmpty)
        #expect(cut.dropLast().allSatisfy { $0 >= JSONReport.piece }, "\(sizes)")
        if format == .text { #expect(sizes.count == 3) }
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
        let report = directory.path + "/r.txt"
        func pieces(_ parts: [String]) -> RenderedFile {
            RenderedFile("r.txt") { emit in parts.forEach { emit(Array($0.utf8).span) } }
        }
        let file = pieces(["one ", "two ", "three\n"])
        // Missing, and nothing is written by a check.
        #expect(try ReportDirectory.check([file], in: directory.path) == [.init(path: report, kind: .missing)])
        #expect(!FileManager.default.fileExists(atPath: report))
        try ReportDirectory.write([file], into: directory.path)
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "one two three\n")
        // The same text in other pieces is the same file.
        #expect(try ReportDirectory.check([pieces(["one two", " three\n"])], in: directory.path).isEmpty)
        // Longer, shorter or different is stale.
        for other in [["one two three\n", "four"], ["one two"], ["one too three\n"], []] {
            #expect(
                try ReportDirectory.check([pieces(other)], in: directory.path + "/") == [
                    .init(path: report, kind: .stale)
                ], "\(other)")
        }
        // Edited since: stale, and writing it needs --force.
        try "one two three\nmy note\n".write(toFile: report, atomically: true, encoding: .utf8)
        #expect(try ReportDirectory.check([file], in: directory.path) == [.init(path: report, kind: .changed)])
    }

    /// The files are made side by side, and put in place only when all are made: one that cannot
    /// be made (a directory stands where it goes) leaves the directory as it was, and every such
    /// file is named, in the order given, so that one run shows all there is to mend.
    @Test func aFileThatCannotBeMadeLeavesTheDirectoryAsItWas() throws {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("reports")
        for name in ["b.txt", "d.txt"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        let files = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"].map { name in
            RenderedFile(name) { emit in emit(Array("\(name)\n".utf8).span) }
        }
        let failure = try #require(throws: OutputFile.Failure.self) {
            try ReportDirectory.write(files, into: directory.path)
        }
        #expect(
            failure.description
                == ["b.txt", "d.txt"].map {
                    directory.path + "/\($0): error: cannot write: is a directory, not a regular file"
                }.joined(separator: "\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["b.txt", "d.txt"])
    }

    /// The names of a report directory are mupj's: a report or the manifest there that is a
    /// symbolic link is refused, even with `force`, naming where it leads, and nothing is written,
    /// neither through the link nor beside it. Written through, a link placed among the reports made
    /// a run replace any file the user could write.
    @Test func aLinkAmongTheReportsIsNeverWrittenThrough() throws {
        let root = try TestSupport.temporaryDirectory()
        let directory = root.appendingPathComponent("reports")
        let outside = root.appendingPathComponent("outside.txt").path
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "not a report\n".write(toFile: outside, atomically: true, encoding: .utf8)
        let files = ["a.txt", "b.txt"].map { name in RenderedFile(name, text: { "new \(name)\n" }) }
        let listing = { try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() }
        for name in ["b.txt", ReportManifest.fileName] {
            let link = directory.appendingPathComponent(name).path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: outside)
            for force in [false, true] {
                let failure = try #require(throws: OutputFile.Failure.self) {
                    try ReportDirectory.write(files, into: directory.path, force: force)
                }
                // The manifest is read first, and as it is written, not through the link.
                let verb = name == ReportManifest.fileName && !force ? "read" : "write"
                #expect(
                    failure.description
                        == "\(link): error: cannot \(verb): is a symbolic link to \(outside); mupj writes it only as a "
                        + "file of its own: remove the link")
                #expect(try String(contentsOfFile: outside, encoding: .utf8) == "not a report\n")
                #expect(try listing() == [name], "nothing is written beside the link either")
            }
            try FileManager.default.removeItem(atPath: link)
        }
        // A manifest that cannot be made (here, a directory) stops the run before any report is
        // put in place.
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent(ReportManifest.fileName), withIntermediateDirectories: true)
        #expect(throws: OutputFile.Failure.self) { try ReportDirectory.write(files, into: directory.path, force: true) }
        #expect(try listing() == [ReportManifest.fileName])
    }

    /// A report directory named by a link to nothing is said to be one, not "File exists".
    @Test func aDirectoryThatIsADanglingLinkIsSaidToBeOne() throws {
        let root = try TestSupport.temporaryDirectory()
        let directory = root.appendingPathComponent("reports").path
        try FileManager.default.createSymbolicLink(atPath: directory, withDestinationPath: "nowhere")
        let failure = try #require(throws: OutputFile.Failure.self) {
            try ReportDirectory.write([RenderedFile("a.txt", text: { "a\n" })], into: directory)
        }
        #expect(
            failure.description
                == "\(directory)/a.txt: error: cannot write: \(directory) is a symbolic link to a file that does not exist"
        )
    }

    /// `--check` tells a report that is missing (drift, to be written) from one that is there but
    /// cannot be looked at, here a link to nothing (an error, exit 2).
    @Test func aCheckTellsAMissingReportFromOneThatCannotBeRead() throws {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = ["a.txt", "b.txt"].map { name in RenderedFile(name, text: { "\(name)\n" }) }
        let missing = try ReportDirectory.check(files, in: directory.path)
        #expect(missing.map(\.kind) == [.missing, .missing])
        let link = directory.appendingPathComponent("b.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "nowhere")
        let failure = try #require(throws: OutputFile.Failure.self) {
            try ReportDirectory.check(files, in: directory.path)
        }
        #expect(failure.description == "\(link): error: cannot read: is a symbolic link to a file that does not exist")
    }

    /// A file already in the directory is replaced only if mupj wrote it and it has not changed
    /// since, or it already holds what it is to hold: a file of the user's under a report's name,
    /// or a report edited by hand, stops the run before anything is written, unless `force`.
    @Test func onlyWhatMupjWroteIsReplaced() throws {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("reports")
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let read = { (name: String) in try String(contentsOfFile: path(name), encoding: .utf8) }
        let listing = { try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() }
        let files = ["a.txt", "b.txt", "c.txt"].map { name in RenderedFile(name, text: { "new \(name)\n" }) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "the user's own\n".write(toFile: path("b.txt"), atomically: true, encoding: .utf8)
        try "mine too\n".write(toFile: path("c.txt"), atomically: true, encoding: .utf8)
        let refused = try #require(throws: OutputFile.Failure.self) {
            try ReportDirectory.write(files, into: directory.path)
        }
        let why =
            ": error: mupj did not write this file, or it was changed since (mupj-reports.sha256 does not list "
            + "it with the SHA-256 it has now); use --force to replace it"
        #expect(refused.description == path("b.txt") + why + "\n" + path("c.txt") + why)
        #expect(try read("b.txt") == "the user's own\n")
        #expect(try listing() == ["b.txt", "c.txt"], "nothing is written, not even the manifest")
        // Forced: written, and listed as `sha256sum` lists them.
        try ReportDirectory.write(files, into: directory.path, force: true)
        #expect(try read("b.txt") == "new b.txt\n")
        let digest = { (text: String) in SHA256.hex(Array(text.utf8)) }
        let lines = ["a.txt", "b.txt", "c.txt"].map { "\(digest("new \($0)\n"))  \($0)\n" }
        #expect(try read(ReportManifest.fileName) == lines.joined())
        // As mupj left them: replaced without being asked. Edited: not.
        let newer = ["a.txt", "b.txt", "c.txt"].map { name in RenderedFile(name, text: { "newer \(name)\n" }) }
        try ReportDirectory.write(newer, into: directory.path)
        try "newer a.txt\nand a note of mine\n".write(toFile: path("a.txt"), atomically: true, encoding: .utf8)
        #expect(throws: OutputFile.Failure.self) { try ReportDirectory.write(files, into: directory.path) }
        #expect(try read("a.txt").hasSuffix("and a note of mine\n"))
        #expect(try read("b.txt") == "newer b.txt\n")
    }

    /// Reports that hold what they are to hold are replaced whatever the manifest says: those of a
    /// mupj that wrote no manifest, or of a run stopped after it put its files in place and before
    /// it listed them. A report removed by hand leaves the list; one written alone keeps the others'
    /// lines; a check names the manifest when it is the only file out of date.
    @Test func theManifestFollowsTheFiles() throws {
        let directory = try TestSupport.temporaryDirectory().appendingPathComponent("reports")
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let read = { (name: String) in try String(contentsOfFile: path(name), encoding: .utf8) }
        let manifest = path(ReportManifest.fileName)
        let digest = { (text: String) in SHA256.hex(Array(text.utf8)) }
        let files = ["a.txt", "b.txt"].map { name in RenderedFile(name, text: { "\(name)\n" }) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in ["a.txt", "b.txt"] { try "\(name)\n".write(toFile: path(name), atomically: true, encoding: .utf8) }
        #expect(try ReportDirectory.check(files, in: directory.path) == [.init(path: manifest, kind: .missing)])
        try ReportDirectory.write(files, into: directory.path)
        #expect(try ReportDirectory.check(files, in: directory.path).isEmpty)
        try FileManager.default.removeItem(atPath: path("a.txt"))
        let b = RenderedFile("b.txt", text: { "b2\n" })
        try ReportDirectory.write([b], into: directory.path)
        #expect(try read(ReportManifest.fileName) == "\(digest("b2\n"))  b.txt\n")
        try ReportDirectory.write(files, into: directory.path)
        #expect(try ReportDirectory.check([b], in: directory.path) == [.init(path: path("b.txt"), kind: .stale)])
        try "\(digest("x"))  b.txt\n\(digest("a.txt\n"))  a.txt\n".write(
            toFile: manifest, atomically: true, encoding: .utf8)
        #expect(try ReportDirectory.check(files, in: directory.path) == [.init(path: manifest, kind: .stale)])
        // A manifest that is not one: refused, located, unless --force; a FIFO is not opened.
        for (text, line) in [("0000  b.txt\n", 1), ("\(digest("x"))  b.txt\n\(digest("x"))  b.txt\n", 2)] {
            try text.write(toFile: manifest, atomically: true, encoding: .utf8)
            let refused = try #require(throws: OutputFile.Failure.self) {
                try ReportDirectory.write(files, into: directory.path)
            }
            #expect(refused.description.hasPrefix(manifest + ":\(line):1: error: "))
            #expect(refused.description.hasSuffix("; write the reports with --force to replace it"))
            #expect(throws: OutputFile.Failure.self) { try ReportDirectory.check(files, in: directory.path) }
        }
        try ReportDirectory.write(files, into: directory.path, force: true)
        #expect(try ReportDirectory.check(files, in: directory.path).isEmpty)
        try FileManager.default.removeItem(atPath: manifest)
        #expect(mkfifo(manifest, 0o600) == 0)
        let fifo = try #require(throws: OutputFile.Failure.self) {
            try ReportDirectory.write(files, into: directory.path)
        }
        #expect(fifo.description == manifest + ": error: cannot read: is a FIFO, not a regular file")
    }

    /// Only the lines mupj writes are a manifest's: anything else is refused at its line, CR LF
    /// line ends and names that would steer a terminal included.
    @Test func manifestLinesAreStrict() throws {
        let hex = SHA256.hex(Array("x".utf8))
        #expect(
            try ReportManifest.parse("\(hex)  a.md\n\(hex)  b.md", path: "m").digests == ["a.md": hex, "b.md": hex])
        let refused: [(String, Int)] = [
            ("\(hex)  a.md\r\n", 1),  // CR LF: the CR would be part of the name
            ("\(hex)  a.md\n\(hex.uppercased())  b.md\n", 2),
            ("\(hex) *a.md\n", 1),  // sha256sum's binary mode: mupj writes text mode only
            ("\(hex)  ../a.md\n", 1), ("\(hex)  sub/a.md\n", 1), ("\(hex)  ..\n", 1), ("\(hex)  \n", 1),
            ("\(hex)  a\u{202E}dm.exe\n", 1), ("\(hex)  a\u{1B}[2J\n", 1), ("\n\(hex)  a.md\n", 1),
            ("\(hex)  a.md\n\(hex)  a.md\n", 2), ("# My notes\n", 1), ("", 1),
            ("\(hex)  \(ReportManifest.fileName)\n", 1),
        ]
        for (text, line) in refused {
            let failure = try #require(throws: OutputFile.Failure.self) { try ReportManifest.parse(text, path: "m") }
            #expect(failure.description.hasPrefix("m:\(line):1: error: "), "\(text.debugDescription)")
        }
    }
}
