import Foundation
import Testing
import YAMLDocument

@Suite struct SourceFileTests {
    private func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("mupj-sourcefile-\(UUID().uuidString).yaml").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func failure(_ path: String, maxBytes: Int) -> SourceFile.ReadFailure? {
        do {
            _ = try SourceFile.read(path, maxBytes: maxBytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsTheBytesOfAFile() throws {
        let bytes = Array("a: é\n".utf8)
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try SourceFile.read(path, maxBytes: bytes.count)
        #expect(file.bytes == bytes)
        #expect(file.path == path)
        #expect(try file.load(limits: .default)["a"]?.scalar?.text == "é")
    }

    @Test func fileOverTheLimitIsTooLargeWithItsSize() throws {
        let path = try temporaryFile(Array(repeating: UInt8(ascii: "x"), count: 101))
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .tooLarge(let diagnostic)? = failure(path, maxBytes: 100) else {
            Issue.record("a 101-byte file passed a 100-byte limit")
            return
        }
        #expect(diagnostic.location == .start)
        #expect(
            diagnostic.message == "file is 101 bytes, more than the limit of 100 bytes (raise it with --max-file-size)")
    }

    /// A device that never ends is read only up to the limit.
    @Test func endlessDeviceIsRefusedAtTheLimit() throws {
        guard case .tooLarge(let diagnostic)? = failure("/dev/zero", maxBytes: 4096) else {
            Issue.record("/dev/zero was not refused as too large")
            return
        }
        #expect(diagnostic.message == "file goes on past the limit of 4096 bytes (raise it with --max-file-size)")
    }

    @Test func missingFileAndDirectoryAreUnreadable() throws {
        guard case .unreadable(let missing)? = failure("/nonexistent/mupj.yaml", maxBytes: 100) else {
            Issue.record("a missing file was read")
            return
        }
        #expect(missing.message == "no such file or directory")
        #expect(missing.location == nil)
        let directory = FileManager.default.temporaryDirectory.path
        guard case .unreadable(let dir)? = failure(directory, maxBytes: 100) else {
            Issue.record("a directory was read")
            return
        }
        #expect(dir.message == "is a directory, expected a file")
    }

    /// An error about a node reached through aliases names each, outermost first, but not the
    /// alias it is about.
    @Test func messagesNameTheAliasesANodeWasReachedThrough() {
        let (a, b, c) = (
            SourceLocation(line: 9, column: 3, offset: 80), SourceLocation(line: 4, column: 7, offset: 30),
            SourceLocation(line: 2, column: 5, offset: 12)
        )
        #expect(AliasTrail([]).message("m", at: c) == "m")
        #expect(
            AliasTrail([a]).message("m", at: c) == "m (reached through the alias at line 9, column 3)")
        #expect(AliasTrail([a]).message("m", at: a) == "m")
        #expect(
            AliasTrail([a, b]).message("m", at: c)
                == "m (reached through the aliases at line 9, column 3, then line 4, column 7)")
        #expect(
            AliasTrail([a, b]).message("m", at: b)
                == "m (reached through the alias at line 9, column 3)")
        // A node that is not an alias leaves the trail as it was, and its location is not read.
        var trail = AliasTrail([a])
        var read = false
        func location() -> YAMLDocument.SourceLocation {
            read = true
            return c
        }
        let notAlias = trail.enter(location(), if: false)
        #expect(!notAlias && !read && trail == AliasTrail([a]))
        let alias = trail.enter(b, if: true)
        #expect(alias && trail.locations == [a, b])
        trail.leave(notAlias)
        #expect(trail.count == 2)
        trail.leave(alias)
        #expect(trail == AliasTrail([a]))
    }

    @Test func loadErrorsBecomeDiagnosticsNamingTheFile() throws {
        let file = SourceFile(path: "bad.yaml", bytes: Array("a: 1\na: 2\n".utf8))
        do {
            _ = try file.load(limits: .default)
            Issue.record("a duplicate key loaded")
        } catch {
            #expect(
                error.description == "bad.yaml:2:1: error: duplicate key 'a'; it was first defined at line 1, column 1")
        }
    }

    /// Messages quote what the user wrote whole up to 40 characters, and its first 40 after that
    /// (characters, not bytes: an accented letter is not cut in two).
    @Test func messagesQuoteLongTextCut() {
        let forty = String(repeating: "é", count: 40)
        #expect(Diagnostic.quote(forty) == "'\(forty)'")
        #expect(Diagnostic.quote(forty + "x") == "'\(forty)…'")
        #expect(Diagnostic.quote("") == "''")
        // Within 160 bytes: four-byte characters are 40 of them.
        let emoji = String(repeating: "\u{1F600}", count: 40)
        #expect(Diagnostic.quote(emoji) == "'\(emoji)'")
        #expect(Diagnostic.quote(emoji + "x") == "'\(emoji)…'")
        // A character of a letter and a thousand combining marks is one character of 2 001 bytes:
        // none of it fits, and it is not read to its end.
        let marked = "a" + String(repeating: "\u{301}", count: 1_000)
        #expect(Diagnostic.quote("id-" + marked + marked) == "'id-…'")
        #expect(
            Diagnostic.quote(String(repeating: "a\u{301}", count: 100))
                == "'\(String(repeating: "a\u{301}", count: 40))…'")
        let key = String(repeating: "k", count: 1 << 20)
        let file = SourceFile(path: "dup.yaml", bytes: Array("? \(key)\n: 1\n? \(key)\n: 2\n".utf8))
        #expect(throws: Diagnostic.self) { _ = try file.load(limits: .default) }
        do {
            _ = try file.load(limits: .default)
        } catch {
            #expect(error.message == "duplicate key '\(key.prefix(40))…'; it was first defined at line 1, column 3")
        }
    }

    @Test func linesAreQuotedWithoutTheirBreak() {
        let file = SourceFile(path: "x.yaml", bytes: Array("one\ntwo\nthree".utf8))
        #expect(file.line(1) == "one")
        #expect(file.line(3) == "three")
        #expect(file.line(4) == nil)
    }
}
