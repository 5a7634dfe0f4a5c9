/// Renders a root `ObjectShape` as a JSON Schema (draft 2020-12), so that editors running
/// yaml-language-server can complete and check documents. Written from the same `Shape` the
/// validator uses, so the two agree by construction.
public enum JSONSchemaExport {
    public static func schema(for root: ObjectShape, id: String, title: String) -> JSON {
        .obj(
            [
                ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
                ("$id", .string(id)),
                ("title", .string(title)),
                ("description", .string(root.doc)),
                ("$defs", .obj([("source", sourceSchema), ("unknownFact", unknownFact)])),
            ] + objectMembers(root))
    }

    static let sourceSchema: JSON = .obj([
        ("description", .string("Where a fact comes from: a URL or a document and section, or a list of them.")),
        (
            "anyOf",
            .array([
                .obj([("type", .string("string"))]),
                .obj([("type", .string("array")), ("items", .obj([("type", .string("string"))]))]),
            ])
        ),
    ])

    static let unknownFact: JSON = .obj([
        (
            "description",
            .string("The document states that this fact is not known, optionally why and where that was checked.")
        ),
        ("type", .string("object")),
        (
            "properties",
            .obj([
                ("unknown", .obj([("type", .string("string"))])), ("source", ref("source")),
                ("notes", .obj([("type", .string("string"))])),
            ])
        ),
        ("required", .array([.string("unknown")])),
        ("additionalProperties", .bool(false)),
    ])

    static func ref(_ name: String) -> JSON { .obj([("$ref", .string("#/$defs/\(name)"))]) }

    static func objectMembers(_ shape: ObjectShape) -> [(String, JSON?)] {
        var properties: [JSON.Member] = shape.fields.map { field in
            JSON.Member(field.name, fieldSchema(field))
        }
        if shape.annotations {
            properties.append(JSON.Member("source", ref("source")))
            properties.append(
                JSON.Member("notes", .obj([("type", .string("string")), ("description", .string("Free text."))])))
        }
        let required = shape.fields.filter(\.required).map { JSON.string($0.name) }
        return [
            ("type", .string("object")),
            ("properties", .object(properties)),
            ("required", required.isEmpty ? nil : .array(required)),
            ("additionalProperties", .bool(false)),
        ]
    }

    static func fieldSchema(_ field: Field) -> JSON {
        var schema = shapeSchema(field.shape)
        if case .object = field.shape {
            if field.allowsUnknown {
                schema = .obj([("anyOf", .array([schema, .obj([("const", .string("unknown"))])]))])
            }
        } else if case .custom = field.shape {
        } else {
            // Leaves and lists may be wrapped as {value:, source:} and, for facts, be unknown.
            var members: [(String, JSON?)] = [
                ("value", schema), ("source", ref("source")), ("notes", .obj([("type", .string("string"))])),
            ]
            if case .list = field.shape {
                members.append(("partial", .obj([("type", .string("boolean"))])))
            }
            let wrapped: JSON = .obj([
                ("type", .string("object")),
                ("properties", .obj(members)),
                ("required", .array([.string("value")])),
                ("additionalProperties", .bool(false)),
            ])
            var options = [schema, wrapped]
            if field.allowsUnknown { options += [.obj([("const", .string("unknown"))]), ref("unknownFact")] }
            schema = .obj([("anyOf", .array(options))])
        }
        guard case .object(var members) = schema else { return schema }
        members.insert(JSON.Member("description", .string(field.doc)), at: 0)
        return .object(members)
    }

    static func shapeSchema(_ shape: Shape) -> JSON {
        switch shape {
        case .string, .text: return .obj([("type", .string("string"))])
        case .integer(let minimum): return .obj([("type", .string("integer")), ("minimum", minimum.map(JSON.int))])
        case .number(let minimum): return .obj([("type", .string("number")), ("minimum", minimum.map(JSON.number))])
        case .boolean: return .obj([("type", .string("boolean"))])
        case .date:
            return .obj([("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])
        case .fileMode: return .obj([("type", .string("string")), ("pattern", .string("^0?[0-7]{3}$"))])
        case .enumeration(let words): return .obj([("enum", .array(words.map(JSON.string)))])
        case .constant(let value): return .obj([("const", .string(value))])
        case .list(let element, let minCount):
            return .obj([
                ("type", .string("array")), ("items", shapeSchema(element)),
                ("minItems", minCount > 0 ? .int(minCount) : nil),
            ])
        case .object(let object):
            return .obj([("description", .string(object.doc))] + objectMembers(object))
        case .reference(let collection):
            return .obj([("type", .string("string")), ("description", .string("The id of one of the \(collection)."))])
        case .custom(let name): return .obj([("description", .string(name))])
        }
    }
}
