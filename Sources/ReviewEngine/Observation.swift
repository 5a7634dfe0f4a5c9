import PolicyCatalog
import YAMLDocument

/// What one field test looked at and what it concluded: the unit of a decision trace and the
/// source of a finding's evidence.
public struct Observation: Sendable {
    public enum Phase: String, Sendable {
        case when, `where`, require
    }

    public var phase: Phase
    public var test: FieldTest
    /// The places the test reached, in the order reached, at most `listedPlaces` of them: those
    /// that decide its truth first (a value that fails the test, a gap), then the others.
    public var reached: [Reached]
    /// The references the test's path followed to get there, as they are written (the
    /// `credential: user-proxy` of `….credential.identity`): they do not decide the test, but they
    /// are facts of the description that the finding rests on, with sources of their own.
    public var via: [Reached] = []
    public var truth: Truth
    /// Whether this test decided the truth of the condition it is part of, and so is cited as
    /// evidence (the trace keeps every test). An `all` that holds rests on every part, and an
    /// `any` that fails on every part; otherwise a condition rests on the parts that have its own
    /// truth: the false parts of a failed `all`, the alternatives that hold of an `any`, the
    /// undecided parts of an undecided one. So a proxy that is limited is cited for that, not for
    /// the lifetime the other alternative would have needed, and a directory of mode 0777 for its
    /// mode, not for the owner that was right. Set by the evaluator, part by part.
    public var decides = true
    /// How many more places the test reached and decided on than are listed.
    public var unlisted = 0

    /// A path through a relationship can reach thousands of places (a credential held by every
    /// component), and each finding cites the places of its tests: listing them all made the report
    /// of one description of 14.5 MB 2.5 GB long. A reviewer needs the places that decide, and how
    /// many the others are.
    public static let listedPlaces = 100
}
