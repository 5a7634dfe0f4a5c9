import Foundation
import Testing
import YAMLDocument

/// The loader over every case of the YAML test suite. An error case must be rejected. A valid
/// case must load to the data of its `in.json` and to the tree of its `test.event`, or be
/// rejected with the kind its exclusion names. A case loaded to a different tree is a failure.
@Suite struct ConformanceTests {
    @Test(.enabled(if: YAMLTestSuite.isPresent, "the YAML test suite is not at ../shared/yaml-test-suite"))
    func yamlTestSuite() throws {
        let cases = try YAMLTestSuite.cases()
        let exclusions = try YAMLTestSuite.exclusions()
        #expect(cases.count > 300, "found only \(cases.count) cases in \(YAMLTestSuite.root.path)")

        var passed = 0
        var rejected = 0
        var excluded = 0
        var excludedByReason: [String: Int] = [:]
        for testCase in cases {
            let outcome = Result { () throws(YAMLError) in try YAMLLoader.load(testCase.input) }
            let exclusion = exclusions[testCase.id]
            if testCase.mustFail {
                #expect(exclusion == nil, "\(testCase.id): an error case needs no exclusion")
                switch outcome {
                case .success(let node):
                    Issue.record("\(testCase.id): error case loaded to \(EventTree(node))")
                case .failure:
                    rejected += 1
                }
                continue
            }
            switch outcome {
            case .failure(let error):
                guard let exclusion else {
                    Issue.record("\(testCase.id): valid case rejected, not excluded: \(error.kind) at \(error)")
                    continue
                }
                #expect(
                    error.kind == exclusion.kind,
                    "\(testCase.id): rejected as \(error.kind) (\(error)), excluded as \(exclusion.kind)")
                excluded += 1
                excludedByReason[exclusion.reason, default: 0] += 1
            case .success(let node):
                if let exclusion {
                    Issue.record("\(testCase.id): loads, but is excluded as '\(exclusion.reason)'")
                    continue
                }
                if try compare(node, with: testCase) { passed += 1 }
            }
        }
        print(
            "yaml-test-suite: \(cases.count) cases: \(passed) loaded to the expected data, \(rejected) error cases "
                + "rejected, \(excluded) valid cases excluded")
        for (reason, count) in excludedByReason.sorted(by: { $0.value > $1.value }) {
            print("  excluded \(count): \(reason)")
        }
        // Every exclusion names a case of the suite, so that the list cannot go stale.
        let ids = Set(cases.map(\.id))
        for id in exclusions.keys.sorted() where !ids.contains(id) {
            Issue.record("exclusion \(id) names no case of the suite")
        }
    }

    /// Compares a loaded tree with the case's expected data; records an issue on a difference.
    private func compare(_ node: Node, with testCase: YAMLTestSuite.Case) throws -> Bool {
        var same = true
        if let json = testCase.expectedJSON {
            let documents = try JSONData.stream(json)
            if documents.count != 1 {
                Issue.record("\(testCase.id): loaded one document, in.json holds \(documents.count)")
                same = false
            } else if let loaded = JSONData(node) {
                if loaded != documents[0] {
                    Issue.record("\(testCase.id): loaded \(loaded), in.json is \(documents[0])")
                    same = false
                }
            } else {
                Issue.record("\(testCase.id): the loaded tree has no JSON form, but in.json exists")
                same = false
            }
        }
        if let events = testCase.events {
            let documents = try EventTree.documents(events)
            let loaded = EventTree(node)
            if documents.count != 1 || documents[0] != loaded {
                Issue.record("\(testCase.id): loaded \(loaded), test.event describes \(documents)")
                same = false
            }
        }
        if testCase.expectedJSON == nil && testCase.events == nil {
            Issue.record("\(testCase.id): no in.json and no test.event to compare with")
            same = false
        }
        return same
    }

    @Test func jsonStreamsSplitIntoDocuments() throws {
        #expect(
            try JSONStream.split("{\"a\": [1, \"]\"]}\n[2]\n\"x y\"\n3\nnull") == [
                "{\"a\": [1, \"]\"]}", "[2]", "\"x y\"", "3", "null",
            ])
        #expect(try JSONStream.split("  \n").isEmpty)
        #expect(
            try JSONData.stream("{\"b\": true, \"n\": 1, \"f\": 1.5, \"z\": null}") == [
                .object(["b": .bool(true), "n": .integer(1), "f": .number(1.5), "z": .null])
            ])
        // 1 and true are different data, though NSNumber bridges both to Bool.
        #expect(
            try JSONData.stream("[1, true, 0, false]") == [
                .array([.integer(1), .bool(true), .integer(0), .bool(false)])
            ])
    }

    @Test func loadedTreesConvertToJSONData() throws {
        let node = try YAMLLoader.load("a: [1, 2.5, true, ~, 'x', yes]\n1: b\n")
        #expect(
            JSONData(node)
                == .object([
                    "a": .array([.integer(1), .number(2.5), .bool(true), .null, .string("x"), .string("yes")]),
                    "1": .string("b"),
                ]))
        #expect(JSONData(try YAMLLoader.load("- .inf\n")) == nil)
    }

    @Test func eventStreamsBuildTrees() throws {
        let events =
            "+STR\n+DOC\n+MAP\n=VAL :a\n+SEQ [] &s <tag:yaml.org,2002:seq>\n=VAL 'x\\ty\n-SEQ\n"
            + "=VAL :b\n=ALI *s\n-MAP\n-DOC\n-STR\n"
        let sequence = EventTree.sequence([.scalar("x\ty", tag: nil)], tag: YAMLTag.seq)
        #expect(
            try EventTree.documents(events) == [
                .mapping([(.scalar("a", tag: nil), sequence), (.scalar("b", tag: nil), sequence)], tag: nil)
            ])
        let loaded = try YAMLLoader.load("a: &s !!seq ['x\ty']\nb: *s\n")
        #expect(try EventTree.documents(events) == [EventTree(loaded)])
    }
}
