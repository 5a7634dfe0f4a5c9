import Foundation
import YAMLDocument

/// The data of the YAML test suite at `../shared/yaml-test-suite` (relative to the package
/// root): a folder per case id, some with numbered sub-case folders.
enum YAMLTestSuite {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let root = packageRoot.appendingPathComponent("../shared/yaml-test-suite").standardizedFileURL

    static let exclusionsFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/yaml-test-suite-exclusions.txt")

    /// Whether the suite is there; says so on standard output when it is not, so that a run
    /// without it is visibly not a conformance run.
    static let isPresent: Bool = {
        let present = FileManager.default.fileExists(atPath: root.path)
        if !present {
            print("YAML test suite not found at \(root.path): the conformance test is skipped")
        }
        return present
    }()

    struct Case {
        var id: String
        var folder: URL
        var input: [UInt8]
        /// The folder has a file named `error`: the input must be rejected.
        var mustFail: Bool
        /// The documents of `in.json`, when the case has one.
        var expectedJSON: String?
        var events: String?
    }

    static func cases() throws -> [Case] {
        let manager = FileManager.default
        var result: [Case] = []
        for id in try manager.contentsOfDirectory(atPath: root.path).sorted() {
            let folder = root.appendingPathComponent(id)
            if manager.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) {
                result.append(try load(id: id, folder: folder))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            for sub in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
                let subfolder = folder.appendingPathComponent(sub)
                if manager.fileExists(atPath: subfolder.appendingPathComponent("in.yaml").path) {
                    result.append(try load(id: "\(id)/\(sub)", folder: subfolder))
                }
            }
        }
        return result
    }

    private static func load(id: String, folder: URL) throws -> Case {
        func text(_ name: String) -> String? {
            try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        let input = try Data(contentsOf: folder.appendingPathComponent("in.yaml"))
        return Case(
            id: id, folder: folder, input: [UInt8](input),
            mustFail: FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path),
            expectedJSON: text("in.json"), events: text("test.event"))
    }

    /// A valid case that mupj rejects on purpose, with the error kind it must end with.
    struct Exclusion {
        var id: String
        var kind: YAMLError.Kind
        var reason: String
    }

    /// `ID KIND REASON…` per line; `#` starts a comment.
    static func exclusions() throws -> [String: Exclusion] {
        let text = try String(contentsOf: exclusionsFile, encoding: .utf8)
        var result: [String: Exclusion] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            if fields.isEmpty { continue }
            guard fields.count == 3, let kind = YAMLError.Kind(rawValue: String(fields[1])) else {
                throw ExclusionsError(line: number + 1, text: String(raw))
            }
            let id = String(fields[0])
            guard result[id] == nil else { throw ExclusionsError(line: number + 1, text: "\(id) listed twice") }
            result[id] = Exclusion(
                id: id, kind: kind, reason: fields[2].trimmingCharacters(in: .whitespaces))
        }
        return result
    }

    struct ExclusionsError: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var description: String { "yaml-test-suite-exclusions.txt:\(line): expected 'ID KIND REASON', found '\(text)'" }
    }
}
