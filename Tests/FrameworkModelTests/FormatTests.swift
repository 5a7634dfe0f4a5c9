import DocumentSchema
import Foundation
import FrameworkModel
import TestSupport
import Testing
import YAMLDocument

@Suite struct TemplateTests {
    @Test func templateIsAValidDescription() {
        let outcome = TestSupport.description(FrameworkTemplate.text)
        #expect(outcome.diagnostics.map(\.description) == [])
        #expect(outcome.description?.name == "ExamplePilot")
        #expect(outcome.description?.vo == "EXAMPLE")
    }

    @Test func templateMentionsEveryField() {
        for path in FormatPaths.all() {
            let leaf = path.split(separator: ".").last.map(String.init) ?? path
            let mentioned =
                FrameworkTemplate.text.contains(leaf + ":") || FrameworkTemplate.text.contains("\"\(leaf)\":")
            #expect(mentioned, "template lacks \(path)")
        }
    }
}

@Suite struct DescriptionErrorTests {
    /// The template with one line replaced, validated; returns the diagnostics as printed.
    func errors(replacing old: String, with new: String) -> [String] {
        let text = FrameworkTemplate.text.replacingOccurrences(of: old, with: new)
        #expect(text != FrameworkTemplate.text, "the template does not contain \(old)")
        return TestSupport.description(text, name: "fw.yaml").diagnostics.map(\.description)
    }

    func line(of fragment: String) -> Int {
        let lines = FrameworkTemplate.text.components(separatedBy: "\n")
        return (lines.firstIndex { $0.hasPrefix(fragment) } ?? -1) + 1
    }

