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
    /// evidence (the trace keeps every test). A condition that holds rests on every part of an
    /// `all` and on the alternatives that hold of an `any`; one that fails or cannot be decided
    /// rests on every part that does not hold, as its message names them (read under a `not` as
    /// the message reads it: `not all` is `any` of the negated parts). So a proxy that is limited
    /// is cited for that, not for the lifetime the other alternative would have needed; a
    /// directory of mode 0777 for its mode, not for the owner that was right; and an `any` that
    /// cannot be decided for the alternatives found false as well as for those not known. A part of
    /// a larger condition that fails as an `all` rests on its false parts alone: where no identity
    /// switch is made, "no payload runs as the pilot" fails for that, not for the switch's mode or
    /// exit codes, which the description leaves unknown. The condition's own parts not known are
    /// still named: each is a question the finding asks. Set by the evaluator, part by part.
    public var decides = true
    /// How many more places the test reached and decided on than are listed.
    public var unlisted = 0

    /// A path through a relationship can reach thousands of places (a credential held by every
    /// component), and each finding cites the places of its tests: listing them all made the report
    /// of one description of 14.5 MB 2.5 GB long. A reviewer needs the places that decide, and how
    /// many the others are.
    public static let listedPlaces = 100

    /// Whether a place it reached is one the finding names (in its evidence and its message): a
    /// possible place (`Reached.possible`) only where it left the test undecided; of a decided
    /// test it was left aside.
    func names(_ place: Reached) -> Bool { !place.possible || truth == .unknown }
}
