import DocumentSchema
import FrameworkModel

/// What a path reaches in the description format, found without a description: lets the
/// catalog loader reject a check that names a field the format does not have.
struct PathType {
    /// The shape at the end of the path.
    var shape: Shape
    /// Whether the path can reach several values (it crosses a list or a derived field).
    var multiValued: Bool
    /// How many segments each beginning of the path that ends on a reference has, shortest first.
    var references: [Int] = []
}

enum PathTyping {
    static var rootShape: ObjectShape { FrameworkFormat.root }

    /// The element shape of a top-level collection (`components` → component).
    static func elementShape(of collection: String) -> ObjectShape? {
        guard case .list(.object(let element), _)? = rootShape.field(collection)?.shape else { return nil }
        return element
    }

    static func type(of path: FieldPath, from start: ObjectShape) -> Result<PathType, PathError> {
        var current = Shape.object(path.fromRoot ? rootShape : start)
        var multi = false
        var references: [Int] = []
        for (index, segment) in path.segments.enumerated() {
            // Step through lists and references to the object they hold or name.
            while true {
                if case .list(let element, _) = current {
                    current = element
                    multi = true
                } else if case .reference(let collection) = current, let element = elementShape(of: collection) {
                    current = .object(element)
                    references.append(index)
                } else {
                    break
                }
            }
            guard case .object(let object) = current else {
                let prefix = path.segments[..<index].joined(separator: ".")
                return .failure(
                    PathError(message: "'\(prefix)' is \(current.expectation), it has no field '\(segment)'"))
            }
            if let field = object.field(segment) {
                current = field.shape
            } else if let inverse = object.inverses.first(where: { $0.name == segment }),
                let element = elementShape(of: inverse.collection)
            {
                current = .list(.object(element), minCount: 0)
            } else {
                let names = object.fields.map(\.name) + object.inverses.map(\.name)
                return .failure(
                    PathError(
                        message: "'\(segment)' is not a field of \(object.name)"
                            + Suggestion.phrase(for: segment, in: names)
                            + " (fields: \(names.joined(separator: ", ")))"))
            }
        }
        if case .list = current { multi = true }
        return .success(PathType(shape: current, multiValued: multi, references: references))
    }
}

struct PathError: Error {
    var message: String
}
