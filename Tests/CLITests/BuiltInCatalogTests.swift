import Foundation
import ShippedCatalogs
import TestSupport
import Testing

/// The catalogs built into `mupj`, which stand in for `./checklists` where there is none.
@Suite struct BuiltInCatalogTests {
    /// Every catalog of checklists/ is built in, byte for byte, and nothing else is: a catalog
    /// added to the directory but not to Package.swift's list fails here.
    @Test func theBuiltInCatalogsAreTheFilesOfChecklists() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: TestSupport.path("checklists"))
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        #expect(ShippedCatalogs.files.map(\.path) == names.map { "mupj:checklists/" + $0 })
        for (file, name) in zip(ShippedCatalogs.files, names) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: TestSupport.path("checklists/" + name)))
            #expect(file.bytes == [UInt8](bytes), "\(name) differs from the catalog built in")
        }
    }

    /// Run where there is no ./checklists, the review is the one made with checklists/, and its
    /// report names the catalogs as built in, with the same digests.
    @Test func theyStandInWhereThereIsNoChecklistsDirectory() throws {
        let elsewhere = try TestSupport.temporaryDirectory()
        let description = TestSupport.path("frameworks/dirac.yaml")
        let arguments = ["review", description, "--format", "json", "--fail-on", "never"]
        let here = try TestSupport.mupj(arguments)
        let there = try TestSupport.mupj(arguments, in: elsewhere)
        #expect(there.status == 0 && there.stderr.isEmpty, "\(there.stderr)")
        let (a, b) = (try object(here.stdout), try object(there.stdout))
        let (catalogsA, catalogsB) = (
            try #require(a["catalogs"] as? [[String: Any]]), try #require(b["catalogs"] as? [[String: Any]])
        )
        #expect(catalogsA.count == 2 && catalogsB.count == catalogsA.count)
        for (x, y) in zip(catalogsA, catalogsB) {
            #expect(y["file"] as? String == "mupj:" + (x["file"] as? String ?? ""))
            #expect(y["sha256"] as? String == x["sha256"] as? String)
        }
        let frameworks = try #require(b["frameworks"] as? [Any])
        #expect(NSArray(array: frameworks).isEqual(to: try #require(a["frameworks"] as? [Any])))
    }

    /// What is at ./checklists is read, whatever it is: a link that leads nowhere is an error,
    /// not a reason to take other catalogs. So is a `$MUPJ_CHECKLISTS` that names nothing.
    @Test func anythingNamedOrPresentIsReadInstead() throws {
        let elsewhere = try TestSupport.temporaryDirectory()
        try FileManager.default.createSymbolicLink(
            atPath: elsewhere.appendingPathComponent("checklists").path, withDestinationPath: "/nonexistent/checklists")
        let dangling = try TestSupport.mupj(["clauses"], in: elsewhere)
        #expect(dangling.status == 2)
        #expect(dangling.stderr.hasPrefix("checklists: error: is a symbolic link to a file that does not exist\n"))
        // A ./checklists that is there, with a catalog that does not load: its error, not the built-ins.
        let broken = try TestSupport.temporaryDirectory()
        let checklists = broken.appendingPathComponent("checklists")
        try FileManager.default.createDirectory(at: checklists, withIntermediateDirectories: true)
        try "catalog: x\n".write(to: checklists.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let present = try TestSupport.mupj(["clauses"], in: broken)
        #expect(present.status == 2)
        #expect(present.stderr.hasPrefix("checklists/bad.yaml:1:1: error: "), "\(present.stderr)")
        let empty = try TestSupport.temporaryDirectory()
        let named = try TestSupport.mupj(["clauses"], in: empty, environment: ["MUPJ_CHECKLISTS": "/nonexistent"])
        #expect(named.status == 2)
        #expect(
            named.stderr == "/nonexistent: error: no such file or directory\n"
                + "/nonexistent: note: MUPJ_CHECKLISTS names this directory; name the catalogs with --checklist, or "
                + "unset MUPJ_CHECKLISTS to use ./checklists or the catalogs built into mupj\n"
                + "error: the catalogs could not be loaded, and nothing was done\n")
    }

    /// The built-in catalogs are held to the size limit a file read is held to.
    @Test func theyAreHeldToTheSizeLimit() throws {
        let elsewhere = try TestSupport.temporaryDirectory()
        let run = try TestSupport.mupj(["clauses", "--max-file-size", "20000"], in: elsewhere)
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix(
                "mupj:checklists/jspg-mupj-v1.0.yaml:1:1: error: file is \(ShippedCatalogs.files[0].bytes.count) bytes, "
                    + "more than the limit of 20000 bytes (raise it with --max-file-size)\n"), "\(run.stderr)")
    }

    /// A file of the user's whose name begins like a built-in one's is named as a file of this
    /// directory, and linked as one: a report never takes it for a catalog that came with mupj.
    @Test func aFileNamedLikeOneIsNotTakenForOne() throws {
        let elsewhere = try TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(
            atPath: TestSupport.path("frameworks/dirac.yaml"),
            toPath: elsewhere.appendingPathComponent("mupj:d.yaml").path)
        let run = try TestSupport.mupj(
            ["review", "mupj:d.yaml", "--format", "json", "--fail-on", "never"], in: elsewhere)
        #expect(run.status == 0, "\(run.stderr)")
        let frameworks = try #require(try object(run.stdout)["frameworks"] as? [[String: Any]])
        #expect(frameworks.first?["file"] as? String == "./mupj:d.yaml")
        let markdown = try TestSupport.mupj(
            ["review", "mupj:d.yaml", "--format", "markdown", "--fail-on", "never"], in: elsewhere)
        #expect(
            markdown.stdout.contains("Description: [./mupj:d.yaml](mupj%3Ad.yaml)"), "\(markdown.stdout.prefix(2000))")
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
