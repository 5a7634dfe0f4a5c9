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

    /// `pilots` pilots that all hold the same `pilots` proxies.
    static func sharedProxies(_ pilots: Int) throws -> FrameworkDescription {
        let holds = (0..<pilots).map { "x\($0)" }.joined(separator: ", ")
        let text =
            "format: mupj/1\ncomponents:\n"
            + (0..<pilots).map {
                "  - {id: p\($0), kind: pilot, zone: \($0 == 1 ? "central" : "worker-node"), operated_by: vo, "
                    + "holds: [\(holds)]}\n"
            }.joined() + "credentials:\n"
            + (0..<pilots).map { "  - {id: x\($0), type: x509-proxy, identity: pilot-owner, delegation: limited}\n" }
            .joined()
        let source = SourceFile(path: "shared.yaml", bytes: Array(text.utf8))
        let outcome = DescriptionLoader.validate(try YAMLLoader.load(text), source: source, mode: .fragment)
        return try #require(outcome.description, "\(outcome.diagnostics)")
    }

    /// Routes that meet again reach the same element under the same name: it is a place once, and
    /// each other route a step. (Each route was a place: pilots² × pilots of them at the end, and
    /// 100 pilots took 488 s.)
    @Test func routesThatMeetAgainReachEachPlaceOnce() throws {
        let description = try Self.sharedProxies(3)
        let resolver = PathResolver(root: description.root)
        let proxy = resolver.collection("credentials")[0]
        for subjectPath in ["credentials[x0]", nil] {
            let places = resolver.walk(
                FieldPath("held_by.holds.held_by.zone"), subject: proxy, subjectPath: subjectPath)
            #expect(places.map(Self.summary).count == 3)
            #expect(Set(places.map(\.range.start.offset)).count == 3)
            if subjectPath != nil {
                #expect(places.map(\.path) == ["components[p0].zone", "components[p1].zone", "components[p2].zone"])
            }
        }
    }

    /// A walk stops where the review passes its step limit: one element's walk can pass through
    /// millions of places, and the limit was looked at only between elements.
    @Test func aWalkStopsAtTheStepLimit() throws {
        let description = try Self.sharedProxies(40)
        let path = FieldPath("held_by.holds.held_by.holds.held_by.zone")
        let whole = PathResolver(root: description.root)
        let proxy = whole.collection("credentials")[0]
        #expect(whole.walk(path, subject: proxy, subjectPath: nil).count == 40)
        #expect(whole.meter.steps > 5_000)
        let limited = PathResolver(
            root: description.root, meter: WorkMeter(limits: ReviewLimits(maxFindings: 10, maxSteps: 100)))
        _ = limited.walk(path, subject: proxy, subjectPath: nil)
        #expect(limited.meter.passed == .steps)
        // Past the limit by what one place's step adds at most (the pilots it is held by, or
        // the proxies a pilot holds), not by the rest of the walk.
        #expect(limited.meter.steps <= 100 + 2 * 40)
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