    @Test func unknownKeyWithSuggestion() {
        let l = line(of: "  owner_count: 3")
        #expect(
            errors(replacing: "  owner_count: 3", with: "  owner_cnt: 3").contains(
                "fw.yaml:\(l):3: error: unknown key 'owner_cnt' in ownership; did you mean 'owner_count'?"))
    }

    @Test func wrongType() {
        let l = line(of: "  retention_days: 90")
        #expect(
            errors(replacing: "  retention_days: 90", with: "  retention_days: ninety")
                == [
                    "fw.yaml:\(l):19: error: expected an integer of at least 0 for 'retention_days', found the string 'ninety'"
                ])
    }

    @Test func valueOutsideEnumeration() {
        let l = line(of: "    mechanism: glexec")
        let found = errors(replacing: "    mechanism: glexec", with: "    mechanism: sudo")
        #expect(found.count == 1)
        #expect(
            found.first?.hasPrefix(
                "fw.yaml:\(l):16: error: 'sudo' is not allowed for 'mechanism'; expected one of: glexec, other, none")
                == true)
    }

    @Test func missingRequiredField() {
        let l = line(of: "  owner_registration:")
        #expect(
            errors(replacing: "  owner_count: 3 # how many registered pilot job owners\n", with: "")
                == [
                    "fw.yaml:\(l):3: error: missing required field 'owner_count' in ownership: expected an integer of at least 0 (write unknown if it is not known)"
                ])
    }

    @Test func duplicateID() {
        let l = line(of: "  - id: pilot")
        let found = errors(replacing: "  - id: pilot\n", with: "  - id: task-queue\n")
        #expect(
            found.contains(
                "fw.yaml:\(l):9: error: duplicate component id 'task-queue'; it was first defined at line \(line(of: "  - id: task-queue")), column 9"
            ))
    }

    /// Ids are looked up by hash, which reads them whole: an id or a reference is at most 256
    /// bytes, and a longer one is an error where it is written (once, however often it is pasted).
    @Test func idsAreAtMost256Bytes() {
        let long = String(repeating: "p", count: 257)
        let defined = errors(replacing: "  - id: pilot\n", with: "  - id: \(long)\n")
        #expect(
            defined.contains(
                "fw.yaml:\(line(of: "  - id: pilot")):9: error: an id is at most 256 bytes; this one, "
                    + "'\(long.prefix(40))…', has 257"))
        let referenced = errors(replacing: "    to: task-queue # component id", with: "    to: \(long)")
        #expect(
            referenced == [
                "fw.yaml:\(line(of: "    to: task-queue # component id")):9: error: an id is at most 256 bytes; this one, "
                    + "'\(long.prefix(40))…', has 257"
            ])
        let fits = String(repeating: "p", count: 256)
        #expect(
            errors(replacing: "    to: task-queue # component id", with: "    to: \(fits)").first?.contains(
                "no component with id") == true)
    }

    @Test func undefinedReference() {
        let l = line(of: "    to: task-queue # component id")
        #expect(
            errors(replacing: "    to: task-queue # component id", with: "    to: task-queu")
                == [
                    "fw.yaml:\(l):9: error: no component with id 'task-queu' is defined in components; did you mean 'task-queue'?"
                ])
    }

    /// The word `unknown` marks a fact nobody knows; an id, a name or a reference must be known.
    /// Read as text, `to: unknown` would resolve to a component whose id is `unknown`.
    @Test func structuralKeysCannotBeUnknown() {
        let rule =
            "cannot be unknown: ids, names and references must be known (write \"unknown\" in quotes if that is the real name)"
        let to = line(of: "    to: task-queue # component id")
        #expect(
            errors(replacing: "    to: task-queue # component id", with: "    to: unknown")
                == ["fw.yaml:\(to):9: error: 'to' \(rule)"])
        let id = line(of: "  - id: pilot")
        #expect(
            errors(replacing: "  - id: pilot\n", with: "  - id: unknown\n").contains(
                "fw.yaml:\(id):9: error: 'id' \(rule)"))
        let name = line(of: "  name: ")
        #expect(
            errors(replacing: FrameworkTemplate.text.components(separatedBy: "\n")[name - 1], with: "  name: unknown")
                == ["fw.yaml:\(name):9: error: 'name' \(rule)"])
        // Quoted, it is text like any other: a framework may be called that.
        #expect(
            errors(
                replacing: FrameworkTemplate.text.components(separatedBy: "\n")[name - 1], with: "  name: \"unknown\""
            )
            .isEmpty)
    }

    @Test func undefinedCredentialReference() {
        let l = line(of: "    credential: payload-proxy")
        #expect(
            errors(replacing: "    credential: payload-proxy", with: "    credential: user-proxy")
                == ["fw.yaml:\(l):17: error: no credential with id 'user-proxy' is defined in credentials"])
    }

    @Test func unsupportedFormat() {
        #expect(
            errors(replacing: "format: mupj/1", with: "format: mupj/2")
                == [
                    "fw.yaml:\(line(of: "format: mupj/1")):9: error: unsupported format 'mupj/2'; this mupj reads mupj/1"
                ])
    }

    @Test func yamlErrorsAreLocatedToo() {
        let found = errors(replacing: "  owner_count: 3", with: "  owner_count: 3\n  owner_count: 4")
        let l = line(of: "  owner_count: 3")
        #expect(
            found == [
                "fw.yaml:\(l + 1):3: error: duplicate key 'owner_count'; it was first defined at line \(l), column 3"
            ])
    }

    /// A duplicate key does not hide the file's other errors: the rest is well formed YAML, so the
    /// shape is still checked, and the description is not kept.
    @Test func duplicateKeysDoNotHideTheOtherErrors() {
        // Whole lines: the template's opening comments quote some of them.
        var text = FrameworkTemplate.text.replacingOccurrences(
            of: "\n  retention_days: 90", with: "\n  retention_days: 90\n  retention_days: 30")
        text = text.replacingOccurrences(of: "\n  owner_count: 3", with: "\n  owner_count: 3\n  owner_count: many")
        text = text.replacingOccurrences(of: "\n  vo: EXAMPLE", with: "\n  voo: EXAMPLE")
        let outcome = TestSupport.description(text, name: "fw.yaml")
        #expect(outcome.description == nil)
        let owner = line(of: "  owner_count: 3")
        let retention = line(of: "  retention_days: 90") + 1
        #expect(
            outcome.diagnostics.map(\.description).filter { $0.contains("owner_count") || $0.contains("retention") }
                == [
                    "fw.yaml:\(owner + 1):3: error: duplicate key 'owner_count'; it was first defined at line \(owner), "
                        + "column 3",
                    "fw.yaml:\(owner + 1):16: error: expected an integer of at least 0 for 'owner_count', found the string "
                        + "'many'",
                    "fw.yaml:\(retention + 1):3: error: duplicate key 'retention_days'; it was first defined at line "
                        + "\(retention), column 3",
                ])
        #expect(outcome.diagnostics.contains { $0.message.hasPrefix("unknown key 'voo'") })
        #expect(outcome.diagnostics == outcome.diagnostics.sorted())
    }

    /// Diagnostics stay in file order when the YAML error that stops the load is located before a
    /// duplicate key (at the start of the collection that holds it).
    @Test func aDuplicateAndAFatalErrorAreInFileOrder() {
        let found = TestSupport.description("format: mupj/1\n{a: 1, a: 2}: x\n", name: "fw.yaml").diagnostics
        #expect(found.map(\.location?.column) == [1, 8])
        #expect(found.last?.message.hasPrefix("duplicate key 'a'") == true)
    }

    /// `Unknown` in capitals where a fact is not known: the marker is the lower-case word, and the
    /// error says so; a string field takes it as the string it is.
    @Test func unknownInCapitalsIsNamed() {
        let l = line(of: "  retention_days: 90")
        #expect(
            errors(replacing: "\n  retention_days: 90", with: "\n  retention_days: Unknown") == [
                "fw.yaml:\(l):19: error: expected an integer of at least 0 for 'retention_days', found the string "
                    + "'Unknown'; write unknown, in lower case, if it is not known"
            ])
    }

    @Test func allErrorsInOneRunInFileOrder() {
        var text = FrameworkTemplate.text.replacingOccurrences(of: "  owner_count: 3", with: "  owner_count: x")
        text = text.replacingOccurrences(of: "  retention_days: 90", with: "  retention_days: y")
        text = text.replacingOccurrences(of: "  vo: EXAMPLE", with: "  voo: EXAMPLE")
        let found = TestSupport.description(text).diagnostics
        #expect(found.count == 4)  // unknown voo, missing vo, owner_count, retention_days
        #expect(found == found.sorted())
    }
}

