import Foundation
import Testing
import YAMLDocument

/// What a directory given as input yields: its regular YAML files, and a problem for each other
/// entry with a YAML name, never an entry that would be opened and block.
@Suite struct FileKindTests {
    @Test func directoryEntriesAreRegularFilesOrProblems() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mupj-kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = directory.path
        try Data("a: 1\n".utf8).write(to: directory.appendingPathComponent("b.yml"))
        try Data("a: 1\n".utf8).write(to: directory.appendingPathComponent("a.yaml"))
        try Data("a: 1\n".utf8).write(to: directory.appendingPathComponent("notes.txt"))
        // An extension in capitals is still YAML; a backup copy is not.
        try Data("a: 1\n".utf8).write(to: directory.appendingPathComponent("C.YAML"))
        try Data("a: 1\n".utf8).write(to: directory.appendingPathComponent("c.yaml.bak"))
        #expect(mkfifo(root + "/fifo.yaml", 0o600) == 0)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("sub.yaml"), withIntermediateDirectories: false)
        #expect(symlink(root + "/gone", root + "/dangling.yaml") == 0)
        #expect(symlink(root + "/loop.yaml", root + "/loop.yaml") == 0)
        #expect(symlink(root + "/a.yaml", root + "/linked.yaml") == 0)
        // An editor's lock file, and a hidden file: names that start with a dot are left out.
        #expect(symlink("root@host.1234:1700000000", root + "/.#a.yaml") == 0)
        try Data("a: 1\n".utf8).write(to: directory.appendingPathComponent(".hidden.yaml"))

        let listed = try #require(FileKind.entries(of: root + "/", endingWith: [".yaml", ".yml"]))
        #expect(listed.files == [root + "/C.YAML", root + "/a.yaml", root + "/b.yml", root + "/linked.yaml"])
        let rule = "in a directory only regular files are read (name it on the command line to read it)"
        #expect(
            listed.problems.map(\.description) == [
                "\(root)/dangling.yaml: error: is a symbolic link to a file that does not exist",
                "\(root)/fifo.yaml: error: is a FIFO; \(rule)",
                "\(root)/loop.yaml: error: cannot read the path: Too many levels of symbolic links",
                "\(root)/sub.yaml: error: is a directory; \(rule)",
            ])
        #expect(FileKind.entries(of: root + "/a.yaml", endingWith: [".yaml"]) == nil)
    }

    @Test func kindsOfPaths() {
        #expect(FileKind.of("/dev/null") == .success(.device))
        #expect(FileKind.of(FileManager.default.temporaryDirectory.path) == .success(.directory))
        guard case .failure(let missing) = FileKind.of("/nonexistent/mupj.yaml") else {
            Issue.record("a missing path was found")
            return
        }
        #expect(missing.description == "/nonexistent/mupj.yaml: error: no such file or directory")
    }
}
