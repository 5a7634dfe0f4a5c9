/// The shape a YAML node must have to be accepted: the format of a document written as data.
///
/// One `Shape` value serves four uses, so they cannot drift apart: validation with located
/// diagnostics, the typed `Value` tree the engine reads, the JSON Schema for editors, and the
/// static check that catalog paths name real fields.
public indirect enum Shape: Sendable {
    /// A single-line string. `hint` names the expected form in error messages.
    case string
    /// Free text (any string, multi-line allowed).
    case text
    case integer(minimum: Int?)
    case number(minimum: Double?)
    case boolean
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A Unix file mode written as a quoted octal string, such as `"0600"`.
    case fileMode
    /// One of a fixed set of words.
    case enumeration([String])
    /// Exactly this string (format identifiers).
    case constant(String)
    case list(Shape, minCount: Int)
    case object(ObjectShape)
    /// The id of an element of the named top-level collection (such as `components`).
    case reference(String)
    /// Kept as the raw node and checked by the stage that owns it (the check language).
    case custom(String)

    /// How error messages and documentation name this shape.
    public var expectation: String {
        switch self {
        case .string: return "a string"
        case .text: return "text"
        case .integer(let min):
            return min.map { "an integer of at least \($0)" } ?? "an integer"
        case .number(let min):
            return min.map { "a number of at least \(formatNumber($0))" } ?? "a number"
        case .boolean: return "true or false"
        case .date: return "a date (YYYY-MM-DD)"
        case .fileMode: return "a quoted octal file mode such as \"0600\""
        case .enumeration(let values): return "one of " + values.joined(separator: ", ")
        case .constant(let value): return "'\(value)'"
        case .list(let element, _): return "a list of \(element.nounPhrase)"
        case .object(let object): return "a mapping (\(object.name))"
        case .reference(let collection): return "the id of one of the \(collection)"
        case .custom(let name): return name
        }
    }

    var nounPhrase: String {
        switch self {
        case .object(let object): return object.name + "s"
        case .reference(let collection): return "\(collection) ids"
        case .enumeration(let values): return "words from: " + values.joined(separator: ", ")
        default: return "values (each \(expectation))"
        }
    }
}

/// A number as people write it: whole numbers without a decimal point (`90`, not `90.0`). Only
/// those that fit an `Int` exactly are converted: `Int(1e19)` traps, and a catalog wrote that.
public func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
}

public struct Field: Sendable {
    public var name: String
    public var shape: Shape
    public var required: Bool
    /// Whether the document may say it does not know (`unknown`). Facts may; structure may not.
    public var allowsUnknown: Bool
    public var doc: String

    public init(_ name: String, _ shape: Shape, required: Bool = true, unknown: Bool = true, doc: String) {
        self.name = name
        self.shape = shape
        self.required = required
        self.allowsUnknown = unknown
        self.doc = doc
    }
}

/// A field that is not written but derived: the elements of another collection that refer to
/// this element (a credential's `held_by` are the components whose `holds` name it).
public struct InverseField: Sendable {
    public var name: String
    public var collection: String
    public var field: String
    public var doc: String

    public init(_ name: String, collection: String, field: String, doc: String) {
        self.name = name
        self.collection = collection
        self.field = field
        self.doc = doc
    }
}

/// A class, and immutable: the walk passes the shape of every mapping it meets, and a struct of
/// five reference-counted fields cost five reference counts at each pass.
public final class ObjectShape: Sendable {
    public let name: String
    public let doc: String
    public let fields: [Field]
    /// The field that identifies elements of a list of these objects, unique within the list.
    public let idField: String?
    public let inverses: [InverseField]
    /// Whether `source:` (citations) and `notes:` may be written on this mapping.
    public let annotations: Bool

    public init(
        _ name: String, doc: String, idField: String? = nil, annotations: Bool = true, inverses: [InverseField] = [],
        fields: [Field]
    ) {
        self.name = name
        self.doc = doc
        self.fields = fields
        self.idField = idField
        self.inverses = inverses
        self.annotations = annotations
    }

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    /// Keys accepted on the mapping besides the fields.
    public var annotationKeys: [String] { annotations ? ["source", "notes"] : [] }
}

/// The annotations every annotated mapping and every fact wrapper may carry.
public enum Annotation {
    public static let source = "source"
    public static let notes = "notes"
    public static let value = "value"
    public static let unknown = "unknown"
    /// On a list: the items given are known, but there may be others.
    public static let partial = "partial"
}
