import DocumentSchema
import Foundation
import Testing
import YAMLDocument

/// A small format for the tests: a root with a scalar of each kind, a list of elements with ids
/// and a reference into it.
private let element = ObjectShape(
    "element", doc: "An element.", idField: "id",
    fields: [
        Field("id", .string, unknown: false, doc: "Id."),
        Field("kind", .enumeration(["alpha", "beta"]), doc: "Kind."),
    ])

private let root = ObjectShape(
    "root", doc: "Test root.",
    fields: [
        Field("name", .string, unknown: false, doc: "Name."),
        Field("count", .integer(minimum: 0), doc: "Count."),
        Field("flag", .boolean, doc: "Flag."),
        Field("mode", .fileMode, required: false, doc: "Mode."),
        Field("day", .date, required: false, doc: "Day."),
        Field("elements", .list(.object(element), minCount: 1), unknown: false, doc: "Elements."),
        Field("target", .reference("elements"), required: false, doc: "Target."),
    ])

/// Validated as `mupj validate` does it: from the loader's table.
private func validate(_ text: String, mode: SchemaValidator.Mode = .complete) throws -> SchemaValidator.Result {
    let table = try YAMLLoader.loadTable(Array(text.utf8))
    return SchemaValidator(root: root, mode: mode).validate(table, file: "t.yaml")
}

private func messages(_ result: SchemaValidator.Result) -> [String] {
    result.diagnostics.map(\.description)
}

private let valid = """
    name: demo
    count: 3
    flag: true
    elements:
      - {id: a, kind: alpha}
      - {id: b, kind: beta}
    target: b

    """

@Suite struct SchemaValidatorTests {
    @Test func acceptsAValidDocumentAndKeepsRanges() throws {
        let result = try validate(valid)
        #expect(result.diagnostics.isEmpty)
        let object = try #require(result.value?.object)
        #expect(object["count"]?.integer == 3)
        let target = try #require(object["target"])
        guard case .reference(let collection, let id) = target.content else {
            Issue.record("target is not a reference")
            return
        }
        #expect(collection == "elements" && id == "b")
        #expect(target.range.start.line == 7 && target.range.start.column == 9)
    }

    @Test func unknownKeySuggestsTheNearestField() throws {
        let result = try validate(valid.replacingOccurrences(of: "count: 3", with: "cuont: 3"))
        #expect(messages(result).contains("t.yaml:2:1: error: unknown key 'cuont' in root; did you mean 'count'?"))
        #expect(messages(result).contains { $0.contains("missing required field 'count'") })
        #expect(result.value == nil)
    }

