import FrameworkModel
import Testing

@testable import ReviewEngine

/// Which framework a description is about, as finding ids and record matching see it.
@Suite struct FrameworkIdentityTests {
    /// Pairs of (VO, name) that a key joined with `/` or U+001F could not tell apart.
    static let lookalikes: [(vo: String, name: String)] = [
        ("A/B", "C"), ("A", "B/C"), ("A%2FB", "C"), ("A%252FB", "C"), ("A", "B\u{1F}C"), ("A\u{1F}B", "C"),
        ("A", "B%1FC"), ("A%", "C"), ("A", "%C"), ("A/", "C"), ("A", "/C"),
    ]

    @Test func everyFrameworkHasAnIdKeyOfItsOwn() {
        let keys = Self.lookalikes.map { Engine.idKey(vo: $0.vo, name: $0.name) }
        #expect(Set(keys).count == keys.count, "\(keys)")
        // Nothing the finding id joins with U+001F is left in the key.
        #expect(keys.allSatisfy { !$0.unicodeScalars.contains("\u{1F}") })
    }

    /// The ids of real frameworks are what they were: the key is `VO/name` as written.
    @Test func realFrameworksKeepTheirIds() {
        #expect(Engine.idKey(vo: "ATLAS", name: "PanDA") == "ATLAS/PanDA")
        #expect(Engine.idKey(vo: "LHCb", name: "DIRAC") == "LHCb/DIRAC")
        #expect(Engine.idKey(vo: "vo.example.org", name: "Pilot factory (v2)") == "vo.example.org/Pilot factory (v2)")
    }

    @Test func recordsMatchCaseInsensitivelyAndNoFurther() {
        #expect(FrameworkKey(name: "PanDA", vo: "atlas") == FrameworkKey(name: "panda", vo: "ATLAS"))
        #expect(FrameworkKey(name: "C", vo: "A/B") != FrameworkKey(name: "B/C", vo: "A"))
        #expect(FrameworkKey(name: "x\u{1F}y", vo: "z") != FrameworkKey(name: "x", vo: "y\u{1F}z"))
    }
}
