import Testing
import YAMLDocument

@Suite struct PathsTests {
    @Test(arguments: [
        ("./frameworks//panda.yaml", "frameworks/panda.yaml"),
        ("a/./b/../c", "a/c"),
        ("../x/y", "../x/y"),
        ("a/../..", ".."),
        ("/a/../../b", "/b"),
        ("", "."),
        ("./", "."),
    ])
    func normalise(input: String, expected: String) {
        #expect(Paths.normalise(input) == expected)
    }

    @Test(arguments: [
        (".", "frameworks/panda.yaml", "frameworks/panda.yaml"),
        ("reports", "frameworks/panda.yaml", "../frameworks/panda.yaml"),
        ("reports/", "./frameworks/panda.yaml", "../frameworks/panda.yaml"),
        ("frameworks", "frameworks/panda.yaml", "panda.yaml"),
        ("/repo/out", "frameworks/panda.yaml", "../frameworks/panda.yaml"),
        ("out", "/repo/frameworks/panda.yaml", "../frameworks/panda.yaml"),
        ("../elsewhere", "frameworks/panda.yaml", "../repo/frameworks/panda.yaml"),
        ("/other/place", "/repo/f.yaml", "../../repo/f.yaml"),
    ])
    func relative(directory: String, file: String, expected: String) {
        #expect(Paths.relative(from: directory, to: file, workingDirectory: "/repo") == expected)
    }

    @Test func withoutWorkingDirectoryAnAbsolutePairStillWorks() {
        #expect(Paths.relative(from: "/a/b", to: "/a/c/d.yaml", workingDirectory: nil) == "../c/d.yaml")
        // Cannot be related lexically: the file as given.
        #expect(Paths.relative(from: "/a/b", to: "c/d.yaml", workingDirectory: nil) == "c/d.yaml")
    }

    @Test func uriEscaping() {
        #expect(Paths.uriPath("dir/a b(1)#x.yaml") == "dir/a%20b%281%29%23x.yaml")
        #expect(Paths.uriPath("é") == "%C3%A9")
        #expect(Paths.uri("./a/b.yaml") == "a/b.yaml")
        // A catalog built into mupj is named by its own URI, not as a file called "mupj:…".
        #expect(Paths.uri("mupj:checklists/vo-operations.yaml") == "mupj:checklists/vo-operations.yaml")
    }
}