    @Test func wrongTypeNamesTheExpectedOne() throws {
        let result = try validate(valid.replacingOccurrences(of: "count: 3", with: "count: three"))
        #expect(
            messages(result) == [
                "t.yaml:2:8: error: expected an integer of at least 0 for 'count', found the string 'three'"
            ])
    }

    @Test func enumerationListsTheAllowedValues() throws {
        let result = try validate(valid.replacingOccurrences(of: "kind: beta", with: "kind: betta"))
        #expect(
            messages(result) == [
                "t.yaml:6:19: error: 'betta' is not allowed for 'kind'; expected one of: alpha, beta; did you mean 'beta'?"
            ])
    }

    @Test func missingRequiredFieldIsReportedAtItsMapping() throws {
        let result = try validate("name: demo\nelements: [{id: a}]\n")
        let lines = messages(result)
        #expect(
            lines.contains(
                "t.yaml:1:1: error: missing required field 'count' in root: expected an integer of at least 0 (write unknown if it is not known)"
            ))
        #expect(
            lines.contains(
                "t.yaml:2:12: error: missing required field 'kind' in element: expected one of alpha, beta (write unknown if it is not known)"
            ))
    }

    @Test func duplicateIDPointsAtTheFirstDefinition() throws {
        let result = try validate(valid.replacingOccurrences(of: "{id: b, kind: beta}", with: "{id: a, kind: beta}"))
        #expect(
            messages(result).contains(
                "t.yaml:6:10: error: duplicate element id 'a'; it was first defined at line 5, column 10"))
        // A third definition is also pointed at the first, not at the second.
        let third = try validate(
            valid.replacingOccurrences(
                of: "{id: b, kind: beta}", with: "{id: a, kind: beta}\n  - {id: a, kind: alpha}"
            ).replacingOccurrences(of: "target: b", with: "target: a"))
        #expect(
            messages(third).filter { $0.contains("duplicate") } == [
                "t.yaml:6:10: error: duplicate element id 'a'; it was first defined at line 5, column 10",
                "t.yaml:7:10: error: duplicate element id 'a'; it was first defined at line 5, column 10",
            ])
    }

    /// References resolve against the top-level collection only, also when it is written as a
    /// fact with a source; a nested list of the same shape and name defines no ids for them.
    @Test func referencesResolveAgainstTheTopLevelCollection() throws {
        let nested = ObjectShape(
            "holder", doc: "Holds elements.", idField: "id",
            fields: [
                Field("id", .string, unknown: false, doc: "Id."),
                Field("elements", .list(.object(element), minCount: 0), required: false, doc: "Nested."),
            ])
        let shape = ObjectShape(
            "root", doc: "Test root.",
            fields: [
                Field("elements", .list(.object(element), minCount: 0), doc: "Elements."),
                Field("holders", .list(.object(nested), minCount: 0), required: false, doc: "Holders."),
                Field("target", .reference("elements"), required: false, doc: "Target."),
            ])
        let check = { (text: String) in
            try SchemaValidator(root: shape).validate(YAMLLoader.load(text), file: "t.yaml").diagnostics.map(\.message)
        }
        #expect(try check("elements: {value: [{id: a, kind: alpha}], source: s}\ntarget: a\n").isEmpty)
        let nestedOnly = "elements: [{id: a, kind: alpha}]\nholders: [{id: h, elements: [{id: c, kind: beta}]}]\n"
        let expected = "no element with id 'c' is defined in elements; did you mean 'a'?"
        #expect(try check(nestedOnly + "target: c\n") == [expected])
    }

    @Test func undefinedReferenceSuggestsAnId() throws {
        let result = try validate(valid.replacingOccurrences(of: "target: b", with: "target: bb"))
        #expect(
            messages(result) == ["t.yaml:7:9: error: no element with id 'bb' is defined in elements; did you mean 'b'?"]
        )
    }

    @Test func yesIsAStringInYAML12() throws {
        let result = try validate(valid.replacingOccurrences(of: "flag: true", with: "flag: yes"))
        #expect(
            messages(result) == [
                "t.yaml:3:7: error: 'yes' is a string in YAML 1.2, not a boolean; write true for 'flag'"
            ])
    }

    @Test func quotedBooleanAsksToRemoveQuotes() throws {
        let result = try validate(valid.replacingOccurrences(of: "flag: true", with: "flag: \"true\""))
        #expect(messages(result).first?.hasSuffix("found the string 'true'; remove the quotes") == true)
    }

    @Test func unquotedFileModeExplainsTheOctalTrap() throws {
        let result = try validate(valid + "mode: 0600\n")
        #expect(
            messages(result) == [
                "t.yaml:8:7: error: expected a quoted octal file mode for 'mode'; unquoted, 0600 is read as the number 600: write \"0600\""
            ])
        #expect(try validate(valid + "mode: \"0600\"\n").diagnostics.isEmpty)
    }

    /// A day that cannot be is named with the reason; text of another form gets the form alone.
    @Test func datesAreChecked() throws {
        #expect(try validate(valid + "day: 2008-02-29\n").diagnostics.isEmpty)
        #expect(try validate(valid + "day: 2000-02-29\n").diagnostics.isEmpty)
        #expect(try validate(valid + "day: 2024-12-31\n").diagnostics.isEmpty)
        let expected = "t.yaml:8:6: error: expected a date (YYYY-MM-DD) for 'day', found the string"
        for (day, reason) in [
            ("2009-02-29", "; month 2 of 2009 has 28 days"), ("1900-02-29", "; month 2 of 1900 has 28 days"),
            ("2008-13-01", "; there is no month 13"), ("2008-00-10", "; there is no month 0"),
            ("2008-04-31", "; month 4 of 2008 has 30 days"), ("2008-01-00", "; there is no day 0"),
            ("2008-1-01", ""), ("2008/01/01", ""), ("yesterday", ""),
        ] {
            let found = messages(try validate(valid + "day: \(day)\n"))
            #expect(found == ["\(expected) '\(day)'\(reason)"], "\(found)")
        }
    }

    @Test func unknownFactsAndWrappedFacts() throws {
        let text = valid.replacingOccurrences(of: "count: 3", with: "count: unknown")
            .replacingOccurrences(of: "flag: true", with: "flag: {value: false, source: \"doc §2\", notes: n}")
        let result = try validate(text)
        #expect(result.diagnostics.isEmpty)
        let object = try #require(result.value?.object)
        #expect(object["count"]?.isUnknown == true)
        #expect(object["flag"]?.boolean == false)
        #expect(object["flag"]?.sources == ["doc §2"])
        let reason = try validate(valid.replacingOccurrences(of: "count: 3", with: "count: {unknown: not published}"))
        guard case .unknown(let why)? = reason.value?.object?["count"]?.content else {
            Issue.record("count is not unknown")
            return
        }
        #expect(why == "not published")
    }

    @Test func structureCannotBeUnknown() throws {
        let result = try validate(valid.replacingOccurrences(of: "name: demo", with: "name: {unknown: x}"))
        #expect(messages(result) == ["t.yaml:1:8: error: 'name' must be known; 'unknown' is not accepted here"])
    }

    @Test func fragmentModeSkipsRequiredFieldsOnly() throws {
        #expect(try validate("flag: true\n", mode: .fragment).diagnostics.isEmpty)
        #expect(try validate("flag: maybe\n", mode: .fragment).diagnostics.count == 1)
    }

    @Test func reportsEveryErrorInFileOrder() throws {
        let text = "name: [x]\ncount: -1\nflag: no\nelements: []\nextra: 1\n"
        let lines = messages(try validate(text))
        #expect(lines.count == 5)
        #expect(
            lines
                == lines.sorted { a, b in a.split(separator: ":")[1].count < b.split(separator: ":")[1].count || a < b }
        )
        #expect(lines[0].hasPrefix("t.yaml:1:7:"))
        #expect(lines[4].hasPrefix("t.yaml:5:1: error: unknown key 'extra'"))
    }

    @Test func capsTheNumberOfDiagnostics() throws {
        var text = valid
        for i in 0..<(SchemaValidator.maxDiagnostics + 50) { text += "junk\(i): 1\n" }
        let result = try validate(text)
        #expect(result.diagnostics.count == SchemaValidator.maxDiagnostics + 1)
        #expect(result.diagnostics.last?.severity == .note)
    }
}

