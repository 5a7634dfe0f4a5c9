import DocumentSchema
import FrameworkModel
import PolicyCatalog
import TestSupport
import Testing
import YAMLDocument

@testable import ReviewEngine

/// The resolver's short cut for paths through objects must give exactly what the general walk
/// gives, and count the same steps: every path of every shipped check, from every subject it is evaluated on, in the
/// shipped descriptions and in one written to stop paths early (unknown and unstated objects).
@Suite struct PathResolverTests {
    static let stopsEarly = """
        format: mupj/1
        payload_execution:
          identity_switching: unknown
        traceability: {retention_days: 10}
        components:
          - {id: a, name: A, kind: pilot, zone: worker-node, operated_by: vo, holds: [p]}
          - {id: b, name: B, kind: task-queue, zone: central, operated_by: vo}
        credentials:
          - {id: p, type: x509-proxy, identity: pilot-owner, delegation: limited}
        """

    @Test func shortCutAgreesWithTheGeneralWalk() throws {
        let catalogs = try TestSupport.shippedCatalogs()
        let paths = catalogs.catalogs.flatMap(\.clauses).flatMap(\.checks).flatMap { check in
            [check.when, check.whereCondition, check.require].compactMap { $0 }.flatMap(\.tests).map(\.path)
        }
        var descriptions: [FrameworkDescription] = []
        for file in ["alien", "panda", "glideinwms", "dirac", "examples/model-pilot", "examples/common-mistakes"] {
            let path = TestSupport.path("frameworks/\(file).yaml")
            descriptions.append(
                try #require(
                    DescriptionLoader.load(try SourceFile.read(path, maxBytes: 1 << 24)).description, "\(file)"))
        }
        let node = try YAMLLoader.load(Self.stopsEarly)
        let source = SourceFile(path: "stops-early.yaml", bytes: Array(Self.stopsEarly.utf8))
        let fragment = DescriptionLoader.validate(node, source: source, mode: .fragment)
        descriptions.append(try #require(fragment.description, "\(fragment.diagnostics)"))

        // What the short cut answered, by kind: each of its ways out must have been compared.
        var shortCuts: [String: Int] = [:]
        for description in descriptions {
            let resolver = PathResolver(root: description.root)
            var subjects: [(Value, String)] = [(description.root, "")]
            for collection in Check.Collection.allCases {
                for element in resolver.collection(collection.rawValue) {
                    subjects.append((element, PathResolver.elementPath(collection.rawValue, element.object?.id ?? "?")))
                }
            }
            for path in paths {
                for (subject, name) in subjects {
                    for subjectPath in [name, nil] {
                        // The same answer, and the same steps counted for the review's step limit.
                        let start = resolver.meter.steps
                        let general = resolver.walk(path, subject: subject, subjectPath: subjectPath).map(Self.summary)
                        let middle = resolver.meter.steps
                        let resolved = resolver.resolve(path, subject: subject, subjectPath: subjectPath)
                        #expect(resolved.map(Self.summary) == general, "\(description.file): \(path) from '\(name)'")
                        #expect(
                            resolver.meter.steps - middle == middle - start,
                            "\(description.file): \(path) from '\(name)': steps")
                        guard resolver.resolveThroughObjects(path, subject: subject, subjectPath: subjectPath) != nil
                        else { continue }
                        shortCuts[resolved.first.map(Self.kind) ?? "nothing", default: 0] += 1
                    }
                }
            }
        }
        for kind in ["known", "unknown", "absent"] {
            #expect(shortCuts[kind, default: 0] >= 10, "\(kind): \(shortCuts)")
        }
    }

    static func kind(_ place: Reached) -> String {
        switch place.state {
        case .known: return "known"
        case .unknown: return "unknown"
        case .absent: return "absent"
        }
    }

    /// What a place is, as text: its state, path, range and value.
    static func summary(_ place: Reached) -> String {
        let state: String
        switch place.state {
        case .known(let value): state = "known \(value.display)"
        case .unknown(let value): state = "unknown \(value.display)"
        case .absent: state = "absent"
        }
        return "\(state) at \(place.path) \(place.range.start)-\(place.range.end) offset \(place.range.start.offset)"
    }
}
