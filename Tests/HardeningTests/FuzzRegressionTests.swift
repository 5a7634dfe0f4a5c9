import Foundation
import FrameworkModel
import TestSupport
import Testing
import YAMLDocument

/// Inputs the fuzzer (scripts/fuzz.sh) found, kept as regression tests.
@Suite struct FuzzRegressionTests {
    /// An anchored empty value at the end of a file without a final line break: libyaml puts
    /// the end mark on a line after the last, which the fuzzer's location check caught.
    @Test func endMarkAtEndOfFileWithoutLineBreak() throws {
        let text = "a: &approved_sites_ved_sites_only"
        let root = try YAMLLoader.load(text)
        let value = try #require(root["a"])
        #expect(value.range.end == SourceLocation(line: 1, column: 34, offset: 33))
        #expect(root.range.end == SourceLocation(line: 1, column: 34, offset: 33))
        #expect(describe(Array(text.utf8)).diagnostics.allSatisfy { $0.location?.line == 1 })
    }

    /// Every committed seed goes through the loader and the description loader without a crash,
    /// and every location it reports lies inside the file.
    @Test func seedCorpusLoads() throws {
        let directory = TestSupport.path("Fuzz/corpus")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(names.count >= 20)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            for diagnostic in describe(bytes).diagnostics {
                let location = try #require(diagnostic.location, "\(name): \(diagnostic)")
                #expect(location.offset <= bytes.count, "\(name): \(diagnostic)")
                #expect(location.line >= 1 && location.column >= 1, "\(name): \(diagnostic)")
            }
        }
    }
}
