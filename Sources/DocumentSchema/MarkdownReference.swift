/// A field-by-field reference of a format in Markdown, generated from the same shapes as the
/// validator and the JSON Schema (docs/format.md embeds it; a test keeps the copy current).
public enum MarkdownReference {
    public static func render(_ root: ObjectShape) -> String {
        var out = ""
        var seen = Set<String>()
        var queue: [(ObjectShape, String)] = [(root, "")]
        while !queue.isEmpty {
            let (shape, path) = queue.removeFirst()
            guard seen.insert(path).inserted else { continue }
            out += "### `\(path.isEmpty ? "(top level)" : path)`\n\n\(shape.doc)\n\n"
            out += "| key | required | value | unknown allowed | meaning |\n|---|---|---|---|---|\n"
            for field in shape.fields {
                let value = field.shape.expectation.replacing("|", with: "\\|")
                out += "| `\(field.name)` | \(field.required ? "yes" : "no") | \(value) | "
                out += "\(field.allowsUnknown ? "yes" : "no") | \(field.doc) |\n"
                let child = path.isEmpty ? field.name : path + "." + field.name
                switch field.shape {
                case .object(let object): queue.append((object, child))
                case .list(.object(let object), _): queue.append((object, child + "[]"))
                default: break
                }
            }
            for inverse in shape.inverses {
                out +=
                    "| `\(inverse.name)` | derived | the \(inverse.collection) whose `\(inverse.field)` name it | — | "
                out += "\(inverse.doc) |\n"
            }
            if shape.annotations {
                out += "\nAlso accepted: `source` (citation or list of citations), `notes` (text).\n"
            }
            out += "\n"
        }
        return out
    }
}
