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
    public var reached: [Reached]
    public var truth: Truth
}