@Suite struct SuggestionTests {
    @Test func nearestWithinDistance() {
        #expect(Suggestion.nearest(to: "pilott", in: ["pilot", "payload"]) == "pilot")
        #expect(Suggestion.nearest(to: "zzzzzz", in: ["pilot", "payload"]) == nil)
        // Words of more than 64 letters are not looked at: a typo there would take a table of the
        // product of their lengths to find.
        let long = String(repeating: "a", count: 64)
        #expect(Suggestion.nearest(to: long + "b", in: [long + "c"]) == nil)
        #expect(Suggestion.nearest(to: "pilot", in: [String(repeating: "p", count: 4_000), "pilott"]) == "pilott")
        #expect(Suggestion.nearest(to: String(long.dropLast()) + "b", in: [long]) == long)
    }
}

@Suite struct JSONTests {
    @Test func escapesAndOrdersMembers() {
        let json = JSON.obj([("b", .string("a\"b\\c\n\u{1}")), ("a", .array([.int(1), .bool(false), .null]))])
        #expect(
            json.rendered() == """
                {
                  "b": "a\\"b\\\\c\\n\\u0001",
                  "a": [
                    1,
                    false,
                    null
                  ]
                }

                """)
    }

    /// Escapes inside runs of plain text, the JavaScript line separators, non-ASCII text left as is.
    @Test func escapesEveryKindOfCharacter() {
        let text = "plain é\u{2028}mid\u{2029}end\tx\r\u{1F}\u{7F}€ \u{E2}"
        #expect(
            JSON.string(text).rendered() == "\"plain é\\u2028mid\\u2029end\\tx\\r\\u001f\u{7F}€ \u{E2}\"\n")
    }

    /// A document written piece by piece is byte-identical to the same document as a tree, at
    /// every depth (past the 64 spaces the writer indents with in one step) and with empty
    /// containers.
    @Test func piecewiseWritingEqualsTheTree() {
        var deep = JSON.object([JSON.Member("leaf", .string("x"))])
        for level in 0..<40 { deep = .object([JSON.Member("level\(level)", deep), JSON.Member("n", .int(level))]) }
        let tree = JSON.obj([
            ("name", .string("a\"b")), ("count", .int(-3)), ("flag", .bool(true)), ("none", nil),
            ("empty", .object([])), ("list", .array([])), ("items", .array([.string("p"), .string("q")])),
            ("deep", deep),
        ])
        var out = JSONWriter()
        out.object { out in
            out.member("name", "a\"b")
            out.member("count", -3)
            out.member("flag", true)
            out.member("none", nil as String?)
            out.member("empty") { _ in }
            out.member("list", [String]()) { out, item in out.string(item) }
            out.member("items", ["p", "q"]) { out, item in out.string(item) }
            out.member("deep", deep)
        }
        #expect(out.finish() == tree.rendered())
    }

    /// `take` hands the bytes out without losing the writer's place in the document.
    @Test func takingPiecesKeepsThePlace() {
        var out = JSONWriter()
        var pieces: [UInt8] = []
        out.open(.array)
        for n in 1...3 {
            out.nextItem()
            out.object { $0.member("n", n) }
            pieces += out.take()
        }
        out.close(.array)
        pieces += out.take()
        let tree = JSON.array((1...3).map { .object([JSON.Member("n", .int($0))]) })
        #expect(String(decoding: pieces, as: UTF8.self) + "\n" == tree.rendered())
    }

    /// An alias reads as the node its anchor names, wherever the walk meets it: as an element
    /// (an object), as a fact written out with its source, as a list of sources, as a scalar.
    /// The table holds each alias once, pointing at the anchored node; the tree the same
    /// document loads to holds a copy, and both validate alike.
    @Test(arguments: [
        (
            "name: &n demo\ncount: 3\nflag: true\nelements:\n  - &e {id: a, kind: alpha}\n  - *e\ntarget: *n\n",
            [
                // A copy is checked where the alias is, in the table as in the tree.
                "t.yaml:6:5: error: duplicate element id 'a'; it was first defined at line 5, column 13",
                "t.yaml:7:9: error: no element with id 'demo' is defined in elements",
            ]
        ),
        (
            "name: demo\ncount: &c {value: 3, source: &s [one, two]}\nflag: true\nelements:\n"
                + "  - {id: a, kind: &k {value: alpha, source: *s}}\n  - {id: b, kind: *k}\n",
            []
        ),
        (
            // A fact right where it is anchored and wrong where it is used: the error is on the
            // anchored text, and names the alias that put it there.
            "name: demo\nelements:\n  - {id: a, kind: &k {value: alpha, source: s}}\ncount: *k\nflag: true\n",
            [
                "t.yaml:3:30: error: expected an integer of at least 0 for 'count', found the string 'alpha' "
                    + "(reached through the alias at line 4, column 8)"
            ]
        ),
        (
            // A reference and a source list reached through aliases, checked after the walk or
            // read apart from the values: they name the alias as well.
            "name: &n {value: zz, source: s}\nelements: &l\n  - {id: a, kind: alpha}\n"
                + "count: {value: 3, source: *l}\nflag: true\ntarget: *n\n",
            [
                "t.yaml:1:18: error: no element with id 'zz' is defined in elements; did you mean 'a'? "
                    + "(reached through the alias at line 6, column 9)",
                "t.yaml:3:5: error: expected text for a source, found a mapping "
                    + "(reached through the alias at line 4, column 27)",
            ]
        ),
        (
            "name: demo\ncount: 3\nflag: &f true\nelements:\n  - &e {id: a, kind: alpha, extra: *f}\n"
                + "  - {id: b, kind: *e}\ntarget: z\n",
            [
                "t.yaml:5:29: error: unknown key 'extra' in element",
                "t.yaml:6:19: error: expected one of alpha, beta for 'kind', found a mapping",
                "t.yaml:7:9: error: no element with id 'z' is defined in elements; did you mean 'a'?",
            ]
        ),
    ])
    func aliasesReadAsTheirAnchoredNodes(text: String, expected: [String]) throws {
        let fromTable = try validate(text)
        let fromTree = SchemaValidator(root: root).validate(try YAMLLoader.load(text), file: "t.yaml")
        #expect(messages(fromTable) == expected)
        #expect(messages(fromTree) == expected)
        #expect(fromTable.value.map(rendered) == fromTree.value.map(rendered))
    }

    /// A fact pasted by an alias is cited at the alias, as a list or a scalar pasted is: the
    /// evidence for it points where it is used.
    @Test func aFactReachedThroughAnAliasIsCitedAtTheAlias() throws {
        let aliased = try validate(
            "name: demo\ncount: 3\nflag: true\nelements: [{id: a, kind: &k {value: alpha, source: s}}, "
                + "{id: b, kind: *k}]\n")
        let elements = try #require(aliased.value?.object?["elements"]?.list)
        let anchored = try #require(elements[0].object?["kind"])
        let pasted = try #require(elements[1].object?["kind"])
        #expect(pasted.string == "alpha" && pasted.sources == ["s"])
        #expect(anchored.range.start == SourceLocation(line: 4, column: 37, offset: 67))
        #expect(pasted.range.start == SourceLocation(line: 4, column: 71, offset: 101))
    }

    /// A scalar is shown alone (without the general writer) as it is shown inside a list (with it),
    /// and a date or a reference past the limit is cut as a string is.
    @Test func aScalarIsShownAloneAsInAList() {
        let range = SourceRange(at: .start)
        let scalars: [(Value.Content, String)] = [
            (.boolean(true), "true"), (.boolean(false), "false"), (.integer(-42), "-42"),
            (.number(1.5), "1.5"), (.date("2009-11-25"), "2009-11-25"),
            (.reference(collection: "components", id: "pilot"), "pilot"),
            (.unknown(reason: "not in the public record"), "unknown"), (.string("voms-proxy"), "voms-proxy"),
        ]
        for (content, shown) in scalars {
            let value = Value(content, range: range)
            #expect(value.display == shown)
            #expect(Value(.list([value]), range: range).display == "[\(shown)]")
        }
        // A list that fits is shown whole, nested ones too; one byte more and it is cut where the
        // limit falls.
        let first = String(repeating: "a", count: 400)
        let second = String(repeating: "b", count: Value.displayLimit - 400 - 4)
        let pair = Value(
            .list([Value(.string(first), range: range), Value(.string(second), range: range)]), range: range)
        #expect(pair.display == "[\(first), \(second)]")
        let over = Value(
            .list([Value(.string(first), range: range), Value(.string(second + "b"), range: range)]), range: range)
        #expect(over.display == "[\(first), \(second)b…")
        let nested = Value(
            .list([Value(.list([pair]), range: range), Value(.boolean(true), range: range)]), range: range)
        #expect(nested.display.hasPrefix("[[[\(first), ") && nested.display.hasSuffix("…"))
        let inner = Value(
            .list([Value(.integer(1), range: range), Value(.date("2009-11-25"), range: range)]), range: range)
        #expect(Value(.list([inner, inner]), range: range).display == "[[1, 2009-11-25], [1, 2009-11-25]]")
        #expect(Value(.list([]), range: range).display == "[]")
        let long = String(repeating: "d", count: Value.displayLimit + 1)
        #expect(Value(.date(long), range: range).display == String(long.dropLast()) + "…")
        #expect(
            Value(.reference(collection: "components", id: long), range: range).display == String(long.dropLast()) + "…"
        )
    }

    /// A finding quotes at most `Value.displayLimit` bytes of a value, cut after a whole character
    /// with "…"; a short value whole.
    @Test func aQuotedValueIsCut() {
        let range = SourceRange(at: .start)
        #expect(Value(.string("short"), range: range).display == "short")
        // A string value at the limit is shown whole; one byte more and it is cut.
        let atLimit = String(repeating: "s", count: Value.displayLimit)
        #expect(Value(.string(atLimit), range: range).display == atLimit)
        #expect(Value(.string(atLimit + "t"), range: range).display == atLimit + "…")
        #expect(Value(.string(String(repeating: "é", count: 501)), range: range).display.hasSuffix("é…"))
        let items = (0..<1_000).map { Value(.string("item\($0)"), range: range) }
        let list = Value(.list(items), range: range).display
        #expect(list.hasPrefix("[item0, item1, ") && list.hasSuffix("…"))
        #expect(list.utf8.count <= Value.displayLimit + "…".utf8.count)
        #expect(Value(.list(Array(items.prefix(3))), range: range).display == "[item0, item1, item2]")
        // Two-byte characters: the cut falls after a whole one.
        let long = Value.shown(String(repeating: "é", count: 600))
        #expect(long == String(repeating: "é", count: 500) + "…")
        // Characters of several scalars (e and a combining acute, three bytes): whole ones only,
        // also where one straddles the limit.
        let composed = "e\u{301}"
        #expect(Value.shown(String(repeating: composed, count: 400)) == String(repeating: composed, count: 333) + "…")
        let straddling = String(repeating: "a", count: 998) + "b" + String(repeating: "\u{301}", count: 10) + "c"
        #expect(Value.shown(straddling) == String(repeating: "a", count: 998) + "…")
        // One character of a million marks is longer than the limit: none of it is quoted, and it
        // is not read to its end (a million findings read it whole, 34 s).
        // ASCII is cut at the limit, but not inside a CR LF.
        #expect(Value.shown(String(repeating: "x", count: 1_500)) == String(repeating: "x", count: 1_000) + "…")
        let crlf = String(repeating: "x", count: 999) + "\r\n" + String(repeating: "y", count: 10)
        #expect(Value.shown(crlf) == String(repeating: "x", count: 999) + "…")
        let mark = "a" + String(repeating: "\u{301}", count: 1_000_000)
        #expect(Value.shown(mark) == "…")
        #expect(Value.shown("x" + mark) == "x…")
    }

    /// A value with every part and the range of each.
    private func rendered(_ value: Value) -> String {
        let at = "@\(value.range.start)-\(value.range.end)"
        let sources = value.sources.isEmpty ? "" : " sources \(value.sources)"
        switch value.content {
        case .list(let items): return "[" + items.map(rendered).joined(separator: ", ") + "]" + at + sources
        case .object(let object):
            let entries = object.entries.map { "\($0.name)@\($0.keyRange.start): \(rendered($0.value))" }
            return "{" + entries.joined(separator: ", ") + "}" + at + sources
        default: return value.display + at + sources
        }
    }

    /// A description's values are held in lists and object entries by the ten thousand; the order
    /// of `Value`'s stored properties keeps it at 56 bytes (64 with `partial` last), which the peak
    /// memory target of the 10 000-component benchmark counts on.
    @Test func valuesAreStoredCompactly() {
        #expect(MemoryLayout<Value>.stride == 56)
        #expect(MemoryLayout<ObjectValue.Entry>.stride == 96)
    }

    @Test func schemaExportListsRequiredFieldsAndEnums() {
        let schema = JSONSchemaExport.schema(for: root, id: "x", title: "t")
        #expect(
            schema["required"] == .array([.string("name"), .string("count"), .string("flag"), .string("elements")]))
        #expect(schema["additionalProperties"] == .bool(false))
        // A list may be written plainly or wrapped as {value:, source:}: the plain form comes first.
        guard case .array(let options)? = schema["properties"]?["elements"]?["anyOf"] else {
            Issue.record("elements has no anyOf")
            return
        }
        #expect(options.first?["type"] == .string("array"))
        #expect(options.count == 2)  // structure: no `unknown` alternatives
    }
}