/// Every field path of the format, for coverage checks.
enum FormatPaths {
    static func all() -> [String] {
        var paths: [String] = []
        func walk(_ shape: ObjectShape, _ prefix: String) {
            for field in shape.fields {
                let path = prefix.isEmpty ? field.name : prefix + "." + field.name
                paths.append(path)
                switch field.shape {
                case .object(let object): walk(object, path)
                case .list(.object(let object), _): walk(object, path)
                default: break
                }
            }
        }
        walk(FrameworkFormat.root, "")
        return paths
    }
}

@Suite struct SchemaAgreementTests {
    /// The JSON Schema is generated from the same shapes; check that it names exactly the model's
    /// fields, with the same required ones, at every level.
    @Test func schemaAndModelAgree() throws {
        func check(_ schema: JSON?, _ shape: ObjectShape) {
            guard case .object(let members)? = schema?["properties"] else {
                Issue.record("no properties for \(shape.name)")
                return
            }
            let names = members.map(\.key).filter { $0 != "source" && $0 != "notes" }
            #expect(names == shape.fields.map(\.name), "properties of \(shape.name)")
            let required = shape.fields.filter(\.required).map { JSON.string($0.name) }
            #expect((schema?["required"] ?? .array([])) == .array(required), "required of \(shape.name)")
            for field in shape.fields {
                let property = schema?["properties"]?[field.name]
                switch field.shape {
                case .object(let object):
                    check(field.allowsUnknown ? first(property?["anyOf"]) : property, object)
                case .list(.object(let object), _):
                    check(first(property?["anyOf"])?["items"], object)
                default: break
                }
            }
        }
        func first(_ json: JSON?) -> JSON? {
            if case .array(let items)? = json { return items.first }
            return nil
        }
        check(FrameworkFormat.jsonSchema(), FrameworkFormat.root)
    }

    @Test(.enabled(if: Python.hasJSONSchema, "python3 with the jsonschema package is needed"))
    func templateAndShippedDescriptionsValidateAgainstTheSchema() throws {
        let directory = try TestSupport.temporaryDirectory()
        let schemaPath = directory.appendingPathComponent("schema.json")
        try FrameworkFormat.jsonSchema().rendered().write(to: schemaPath, atomically: true, encoding: .utf8)
        var documents: [(String, [UInt8])] = [("template", Array(FrameworkTemplate.text.utf8))]
        let frameworks = TestSupport.path("frameworks")
        for file in try FileManager.default.subpathsOfDirectory(atPath: frameworks) where file.hasSuffix(".yaml") {
            documents.append((file, try SourceFile.read(frameworks + "/" + file, maxBytes: 1 << 24).bytes))
        }
        #expect(documents.count >= 5)
        for (name, bytes) in documents {
            let json = YAMLJSON.convert(try YAMLLoader.load(bytes))
            let path = directory.appendingPathComponent("doc.json")
            try json.rendered().write(to: path, atomically: true, encoding: .utf8)
            let result = try Python.validate(instance: path.path, schema: schemaPath.path)
            #expect(result.isEmpty, "\(name): \(result)")
        }
        // And a broken one is refused by the schema too.
        let broken = FrameworkTemplate.text.replacingOccurrences(of: "mechanism: glexec", with: "mechanism: sudo")
        let path = directory.appendingPathComponent("broken.json")
        try YAMLJSON.convert(try YAMLLoader.load(broken)).rendered().write(to: path, atomically: true, encoding: .utf8)
        #expect(try !Python.validate(instance: path.path, schema: schemaPath.path).isEmpty)
    }
}

/// Core-schema YAML → JSON, for handing documents to a JSON Schema validator.
enum YAMLJSON {
    static func convert(_ node: Node) -> JSON {
        switch node.content {
        case .sequence(let items): return .array(items.map(convert))
        case .mapping(let pairs): return .object(pairs.map { JSON.Member($0.name, convert($0.value)) })
        case .scalar:
            switch node.resolved {
            case .null?: return .null
            case .bool(let b)?: return .bool(b)
            case .int(let i)?: return .int(i)
            case .float(let d)?: return .number(d)
            case .bigInt(let s)?, .string(let s)?: return .string(s)
            case nil: return .null
            }
        }
    }
}

enum Python {
    static let hasJSONSchema: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            print("note: python3 with jsonschema is not available; the JSON Schema validation test is skipped")
        }
        return process.terminationStatus == 0
    }()

    /// Errors found by jsonschema (Draft 2020-12), empty when the instance is valid.
    static func validate(instance: String, schema: String) throws -> String {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[2]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[1])))]
            print("\\n".join(errors))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, instance, schema]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return "python3 failed with status \(process.terminationStatus)" }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
