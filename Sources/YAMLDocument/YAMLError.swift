/// Why a YAML file was refused, and where. Every case carries a location so that the user can
/// jump to it.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case syntax
        case encoding
        case tooLarge
        case tooDeep
        case tooManyNodes
        case aliasBudget
        case undefinedAlias
        case recursiveAlias
        case duplicateKey
        case mergeKey
        case complexKey
        case unsupportedTag
        case multipleDocuments
        case noDocument
    }

    public var kind: Kind
    public var location: SourceLocation
    public var message: String

    public init(_ kind: Kind, at location: SourceLocation, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }

    public func diagnostic(file: String) -> Diagnostic {
        Diagnostic(file: file, location: location, message: message)
    }
}
